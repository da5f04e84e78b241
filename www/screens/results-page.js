// The results screen as the page shows it, loaded once the start screen is usable (a chunk of
// its own in dist/, with the results view, printing and sharing): the estimate (results.js),
// the answers it rests on for paper, and the tools (read aloud, share or the kiosk's QR code,
// print). `app`: state, est, go, backLink, questionsFor, readAloudButton (one copy of
// speech.js, whose buttons share one listener), kiosk.
import { h } from "../dom.js";
import { GROUPS, amountText, resultsView } from "./results.js";
import { answersForPrint, printButton } from "../channels/print.js";
import { shareLink, sharePanel, summaryText } from "../channels/share.js";
import { headlineText } from "./headline.js";
import { checklistText, whereAndWhen } from "./checklist.js";
import { calendarButton } from "../channels/calendar.js";
import { styleSheet } from "../sheet.js";

/**
 * Its style sheet (results.css, kept out of the first load), asked for as this module loads:
 * app.js draws the results once this settles (`sheet.js`).
 */
export const styled = styleSheet(new URL("../results.css", import.meta.url).href);

/**
 * The results screen: `view`, its top (what app.js draws at once), and `rest()`, which puts
 * in everything beneath it (results.js's rest, the answers for paper and the tools), for app.js
 * to call in the task after the frame that shows the top.
 */
export function resultsScreen(app) {
  const { est, go } = app;
  const answers = app.state.answers;
  const estimate = est.estimate(answers);
  const questionTitle = (fact) => {
    try {
      return est.question(fact).title;
    } catch {
      return fact;
    }
  };
  const summary = () => summaryText(estimate, GROUPS, amountText, { top: headlineText(estimate, questionTitle), whereAndWhen, checklist: checklistText(estimate) });
  const results = resultsView(estimate, {
    questionTitle,
    calendarButton: app.kiosk ? null : (b) => calendarButton(b, estimate.region_name),
    datedEvent: datedEvent(answers, app.state.when),
    answer: (fact) => go({ name: "question", fact, returnTo: "results" }),
    changeDate: () => go({ name: "question", fact: "date", returnTo: "results" }),
    checkAnswers: () => go({ name: "check" }),
  });
  // `later` (app.js): fn after the next frame, if the screen is still this one; a promise of it.
  const rest = async (later) => {
    if (results.rest && !(await results.rest(later))) return;
    const tools = h(
      "div",
      { class: "channel-tools" },
      app.readAloudButton(summary, "朗读结果"),
      app.kiosk ? qrSlot(shareLink(answers)) : sharePanel({ summary, link: () => shareLink(answers) }),
      printButton(),
    );
    results.node.after(...[answersForPrint(app.questionsFor(answers).answered, app.state.when, app.today), tools].filter(Boolean));
  };
  return { view: [app.backLink(), app.viewingShared && app.viewingShared() ? sharedBanner(app) : null, results.node], rest };
}

/**
 * Someone else's results (a shared link, a kiosk's QR code): said so, with the way to take
 * the answers over (app.js asks first where the phone keeps answers of its own) or go back.
 */
function sharedBanner(app) {
  return h(
    "div",
    { class: "shared-banner", id: "shared-banner", role: "note" },
    h("p", { class: "shared-title" }, "别人分享的结果"),
    h("p", { class: "small" }, "按分享人的回答算出，没有保存在本机，也没有改动您自己的回答。"),
    h("button", { type: "button", class: "link adopt-shared", onclick: () => app.adoptShared() }, "用这些回答重新测算"),
    h("button", { type: "button", class: "link leave-shared", onclick: () => app.leaveShared() }, "回到我自己的测算"),
  );
}

/**
 * Estimating by the month of a training or a certificate fits, unless the worker said they
 * have neither (no certificate and no training: there is no month to go by), or said on the
 * date screen that they only plan one (我打算参加培训或考证: the month is still to come).
 */
function datedEvent(answers, when) {
  const none = (kind) => kind === "none";
  if (when === "planned") return false;
  return !(none(answers.certificate && answers.certificate.kind) && none(answers.training && answers.training.kind));
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
