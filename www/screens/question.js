// One question per screen: the question as the heading, its hint, the input the engine names
// (fields/*.js), 继续, and 不清楚 where the engine offers it; above it, progress that moves.
// The options are the engine's own, already narrowed to those that can matter here.
import { h, replace } from "../dom.js";
import { getFact } from "../store.js";
import { readAloudButton } from "../channels/speech.js";
import { afterPaint } from "../frame.js";
import { dropAhead } from "../ahead.js";
import { choiceField } from "../fields/choice.js";
import { regionField } from "../fields/region.js";

/** More options than this come over a screen per theme, the engine's (`q.themes`, titled). */
const MAX_OPTIONS_ON_ONE_SCREEN = 8;

/**
 * The two parts of a long list ({ title, options }), one per theme, or null when it fits on one
 * screen (the screens below walk two parts: a question of more themes shows on one).
 */
export function themeParts(q) {
  const themes = q.themes || [];
  if (q.input !== "multi" || themes.length !== 2 || q.options.length <= MAX_OPTIONS_ON_ONE_SCREEN) return null;
  const parts = themes.map((theme, i) => ({
    title: `${theme.title}（第${i + 1}页，共${themes.length}页）`,
    options: q.options.filter((o) => (o.theme || themes[0].id) === theme.id),
  }));
  return parts.every((p) => p.options.length) ? parts : null;
}

/**
 * "已回答 N 题，最多还有 M 题": M is what the engine still lists (`next`), so it only grows
 * when an answer opened new questions. Also returns the facts, for tests and for styling.
 */
export function progress(app, fact) {
  if (fact === "region" || fact === "date") return { text: "先选地区，再说明是哪种情况，然后回答几个问题。", facts: [] };
  const { answers, unknown } = app.state;
  const q = app.questionsFor(answers);
  const skip = new Set([...unknown, "region", "date"]);
  const unknownCount = unknown.filter((f) => f !== fact && getFact(answers, f) === undefined).length;
  const answered = q.answered.filter((a) => a.fact !== "region" && a.fact !== "date").length + unknownCount;
  // The question on screen counts as still to answer, even when reopened after a 不清楚.
  const toAsk = new Set(q.next.map((x) => x.fact).filter((f) => !skip.has(f)));
  if (getFact(answers, fact) === undefined) toAsk.add(fact);
  const remaining = toAsk.size;
  const percent = Math.round((100 * answered) / Math.max(1, answered + remaining));
  const text = remaining > 0 ? `已回答 ${answered} 题，最多还有 ${remaining} 题` : `已回答 ${answered} 题`;
  return { text, facts: [...toAsk], percent };
}

function progressBar(p) {
  // (Announced to screen readers by app.js, from a live region that outlives the screen.)
  const fill = h("span");
  fill.style.width = `${p.percent || 0}%`; // the style object, not an attribute: the CSP allows no inline style
  return h(
    "div",
    { class: "progress" },
    h("p", { class: "progress-text", id: "progress-text" }, p.text),
    p.percent === undefined
      ? null
      : h("div", { class: "bar", role: "progressbar", "aria-labelledby": "progress-text", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(p.percent) }, fill),
  );
}

/**
 * The screen for `screen.fact`: `{ view, progress, part, prepare }`, where prepare() has the
 * answer on screen drawn ahead. `app`: state, est, today, regions(), question(fact),
 * questionsFor, prepare, prepareScreen, commit, go, goTo, backLink, readAloudButton, and
 * `later` (`screens/later.js` once loaded, else null): every question but the place's needs
 * its fields, and app.js draws none of them before it has come.
 */
