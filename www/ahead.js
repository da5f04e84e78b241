// The screen 继续 leads to, drawn ahead of the tap: built, styled and laid out inside the
// screen's root, unseen, unreachable and taking no room (class "ahead"), so that the tap only
// reveals it.
// One at a time: `key` says what it was drawn for (the answers, or the next screen), `from`
// the screen on show when it was drawn.
import { h } from "./dom.js";
import { afterPaint } from "./frame.js";

let ahead = null;

/** Forgets the screen drawn ahead, if any (another tick, or any other screen change). */
export function dropAhead() {
  ahead?.node.remove();
  ahead = null;
}

/** What a screen drawn ahead after an answer depends on besides the screen it was drawn from. */
export const aheadKey = (answers, unknown, when) => JSON.stringify([answers, unknown, when ?? null]);

/** True when the screen drawn ahead is the one for `key` from `from`. */
export const isAhead = (from, key) => Boolean(ahead && ahead.from === from && ahead.key === key);

/** The screen the drawn one is for (`{ name, fact, … }`) when it matches, else `fallback`. */
export const aheadOr = (from, key, fallback) => (isAhead(from, key) ? ahead.screen : fallback);

/** What Tab can reach (the screens have no other focusable elements). */
const TABBABLE = "a[href], button, input, select, textarea, summary, [tabindex]";

/**
 * Draws `draw()` → `{ screen, drawn: { view, … } }` (or null: nothing to draw) into `root`,
 * unseen, and lays it out now rather than in the frame after the tap. Out of the accessibility
 * tree (aria-hidden) and the Tab order (tabindex -1 on each element Tab could reach) until
 * taken: not `visibility: hidden` or `inert`, which every element inherits, so that showing
 * the screen would make the browser style each of them again at the tap.
 */
export function drawAhead(root, from, key, draw) {
  dropAhead();
  const made = draw();
  if (!made) return;
  const node = h("div", { class: "view ahead", "aria-hidden": "true" }, made.drawn.view);
  const tabbable = [...node.querySelectorAll(TABBABLE)].map((el) => [el, el.getAttribute("tabindex")]);
  for (const [el] of tabbable) el.tabIndex = -1;
  root.append(node);
  void node.offsetHeight;
  ahead = { key, from, screen: made.screen, node, drawn: made.drawn, tabbable };
}

/**
 * `{ node, view, progress, part, prepare }` drawn ahead for `screen`, taken, for reveal()
 * (dom.js) to show; any other is dropped. Back in the Tab order and the accessibility tree
 * right after the frame that shows it, before its heading takes the focus (app.js render).
 */
export function takeAhead(screen) {
  prepared = null;
  if (!ahead || ahead.screen !== screen) {
    dropAhead();
    return null;
  }
  const { node, drawn, tabbable } = ahead;
  ahead = null;
  afterPaint(() => {
    for (const [el, tabindex] of tabbable) {
      if (tabindex === null) el.removeAttribute("tabindex");
      else el.setAttribute("tabindex", tabindex);
    }
    node.removeAttribute("aria-hidden");
  });
  return { node, ...drawn };
}

/**
 * What an answer ticked or typed on `screen` leads to (app.js prepare: the answers as they
 * would be, which the engine accepted), worked out against the state `from`; kept until the
 * screen changes, for 继续 to take rather than work it out again at the tap.
 */
let prepared = null;
export function keepPrepared(screen, reply, from, made) {
  prepared = { screen, reply: JSON.stringify(reply), from, made };
}

/** What keepPrepared() kept for `reply` to `screen`, if the state is still `from`; else null. */
export function takePrepared(screen, reply, from) {
  const p = prepared;
  prepared = null;
  const same = p && p.screen === screen && p.from.every((x, i) => x === from[i]) && p.reply === JSON.stringify(reply);
  return same ? p.made : null;
}
