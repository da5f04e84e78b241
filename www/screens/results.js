// The results screen: the engine's estimate, in the order a worker acts on it — what you can
// get (money to you, free training, what your employer can claim, programmes), each with
// "符合 N/M 条" and its next step; then what still needs an answer; then one closed section
// with everything that does not fit now, each with its reason and what would change it.
// Every line names its document and clause; nothing here decides eligibility or computes an
// amount, and policy wording goes in as text.
import { append, h } from "../dom.js";
import { incompleteNote } from "../wording.js";
import { headlinePanel } from "./headline.js";
import { checklistSection } from "./checklist.js";

const isProgram = (b) => b.kind === "program" || b.kind === "career_pathway" || b.payee === "none";

/** The groups, in the order a worker cares about them (the copied summary uses them too). */
export const GROUPS = [
  { id: "worker", title: "发给您个人的钱", test: (b) => b.status === "eligible" && !isProgram(b) && b.payee === "worker" },
  {
    id: "provider",
    title: "免费培训/免费取证（补贴直接付给培训机构）",
    short: "免费培训/免费取证（补贴付给培训机构）",
    intro: "钱付给培训或鉴定机构，您免费参加。",
    test: (b) => b.status === "eligible" && !isProgram(b) && b.payee === "provider",
  },
  {
    id: "employer",
    title: "单位可以申领的",
    intro: "钱发给单位，可以告诉单位去申领。",
    test: (b) => b.status === "eligible" && !isProgram(b) && b.payee === "employer",
  },
  { id: "program", title: "可以参加的项目", test: (b) => b.status === "eligible" && isProgram(b) },
  { id: "undetermined", title: "还需要回答的", intro: "回答下面的问题，就能确定。", test: (b) => b.status === "undetermined" },
  { id: "ineligible", title: "目前不符合的", test: (b) => b.status === "ineligible" },
];

const yuan = (text) => `${text}元`;

/** "1500元", "4000—6000元", "不超过1000元" (a ceiling in the law's words, never "最高"), or null. */
export function amountText(b) {
  if (b.amount && b.amount_max && b.amount_max !== b.amount) return `${b.amount}—${yuan(b.amount_max)}`;
  if (b.amount) return yuan(b.amount);
  if (b.amount_max) return `不超过${yuan(b.amount_max)}`;
  return null;
}

function documentName(title, docNumber) {
  return `《${title}》${docNumber ? `（${docNumber}）` : ""}`;
}

/**
 * A show/hide control (GOV.UK's pattern): a button that says what it opens, and the part it
 * opens, closed at first. On paper the part is printed open (results.css).
 */
function disclosure(id, label, children, buttonClass = "link disclosure") {
  const body = h("div", { class: "disclosure-body", id: `${id}-body`, hidden: true }, children);
  const button = h("button", { type: "button", class: buttonClass, "aria-expanded": "false", "aria-controls": body.id }, label);
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    body.hidden = !open;
  });
  return { button, body };
}

/**
 * "依据：城政发〔2020〕12号 三(二)", with 查看原文 opening to the clause's own words, and the
 * warning of a reprinted source.
 */
function sourceLine(b) {
  const s = b.source;
  // The 文号 is short and names the document; the full title is under 查看原文 (出处).
  const line = [h("span", { class: "label" }, "依据："), s.doc_number || documentName(s.document, null), ` ${s.clause}`];
  const quote = s.quote
    ? disclosure(`quote-${b.id}`, "查看原文", [
        h("blockquote", {}, s.quote),
        h("p", { class: "small" }, `出处：${s.issuer}，${documentName(s.document, s.doc_number)} ${s.clause}`),
      ], "link quote-toggle")
    : null;
  return [
    h("p", { class: "source" }, line, quote ? [" ", quote.button] : null),
    quote ? quote.body : null,
    s.source_warning ? h("p", { class: "source-warning" }, s.source_warning) : null,
  ];
}