export function questionScreen(screen, app) {
  if (screen.fact !== "region" && !app.later) throw new Error(`${screen.fact}: the later questions' fields are not loaded yet`);
  const { multiField, numberField, dayField, whenField } = app.later || {};
  const q = app.question(screen.fact);
  const { answers, unknown } = app.state;
  const current = getFact(answers, q.fact);
  const wasUnknown = unknown.includes(q.fact) && current === undefined;
  const error = h("div", { class: "error-message", id: "error", role: "alert" });
  const hint = h("p", { class: "hint", id: "hint" }, q.hint);
  const form = h("form", { class: "question", novalidate: true, autocomplete: "off", "data-fact": q.fact, "data-input": q.input });
  const parts = { hint, error };
  const themes = themeParts(q);
  const part = themes ? themes[(screen.part || 1) - 1] : null;
  let field;
  if (q.fact === "date") field = whenField(q, current, app.state.when, app.today, parts);
  else if (q.input === "date") field = dayField(q, current, app.state.when === "past" ? getFact(answers, "date") : null, app.today, parts);
  else if (q.input === "choice") field = choiceField(q, current, wasUnknown, parts);
  else if (q.input === "multi") {
    // What the first page ticked is shown ticked again; "unknown" (不清楚 there) ticks nothing here.
    const fromFirstPart = Boolean(part && screen.part === 2 && Array.isArray(screen.picked));
    field = multiField(q, fromFirstPart ? [...(Array.isArray(current) ? current : []), ...screen.picked] : current, wasUnknown, parts, part, { answered: Array.isArray(current) });
  }
  else if (q.input === "number") field = numberField(q, current, parts);
  else if (q.input === "region") field = regionField(q, current, app.regions(), parts);
  else throw new Error(`${q.fact}: unknown input ${q.input}`);
  const firstOfTwo = part && (screen.part || 1) === 1;
  const partTwo = (reply) => ({ name: "question", fact: q.fact, part: 2, picked: reply.unknown ? "unknown" : reply.value, returnTo: screen.returnTo });
  const submit = (reply) => {
    // A screen on its way out keeps its 继续 (and the focus) until the frame after the tap.
    if (app.state.screen !== screen) return;
    if (reply.error) return showError(form, error, reply.error);
    // The first of two pages: keep what was ticked, and ask the second.
    if (firstOfTwo) return app.goTo(screen, partTwo(reply));
    if (part) reply = joinParts(screen.picked, reply);
    app.commit(screen, reply, form, error);
  };
  // 继续 answers at its click and cancels the form's own submission, which would come next:
  // before its submit event Chromium lays the page out again, several times (6–9 ms of a tap
  // at 4× CPU in a trace). Enter in a field clicks 继续 too (implicit submission); a submit
  // by any other way (requestSubmit) is answered the same.
  const onSubmit = (event) => {
    event.preventDefault();
    submit(field.read());
  };
  form.addEventListener("submit", onSubmit);
  // A tick or a keystroke: the engine works out that answer after the frame that shows it
  // (app.prepare), so 继续 finds it ready. One at a time, with the latest value. A number or a
  // date not given yet (empty) has the answer of its 不清楚 button worked out instead.
  const unknownButton = Boolean(q.unknown_label && (q.input === "number" || q.input === "date"));
  let preparing = false;
  const prepareNow = () => {
    let reply = field.read();
    if (reply.empty && unknownButton) reply = { unknown: true };
    if (reply.error || !form.isConnected) return;
    if (firstOfTwo) app.prepareScreen(screen, partTwo(reply));
    else app.prepare(screen, part ? joinParts(screen.picked, reply) : reply);
  };
  const prepareSoon = () => {
    if (preparing) return;
    preparing = true;
    afterPaint(() => {
      preparing = false;
      prepareNow();
    });
  };
  form.addEventListener("change", prepareSoon);
  form.addEventListener("input", prepareSoon);
  form.append(field.node, h("div", { class: "actions" }, h("button", { type: "submit", class: "button", onclick: onSubmit }, "继续")));
  if (unknownButton) {
    form.append(h("p", { class: "or" }, "或"), h("button", { type: "button", class: "button secondary", onclick: () => submit({ unknown: true }) }, q.unknown_label));
  }
  const p = progress(app, q.fact);
  const view = [app.backLink(), progressBar(p), readAloudButton(() => questionText(q, form)), form];
  return { view, progress: p, part: themes ? screen.part || 1 : null, prepare: prepareNow };
}

/**
 * The two pages of groups as one answer. A groups answer lists every group the worker is in
 * (api.md: a group not listed is false), so when either page is 不清楚 the worker's groups are
 * not known and the whole answer is 不清楚: taking the other page's ticks as the full list would
 * say "none of these" for a page the worker could not answer.
 */
function joinParts(first, second) {
  const lists = [first, second.unknown ? "unknown" : second.value];
  if (lists.some((l) => l === "unknown")) return { unknown: true };
  return { value: lists.flat() };
}

/** What 朗读 reads on a question screen: the question, its hint, and the choices. */
function questionText(q, form) {
  const labels = [...form.querySelectorAll(".option label")].map((l) => l.textContent);
  const title = form.querySelector("h1")?.textContent || q.title;
  return [title, form.querySelector("#hint")?.textContent, labels.length ? `可以选：${labels.join("；")}` : ""].filter(Boolean).join("。");
}

export function showError(form, error, message) {
  // No screen drawn ahead stays under one with an error (its 不清楚's, or an earlier answer's):
  // the page holds one error message, the one beside the question.
  dropAhead();
  replace(error, h("p", {}, message));
  form.classList.add("has-error");
  for (const input of form.querySelectorAll("input, select")) input.setAttribute("aria-invalid", "true");
  document.title = `错误：${document.title.replace(/^错误：/, "")}`;
  const first = form.querySelector("input:not([type=radio]):not([type=checkbox]), select") || form.querySelector("input");
  if (first) first.focus();
}
