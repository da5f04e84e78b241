// Printing the results: a 打印结果 button and, for paper only, the answers the results rest
// on. results.css (@media print; loaded with the results screen) drops buttons and "查看…"
// toggles and fits the page to A4.
import { h } from "../dom.js";
import { answerWords } from "../days.js";

export function printButton() {
  return h("button", { type: "button", class: "button secondary print-button", onclick: () => window.print() }, "打印结果");
}

/**
 * `answered`: the engine's `questions(answers).answered` ({ fact, title, answer }), shown on
 * paper only, each answer in the worker's words as on check-your-answers (`when`, `today`: the
 * date question's case and the estimator's today; `days.js`).
 */
export function answersForPrint(answered, when, today) {
  if (!answered.length) return null;
  return h(
    "section",
    { class: "print-only print-answers" },
    h("h2", {}, "这份结果依据的回答"),
    h(
      "dl",
      { class: "print-answer-list" },
      answered.map((a) => h("div", {}, h("dt", {}, a.title.replace(/[？?]$/, "")), h("dd", {}, answerWords(a, when, today)))),
    ),
  );
}