const MET_WORDS = { true: ["✓", "符合"], false: ["✗", "不符合"], null: ["？", "还不知道"] };

function criterionItem(c) {
  const [mark, words] = MET_WORDS[String(c.met)];
  return h(
    "li",
    { class: `criterion met-${String(c.met)}` },
    h("span", { class: "mark", "aria-hidden": "true" }, mark),
    h("span", { class: "visually-hidden" }, `${words}：`),
    h("span", {}, c.text),
    h("span", { class: "cite" }, `（${c.cite}）`),
    c.met === false && c.hint ? h("span", { class: "criterion-hint" }, `怎样才能符合：${c.hint}`) : c.met !== false && c.hint ? h("span", { class: "criterion-note" }, c.hint) : null,
  );
}

/** "符合 N/M 条", opening to every condition with ✓/✗/？ and its clause. */
function criteriaDetails(b) {
  if (!b.criteria.length) return null;
  const met = b.criteria.filter((c) => c.met === true).length;
  return h(
    "details",
    { class: "criteria" },
    h("summary", {}, h("span", { class: "met-count" }, `符合 ${met}/${b.criteria.length} 条`), "，查看条件"),
    h("ul", { class: "criteria-list" }, b.criteria.map(criterionItem)),
  );
}

/** "2022-05-20" → "2022年5月20日". */
function chineseDate(day) {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * What to do next, from the engine's `next_step`: where, a tappable 12333, by when, and what to
 * bring — as the document states it, or else only as general guidance (said once in the
 * checklist where the line is on it: `inChecklist`).
 */
function nextStep(step, shown, inChecklist = false) {
  if (!step) return null;
  const phone = step.phone || "12333";
  const deadline = step.deadline
    ? h(
        "p",
        { class: step.deadline_passed ? "deadline passed" : "deadline" },
        h("span", { class: "label" }, "申请期限："),
        `${step.deadline_text ? `${step.deadline_text}，即` : ""}${chineseDate(step.deadline)}前（含当天）`,
        step.deadline_passed ? "，已经过了，请先电话问清楚" : "",
        step.deadline_cite ? h("span", { class: "cite" }, `（${step.deadline_cite}）`) : null,
      )
    : step.deadline_text
      ? h("p", { class: "deadline" }, h("span", { class: "label" }, "申请期限："), step.deadline_text, step.deadline_cite ? h("span", { class: "cite" }, `（${step.deadline_cite}）`) : null)
      : null;
  const materials = step.materials && step.materials.length
    ? h("p", { class: "materials" }, h("span", { class: "label" }, "要带："), step.materials.join("、"), step.materials_cite ? h("span", { class: "cite" }, `（${step.materials_cite}）`) : null)
    : step.materials_general && step.materials_general.length && !inChecklist
      ? h("p", { class: "materials general" }, generalMaterials(step.materials_general, shown))
      : null;
  return h(
    "div",
    { class: "next-step" },
    h("p", { class: "apply" }, h("span", { class: "label" }, "到哪里申请："), step.office || step.how, step.office && step.office_cite ? h("span", { class: "cite" }, `（${step.office_cite}）`) : null, "，", h("a", { class: "tel", href: `tel:${phone}` }, `拨打${phone}`)),
    deadline,
    materials,
  );
}

/**
 * The documents are silent about what to bring: the general list, as guidance only. Said in
 * full once; a later card with the same list says so in a line.
 */
function generalMaterials(list, shown) {
  const words = list.join("、");
  if (shown.has(words)) return "一般需要的材料同上，以经办机构要求为准。";
  shown.add(words);
  return `文件没有写要带什么。一般需要${words}，以经办机构要求为准。`;
}

function answerButton(fact, hooks) {
  return h("button", { type: "button", class: "button secondary answer-button", onclick: () => hooks.answer(fact) }, `补充回答：${hooks.questionTitle(fact)}`);
}

/** The amount line: an exact sum, or a ceiling said as one ("不超过1500元，具体标准以参保地公布为准"). */
function amountLine(b) {
  const amount = amountText(b);
  if (!amount) return b.amount_note && !b.missing.length ? null : h("p", { class: "amount none" }, b.missing.length ? "金额还不能确定" : "文件未写明金额");
  // A ceiling: said as one, with the engine's note where it gives one (it says who sets the figure).
  if (!b.amount && b.amount_max) return h("p", { class: "amount ceiling" }, b.amount_note ? amount : `${amount}，具体标准以参保地公布为准`);
  return h("p", { class: "amount" }, amount);
}

/** One benefit. `shown`: the general materials lists already given in full on this screen. */
function card(b, hooks, shown) {
  const parts = [h("h3", {}, b.title)];
  const ended = b.claim_window_note
    ? h("p", { class: "claim-window" }, `${b.claim_window_note}。`)
    : b.source.ended_note ? h("p", { class: "warning ended" }, `${b.source.ended_note}。`) : null;
  const note = b.amount_note ? h("p", { class: "note" }, b.amount_note) : null;
  if (b.status === "eligible") {
    parts.push(amountLine(b), note, ended, criteriaDetails(b));
    // Eligible, but the amount waits on an answer (e.g. how many days): offer that question.
    if (b.missing.length) parts.push(answerButton(b.missing[0], hooks));
    // The general list of what to bring is said once, in 办理时要带的材料 (checklist.js), for
    // every line the worker applies for; an employer's line keeps its own.
    parts.push(nextStep(b.next_step, shown, b.payee !== "employer"), hooks.calendarButton ? hooks.calendarButton(b) : null);
  } else if (b.status === "undetermined") {
    // The question that would settle it says what is missing; the reason is kept where there is none.
    const ceiling = amountText(b) ? h("p", { class: "note" }, `如果符合，${amountText(b)}`) : null;
    parts.push(ceiling, b.missing.length ? null : h("p", { class: "reason" }, b.reason), ended, criteriaDetails(b));
  } else {
    parts.push(h("p", { class: "reason" }, b.reason), ended, criteriaDetails(b));
  }
  parts.push(sourceLine(b));
  return h("article", { class: `benefit ${b.status}`, "data-benefit": b.id }, parts);
}

/** Documents that do not cover the chosen date, in one short block with the date question again. */
function notInForceSection(estimate, hooks) {
  const expired = estimate.documents.filter((d) => !d.in_force && !governs(estimate, d));
  if (!expired.length) return null;
  const count = estimate.benefits.filter((b) => b.status === "not_in_force").length;
  return h(
    "section",
    { class: "group not-in-force", id: "group-not-in-force" },
    h("h2", {}, `${expired.length}份文件不在所选日期的执行期内`),
    h("p", {}, `这些文件里的${count}项补贴不按${chineseDate(estimate.date)}测算。${hooks.datedEvent ? "如果您是在执行期内参加的培训或取得的证书，可以按那时的年月重新测算。" : ""}`),
    expired.map((d) => {
      const benefits = estimate.benefits.filter((b) => b.source.document_id === d.id && b.status === "not_in_force");
      return h(
        "details",
        { class: "document expired", "data-document": d.id },
        // The period is said once, in the warning it opens to.
        h("summary", {}, documentName(d.title, d.doc_number)),
        h("p", { class: "warning" }, `该文件执行期为${d.period_text}，所选日期（${chineseDate(estimate.date)}）不在执行期内。`),
        benefits.length ? h("ul", { class: "plain-list" }, benefits.map((b) => h("li", {}, `${b.title}（${b.source.clause}）`))) : null,
      );
    }),
    hooks.datedEvent ? h("button", { type: "button", class: "button secondary", onclick: () => hooks.changeDate() }, "按培训或取证的年月重新测算") : null,
  );
}

/** A document that is the basis of a line of this estimate (an ended notice whose claim window is open). */
const governs = (estimate, d) => estimate.benefits.some((b) => b.source.document_id === d.id && b.status !== "not_in_force");

function documentsSection(estimate) {
  if (!estimate.documents.length) return null;
  const label = `本次测算依据的${estimate.documents.length}份文件`;
  const { button, body } = disclosure(
    "documents",
    label,
    estimate.documents.map((d) =>
      h(
        "article",
        { class: "document", "data-document": d.id },
        h("h3", {}, documentName(d.title, d.doc_number)),
        h("p", {}, `发文单位：${d.issuer}`),
        h("p", {}, `执行期：${d.period_text}`, " ", d.in_force ? h("span", { class: "tag ok" }, "所选日期在执行期内") : governs(estimate, d) ? h("span", { class: "tag ok" }, "按这份文件办理") : h("span", { class: "tag warn" }, "所选日期不在执行期内"), d.verified_on ? h("span", { class: "small verified" }, ` 核对于${Number(d.verified_on.slice(0, 4))}年${Number(d.verified_on.slice(5, 7))}月`) : null),
        d.period_note ? h("p", { class: "small" }, d.period_note) : null,
        d.source_grade === "secondary" || d.source_grade === "news" ? h("p", { class: "source-warning" }, "来源为转载，请以官方原文为准") : d.source_grade === "unverified" ? h("p", { class: "source-warning" }, "这份通知只见于第三方资料，尚未找到官方原文，不能确认") : null,
        d.apply ? h("p", { class: "apply" }, h("span", { class: "label" }, "到哪里申请："), d.apply) : null,
      ),
    ),
  );
  return h("section", { class: "group documents-used", id: "documents-used" }, h("h2", {}, button, h("span", { class: "print-only" }, label)), body);
}

/**
 * The whole results screen for `estimate`, in two parts: `node`, the results with their top
 * (the heading, the place and day, and what the worker can get: headline.js), and `rest()`,
 * which appends everything beneath it (each line's card, what to bring, what does not fit, the
 * documents; null when there is nothing more). The page draws the top first and the rest, in
 * parts, in the tasks after the frame that shows it (app.js): one task building and laying out
 * every card is a long one on a slow phone. The top is worked out from the whole estimate, so
 * it never says anything the rest changes, and the rest goes beneath it, so nothing on show
 * moves.
 * `hooks`: answer(fact), changeDate(), checkAnswers(), questionTitle(fact), datedEvent (the
 * worker named a certificate or a training: re-estimating by its month fits).
 */
export function resultsView(estimate, hooks) {
  const where = estimate.region_name || "所选地区";
  const intro = [
    h("h1", { tabindex: "-1" }, "测算结果"),
    h("p", { class: "context" }, h("span", {}, `地区：${where}`), h("span", {}, `按${chineseDate(estimate.date)}测算`)),
  ];
  const call = h("p", { class: "call" }, h("a", { class: "tel", href: "tel:12333" }, "拨打12333咨询"));
  if (!estimate.documents.length) {
    return { node: h("div", { class: "results" }, intro, h("div", { class: "panel" }, h("p", {}, `还没有收录适用于${where}的补贴文件，无法测算。可以咨询当地人社部门。`), call), actions(hooks)), rest: null };
  }
  const nothing = estimate.nothing_in_force_note
    ? h(
        "div",
        { class: "panel warning-panel", id: "nothing-in-force" },
        h("p", {}, estimate.nothing_in_force_note),
        call,
        hooks.datedEvent ? [
          h("p", {}, "如果您是以前参加的培训或拿的证书，请按那时的年月测算。"),
          h("button", { type: "button", class: "button secondary", onclick: () => hooks.changeDate() }, "按培训或取证的年月重新测算"),
        ] : null,
      )
    : null;
  const node = h("div", { class: "results" }, intro, nothing, headlinePanel(estimate, hooks));
  return {
    node,
    // In parts, each built in a task of its own and laid out in a frame of its own (one frame
    // laying out every card took 230–270 ms at 4× CPU, one task building them 50–90 ms): each
    // group the worker can get; what is open and what to bring; what does not fit (closed);
    // the documents and the buttons. `later(fn)` runs fn after the next frame and resolves
    // to whether the screen is still the same (then fn ran); so does `rest`.
    rest: (later) => {
      const [first, ...others] = restOfResults(estimate, hooks);
      append(node, [first()]);
      return others.reduce((same, part) => same.then((yes) => yes && later(() => append(node, [part()]))), Promise.resolve(true));
    },
  };
}

/**
 * Everything beneath the top of the results (resultsView), in the order a worker acts on it:
 * parts, each a function making its nodes, to be called in this order.
 */
function restOfResults(estimate, hooks) {
  const shown = new Set();
  const section = (group, items, extra = null) =>
    items.length || extra
      ? h("section", { class: `group group-${group.id}`, id: `group-${group.id}` }, h("h2", {}, group.title), extra, group.intro ? h("p", { class: "group-intro" }, group.intro) : null, items.map((b) => card(b, hooks, shown)))
      : null;
  const items = (id) => estimate.benefits.filter(GROUPS.find((g) => g.id === id).test);
  // What still needs an answer, by the question that would settle it: one button, then the
  // items it settles (several often wait on the same answer).
  const open = items("undetermined");
  const byQuestion = new Map();
  for (const b of open) {
    const fact = b.missing[0] || "";
    byQuestion.set(fact, [...(byQuestion.get(fact) || []), b]);
  }
  const undeterminedSection = () =>
    open.length
      ? h(
          "section",
          { class: "group group-undetermined", id: "group-undetermined" },
          h("h2", {}, GROUPS.find((g) => g.id === "undetermined").title),
          [...byQuestion].map(([fact, list]) => h("div", { class: "ask" }, fact ? answerButton(fact, hooks) : null, list.map((b) => card(b, hooks, shown)))),
        )
      : null;
  // A part for each group the worker can get, laid out with the frame after it: each adds a
  // few cards (those near the screen: results.css lays out the others when scrolled to).
  const groups = GROUPS.filter((g) => g.id !== "ineligible" && g.id !== "undetermined" && items(g.id).length);
  return [
    ...groups.map((g) => () => section(g, items(g.id))),
    () => [undeterminedSection(), checklistSection(estimate)],
    () => ineligibleSection(items("ineligible"), hooks, shown),
    () => [
      notInForceSection(estimate, hooks),
      // A document captured only in part is said on the screen, not only inside the list below.
      estimate.documents.filter((d) => d.incomplete).map((d) => h("p", { class: "warning incomplete", "data-document": d.id }, `注意：${documentName(d.title, d.doc_number)}${incompleteNote(d.incomplete_after)}`)),
      documentsSection(estimate),
      h("p", { class: "small" }, "结果仅供参考，以当地人社部门审核为准。"),
      actions(hooks),
    ],
  ];
}

/** The one closed section: "另有 N 项目前不符合", opening to each with its reason and what would change it. */
function ineligibleSection(ineligible, hooks, shown) {
  if (!ineligible.length) return null;
  const label = `另有${ineligible.length}项目前不符合`;
  const { button, body } = disclosure("ineligible", label, [
    h("p", { class: "group-intro" }, "每一项写明了不符合的原因，以及怎样才能符合。"),
    ineligible.map((b) => card(b, hooks, shown)),
  ]);
  return h("section", { class: "group group-ineligible", id: "group-ineligible" }, h("h2", {}, button, h("span", { class: "print-only" }, label)), body);
}

function actions(hooks) {
  return h(
    "div",
    { class: "actions" },
    h("button", { type: "button", class: "button secondary", onclick: () => hooks.checkAnswers() }, "修改我的回答"),
    h("button", { type: "button", class: "button secondary", onclick: () => hooks.changeDate() }, "换一个日期测算"),
  );
}
