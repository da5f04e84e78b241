// The top of the results: what the worker can get, in the order they act on it — money to
// them first (a sum, and a ceiling said as a ceiling, never as 0元), then what is free, then
// what is still unknown and the one question that would settle it; and for a worker with
// nothing today, where to go, a number to tap and what to ask for. The same lines go into the
// copied summary (share.js), so what is pasted into a chat says what the screen says.
// Nothing here decides eligibility: it sorts the engine's lines by status and payee.
import { h } from "../dom.js";

/** The national service line, and where to ask when no document names an office. */
export const PHONE = "12333";
const ASK_WHERE = "当地人社部门或公共就业服务机构";
const ASK_WHAT = "问一问本地的职业培训补贴和生活费补贴";

const isProgram = (b) => b.kind === "program" || b.kind === "career_pathway" || b.payee === "none";
const eligible = (b) => b.status === "eligible";

/**
 * What the top says, as data: `sum` (the engine's total, null when 0), `ceilings` (lines to the
 * worker with a ceiling and no exact figure), `maybe` (lines to the worker that may apply, with
 * their ceiling), `waiting` (lines to the worker whose figure waits on an answer), `free`,
 * `employer`, `programs`, `open` (lines still undetermined), `question` (the fact that would
 * settle most: the engine's first `next_questions`), `office` (where to go).
 */
function headlineFacts(estimate) {
  const lines = estimate.benefits;
  const toWorker = (b) => !isProgram(b) && b.payee === "worker";
  const ceilings = lines.filter((b) => eligible(b) && toWorker(b) && !b.amount && b.amount_max);
  const waiting = lines.filter((b) => eligible(b) && toWorker(b) && !b.amount && !b.amount_max);
  const open = lines.filter((b) => b.status === "undetermined");
  const maybe = open.filter((b) => toWorker(b) && (b.amount_max || b.amount));
  const free = lines.filter((b) => eligible(b) && !isProgram(b) && b.payee === "provider");
  const employer = lines.filter((b) => eligible(b) && !isProgram(b) && b.payee === "employer");
  const programs = lines.filter((b) => eligible(b) && isProgram(b));
  const sum = estimate.totals.worker !== "0" ? estimate.totals.worker : null;
  const office = [...lines.filter(eligible), ...open].map((b) => b.next_step && b.next_step.office).find(Boolean) || ASK_WHERE;
  const question = (estimate.next_questions || [])[0] || open.map((b) => b.missing[0]).find(Boolean) || null;
  const nothing = !sum && !ceilings.length && !waiting.length && !free.length && !employer.length && !programs.length;
  return { sum, ceilings, maybe, waiting, free, employer, programs, open, question, office, nothing };
}

const ceilingWords = (b) => `最多可领${b.amount_max}元，以参保地标准为准`;
const maybeWords = (b) => (b.amount && b.amount_max && b.amount !== b.amount_max ? `${b.amount}—${b.amount_max}元` : `最多可领${b.amount_max || b.amount}元`);

/**
 * The top as plain-text lines (the copied summary): money, free, employer, unknown, next step.
 * `questionTitle(fact)` names the question that would settle the rest.
 */
export function headlineText(estimate, questionTitle) {
  const f = headlineFacts(estimate);
  const out = [];
  if (f.sum) out.push(`发给您个人的钱：合计${f.sum}元`);
  for (const b of f.ceilings) out.push(`${f.sum ? "另有" : ""}${b.title}：${ceilingWords(b)}`);
  for (const b of f.waiting) out.push(`${b.title}：符合条件，金额还不能确定`);
  if (!f.sum && !f.ceilings.length && !f.waiting.length) {
    out.push(f.maybe.length ? "还不能确定能领多少钱" : "按您的回答，目前没有确定能发给您个人的钱");
  }
  for (const b of f.maybe) out.push(`如果符合：${b.title}${maybeWords(b)}`);
  if (f.free.length) out.push(`免费培训/免费取证：${f.free.map((b) => b.title).join("、")}`);
  if (f.employer.length) out.push(`单位可以申领：${f.employer.map((b) => b.title).join("、")}`);
  if (f.programs.length) out.push(`可以参加的项目：${f.programs.map((b) => b.title).join("、")}`);
  if (f.open.length && f.question) out.push(`还有${f.open.length}项没有确定，先回答：${questionTitle(f.question)}`);
  if (f.nothing) out.push(`下一步：到${f.office}，${ASK_WHAT}；电话${PHONE}`);
  return out;
}

