// The screen 继续 leads to, drawn ahead of the tap: built, styled and laid out inside the
// screen's root, unseen and taking no room (class "ahead"), so that the tap only reveals it.
// One at a time: `key` says what it was drawn for (the answers, or the next screen), `from`
// the screen on show when it was drawn.
import { h } from "./dom.js";

let ahead = null;

/** Forgets the screen drawn ahead, if any (another tick, or any other screen change). */
export function dropAhead() {
  ahead?.node.remove();
  ahead = null;
}

/** True when the screen drawn ahead is the one for `key` from `from`. */
export const isAhead = (from, key) => Boolean(ahead && ahead.from === from && ahead.key === key);

/** The screen the drawn one is for (`{ name, fact, … }`) when it matches, else `fallback`. */
export const aheadOr = (from, key, fallback) => (isAhead(from, key) ? ahead.screen : fallback);

/**
 * Draws `draw()` → `{ screen, drawn: { view, … } }` (or null: nothing to draw) into `root`,
 * unseen, and lays it out now rather than in the frame after the tap.
 */
export function drawAhead(root, from, key, draw) {
  dropAhead();
  const made = draw();
  if (!made) return;
  const node = h("div", { class: "ahead" }, made.drawn.view);
  root.append(node);
  void node.offsetHeight;
  ahead = { key, from, screen: made.screen, node, drawn: made.drawn };
}

/** `{ node, view, progress, part, prepare }` drawn ahead for `screen`, taken; any other dropped. */
export function takeAhead(screen) {
  const taken = ahead && ahead.screen === screen ? { node: ahead.node, ...ahead.drawn } : null;
  if (!taken) dropAhead();
  ahead = null;
  return taken;
}
