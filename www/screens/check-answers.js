// Check your answers: every answer in words, each with 修改 (which comes back here), then 查看结果.
import { h, hidden } from "../dom.js";
import { answerWords } from "../days.js";

export function checkScreen(app) {
  const q = app.questionsFor(app.state.answers);
  const rows = q.answered.map((a) => ({ fact: a.fact, title: a.title, answer: answerWords(a, app.state.when, app.today) }));
  for (const fact of app.state.unknown) {
    if (app.answerOf(fact) !== undefined) continue;
    try {
      rows.push({ fact, title: app.est.question(fact).title, answer: "不清楚" });
    } catch {
      // A fact the engine no longer asks about: nothing to show or change.
    }
  }
  const change = (fact) => app.go({ name: "question", fact, returnTo: "check" });
  return [
    app.backLink(),
    h("h1", { tabindex: "-1" }, "请核对您的回答"),
    h("p", { class: "hint" }, "点“修改”可以改其中任何一项，改完会回到这一页。"),
    h(
      "dl",
      { class: "summary" },
      rows.map((row) =>
        h(
          "div",
          { class: "summary-row", "data-fact": row.fact },
          h("dt", {}, row.title),
          h("dd", { class: "summary-answer" }, row.answer),
          h("dd", { class: "summary-change" }, h("button", { type: "button", class: "link", onclick: () => change(row.fact) }, "修改", hidden(`：${row.title}`))),
        ),
      ),
    ),
    h("button", { type: "button", class: "button", onclick: () => app.go({ name: "results" }) }, "查看结果"),
  ];
}