/**
 * The panel at the top of the results. `hooks.answer(fact)` opens the settling question;
 * `hooks.questionTitle(fact)` names it.
 */
export function headlinePanel(estimate, hooks) {
  const f = headlineFacts(estimate);
  const parts = [];
  let amount;
  if (f.sum) {
    parts.push(h("p", { class: "total-label" }, "发给您个人的钱，合计"));
    amount = `${f.sum}元`;
  } else if (f.ceilings.length) {
    parts.push(h("p", { class: "total-label" }, `发给您个人的钱：${f.ceilings[0].title}`));
    amount = `最多可领${f.ceilings[0].amount_max}元`;
  } else if (f.maybe.length) {
    parts.push(h("p", { class: "total-label" }, `如果符合条件，${f.maybe[0].title}`));
    amount = maybeWords(f.maybe[0]);
  } else {
    amount = "目前没有确定能发给您个人的钱";
  }
  parts.push(h("p", { class: "total-amount" }, amount));
  const lines = [];
  if (!f.sum && f.ceilings.length) lines.push(h("p", { class: "ceiling-note" }, "以参保地标准为准。"));
  if (!f.sum && !f.ceilings.length && f.maybe.length) lines.push(h("p", { class: "ceiling-note" }, "以参保地标准为准，还要回答下面的问题才能确定。"));
  const rest = (list, from) => list.slice(from);
  for (const b of rest(f.ceilings, f.sum ? 0 : 1)) lines.push(h("p", { class: "ceiling-line" }, `${f.sum ? "另有" : ""}${b.title}：${ceilingWords(b)}。`));
  for (const b of f.waiting) lines.push(h("p", { class: "waiting-line" }, `另有${b.title}符合条件，但金额还不能确定，没有计入。`));
  for (const b of rest(f.maybe, f.sum || f.ceilings.length ? 0 : 1)) lines.push(h("p", { class: "maybe-line" }, `如果符合，${b.title}${maybeWords(b)}。`));
  if (f.free.length) lines.push(h("p", { class: "free-line" }, h("span", { class: "label" }, "免费培训/免费取证："), f.free.map((b) => b.title).join("、")));
  if (f.employer.length) lines.push(h("p", { class: "employer-line" }, h("span", { class: "label" }, "单位可以申领："), f.employer.map((b) => b.title).join("、")));
  // Programmes (no money, nothing free) are listed below, not at the top.
  if (f.open.length && f.question) {
    lines.push(
      h(
        "p",
        { class: "open-line", "data-open": String(f.open.length) },
        h("button", { type: "button", class: "link settle-button", onclick: () => hooks.answer(f.question) }, `先回答：${hooks.questionTitle(f.question)}`),
      ),
    );
  }
  if (f.nothing) lines.push(nextStepPanel(f.office));
  const plain = !f.sum && !f.ceilings.length;
  return h("div", { class: `total-panel${plain ? " zero" : ""}`, id: "total" }, parts, lines);
}

/** For a worker with nothing today: where to go, a number to tap, what to ask for. */
function nextStepPanel(office) {
  return h(
    "div",
    { class: "next-step headline-next", id: "headline-next" },
    h("p", {}, h("span", { class: "label" }, "下一步："), `到${office}，${ASK_WHAT}。`),
    h("p", { class: "call" }, h("a", { class: "tel", href: `tel:${PHONE}` }, `拨打${PHONE}`), "（人社服务热线）"),
  );
}
