// The results screen as the page shows it, loaded once the start screen is usable (a chunk of
// its own in dist/, with the results view, printing and sharing): the estimate (results.js),
// the answers it rests on for paper, and the tools (read aloud, share or the kiosk's QR code,
// print). `app`: state, est, go, backLink, questionsFor, readAloudButton (one copy of
// speech.js, whose buttons share one listener), kiosk.
import { h } from "../dom.js";
import { GROUPS, amountText, resultsView } from "./results.js";
import { answersForPrint, printButton } from "../channels/print.js";
import { shareLink, sharePanel, summaryText } from "../channels/share.js";

/**
 * Its style sheet (results.css, kept out of the first load), asked for as this module loads:
 * app.js draws the results once this settles. A sheet that fails to load leaves the results
 * plain, not missing. (A promise, not a top-level await, which older webviews cannot parse.)
 */
export const styled = new Promise((resolve) => {
  const href = new URL("../results.css", import.meta.url).href;
  if ([...document.styleSheets].some((sheet) => sheet.href === href)) return resolve();
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  link.onload = resolve;
  link.onerror = () => {
    console.info("results.css did not load");
    resolve();
  };
  document.head.append(link);
});

export function resultsScreen(app) {
  const { est, go } = app;
  const answers = app.state.answers;
  const estimate = est.estimate(answers);
  const summary = () => summaryText(estimate, GROUPS, amountText);
  const link = shareLink(answers);
  const tools = h(
    "div",
    { class: "channel-tools" },
    app.readAloudButton(summary, "朗读结果"),
    app.kiosk ? qrSlot(link) : sharePanel({ summary, link: () => shareLink(answers) }),
    printButton(),
  );
  return [
    app.backLink(),
    resultsView(estimate, {
      questionTitle: (fact) => {
        try {
          return est.question(fact).title;
        } catch {
          return fact;
        }
      },
      answer: (fact) => go({ name: "question", fact, returnTo: "results" }),
      changeDate: () => go({ name: "question", fact: "date", returnTo: "results" }),
      checkAnswers: () => go({ name: "check" }),
    }),
    answersForPrint(app.questionsFor(answers).answered),
    tools,
  ];
}

/** The kiosk's QR code, drawn once its module (and the QR library) has loaded. */
function qrSlot(link) {
  const slot = h("div", { class: "qr-slot" });
  import("../channels/qr.js")
    .then(({ qrPanel }) => {
      if (slot.isConnected) slot.append(qrPanel(link));
    })
    .catch((error) => {
      console.info("qr:", error);
      slot.append(h("p", {}, "二维码没有显示出来，可以点“打印结果”带走结果。"));
    });
  return slot;
}
