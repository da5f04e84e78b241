// The results screen: the engine's estimate, grouped by who gets the money. Every line names
// its document and clause; nothing here decides eligibility or computes an amount.
import { h } from "./dom.js";
import { incompleteNote } from "./wording.js";

const FALLBACK_APPLY = "当地人社部门，或拨打12333人社服务热线";

const isProgram = (b) => b.kind === "program" || b.kind === "career_pathway" || b.payee === "none";

/** The groups, in the order a worker cares about them (the copied summary uses them too). */
export const GROUPS = [
  {
    id: "worker",
    title: "发给您个人的钱",
    test: (b) => b.status === "eligible" && !isProgram(b) && b.payee === "worker",
  },
  {
    id: "provider",
    title: "免费培训/免费取证（补贴直接付给培训机构）",
    short: "免费培训/免费取证（补贴付给培训机构）",
    intro: "这些补贴由政府直接付给培训或鉴定机构，您可以免费参加，钱不发给个人。",
    test: (b) => b.status === "eligible" && !isProgram(b) && b.payee === "provider",
  },
  {
    id: "employer",
    title: "单位可以申领的",
    intro: "这些补贴发给您所在的单位，不计入您个人的合计。可以告诉单位去申领。",
    test: (b) => b.status === "eligible" && !isProgram(b) && b.payee === "employer",
  },
  {
    id: "program",
    title: "可以了解的项目",
    intro: "文件里提到的项目，您可以参加；文件没有写明金额。",
    test: (b) => b.status === "eligible" && isProgram(b),
  },
  {
    id: "undetermined",
    title: "需要再确认的",
    intro: "还差一些情况才能确定。知道的话可以补充回答。",
    test: (b) => b.status === "undetermined",
  },
  {
    id: "ineligible",
    title: "目前不符合的",
    intro: "下面写明了不符合的原因，以及怎样才能符合。",
    test: (b) => b.status === "ineligible",
  },
];

const yuan = (text) => `${text}元`;

/** "1500元", "4000—6000元", "最高1000元", or null. */
export function amountText(b) {
  if (b.amount && b.amount_max && b.amount_max !== b.amount) return `${b.amount}—${yuan(b.amount_max)}`;
  if (b.amount) return yuan(b.amount);
  if (b.amount_max) return `最高${yuan(b.amount_max)}`;
  return null;
}

function documentName(title, docNumber) {
  return `《${title}》${docNumber ? `（${docNumber}）` : ""}`;
}

function sourceLine(b) {
  const s = b.source;
  return h(
    "p",
    { class: "source" },
    h("span", { class: "label" }, "依据："),
    documentName(s.document, s.doc_number),
    ` ${s.clause}`,
  );
}

function quote(b) {
  if (!b.source.quote) return null;
  return h(
    "details",
    { class: "quote" },
    h("summary", {}, "查看原文"),
    h("blockquote", {}, b.source.quote),
    h("p", { class: "small" }, `出处：${b.source.issuer}，${documentName(b.source.document, b.source.doc_number)} ${b.source.clause}`),
  );
}

function applyLine(doc) {
  return h("p", { class: "apply" }, h("span", { class: "label" }, "到哪里申请："), (doc && doc.apply) || FALLBACK_APPLY);
}

const MET_WORDS = { true: ["✓", "符合"], false: ["✗", "不符合"], null: ["？", "还不知道"] };

function criterionItem(c, withHint) {
  const [mark, words] = MET_WORDS[String(c.met)];
  return h(
    "li",
    { class: `criterion met-${String(c.met)}` },
    h("span", { class: "mark", "aria-hidden": "true" }, mark),
    h("span", { class: "visually-hidden" }, `${words}：`),
    h("span", {}, c.text),
    h("span", { class: "cite" }, `（${c.cite}）`),
    withHint && c.hint ? h("span", { class: "criterion-hint" }, `怎样才能符合：${c.hint}`) : null,
  );
}

function criteriaDetails(b) {
  if (!b.criteria.length) return null;
  return h(
    "details",
    { class: "criteria" },
    h("summary", {}, "查看全部条件"),
    h("ul", { class: "criteria-list" }, b.criteria.map((c) => criterionItem(c, false))),
  );
}

function answerButton(fact, hooks) {
  return h(
    "button",
    { type: "button", class: "button secondary answer-button", onclick: () => hooks.answer(fact) },
    `补充回答：${hooks.questionTitle(fact)}`,
  );
}

function card(b, doc, hooks) {
  const amount = b.status === "eligible" ? amountText(b) : null;
  const parts = [h("h3", {}, b.title)];
  if (b.status === "eligible") {
    parts.push(
      amount
        ? h("p", { class: "amount" }, amount)
        : h("p", { class: "amount none" }, b.missing.length ? "金额还不能确定" : "文件未写明金额"),
    );
    if (b.amount_note) parts.push(h("p", { class: "note" }, b.amount_note));
    // Eligible, but the amount waits on an answer (e.g. how many days): offer that question.
    if (b.missing.length) parts.push(answerButton(b.missing[0], hooks));
  }
  if (b.status === "undetermined") {
    if (b.amount_note) parts.push(h("p", { class: "note" }, b.amount_note));
    parts.push(h("p", { class: "reason" }, b.reason));
    if (b.missing.length) parts.push(answerButton(b.missing[0], hooks));
  }
  if (b.status === "ineligible") {
    parts.push(h("p", { class: "reason" }, b.reason));
    const failed = b.criteria.filter((c) => c.met === false);
    if (failed.length) parts.push(h("ul", { class: "criteria-list failed" }, failed.map((c) => criterionItem(c, true))));
  }
  parts.push(sourceLine(b));
  if (b.status === "eligible" || b.status === "undetermined") parts.push(applyLine(doc));
  parts.push(b.status === "ineligible" ? null : criteriaDetails(b), quote(b));
  return h("article", { class: `benefit ${b.status}`, "data-benefit": b.id }, parts);
}

function totalPanel(estimate, byId) {
  const uncounted = (estimate.totals.worker_uncounted || []).map((id) => (byId.get(id) || { title: id }).title);
  return h(
    "div",
    { class: "total-panel", id: "total" },
    h("p", { class: "total-label" }, "合计"),
    h("p", { class: "total-amount" }, yuan(estimate.totals.worker)),
    uncounted.length
      ? h("p", { class: "small" }, `另有${uncounted.join("、")}符合条件，但金额还不能确定，没有计入合计。`)
      : null,
    h("p", { class: "small" }, "只算确定能领的；免费培训、单位申领的补贴不计入。"),
  );
}

function notInForceSection(estimate, hooks) {
  const expired = estimate.documents.filter((d) => !d.in_force);
  if (!expired.length) return null;
  return h(
    "section",
    { class: "group not-in-force", id: "group-not-in-force" },
    h("h2", {}, "所选日期不在执行期内的文件"),
    expired.map((d) => {
      const benefits = estimate.benefits.filter((b) => b.source.document_id === d.id && b.status === "not_in_force");
      return h(
        "article",
        { class: "document expired", "data-document": d.id },
        h("h3", {}, documentName(d.title, d.doc_number)),
        h("p", { class: "warning" }, `该文件执行期为${d.period_text}，所选日期（${estimate.date}）不在执行期内。`),
        benefits.length
          ? [
              h("p", {}, "文件中的下列补贴不按现行标准显示金额："),
              h(
                "ul",
                { class: "plain-list" },
                benefits.map((b) => h("li", {}, `${b.title}（${b.source.clause}）`)),
              ),
            ]
          : null,
        h(
          "p",
          { class: "small" },
          "如果您是在执行期内参加的培训或取得的证书，可以按当时的日期重新测算。",
        ),
        h("button", { type: "button", class: "button secondary", onclick: () => hooks.changeDate() }, "换一个日期测算"),
      );
    }),
  );
}

function documentsSection(estimate) {
  if (!estimate.documents.length) return null;
  return h(
    "section",
    { class: "group documents-used" },
    h("h2", {}, "本次测算依据的文件"),
    estimate.documents.map((d) =>
      h(
        "article",
        { class: "document", "data-document": d.id },
        h("h3", {}, documentName(d.title, d.doc_number)),
        h("p", {}, `发文单位：${d.issuer}`),
        h("p", {}, `执行期：${d.period_text}`, " ", h("span", { class: d.in_force ? "tag ok" : "tag warn" }, d.in_force ? "所选日期在执行期内" : "所选日期不在执行期内")),
        d.incomplete ? h("p", { class: "warning" }, `注意：${incompleteNote(d.incomplete)}`) : null,
        applyLine(d),
      ),
    ),
  );
}

/** The whole results screen for `estimate`. `hooks`: answer(fact), changeDate(), checkAnswers(), questionTitle(fact). */
export function resultsView(estimate, hooks) {
  const docs = new Map(estimate.documents.map((d) => [d.id, d]));
  const byId = new Map(estimate.benefits.map((b) => [b.id, b]));
  const anyInForce = estimate.documents.some((d) => d.in_force);
  const where = estimate.region_name || "所选地区";
  const intro = [
    h("h1", { tabindex: "-1" }, "测算结果"),
    h(
      "p",
      { class: "context" },
      h("span", {}, `地区：${where}`),
      h("span", {}, `测算日期：${estimate.date}`),
    ),
  ];
  if (!estimate.documents.length) {
    return h(
      "div",
      { class: "results" },
      intro,
      h("div", { class: "panel" }, h("p", {}, `还没有收录适用于${where}的补贴文件，无法测算。`), applyLine(null)),
      actions(hooks),
    );
  }
  const sections = GROUPS.map((group) => {
    const items = estimate.benefits.filter(group.test);
    if (!items.length && group.id !== "worker") return null;
    return h(
      "section",
      { class: `group group-${group.id}`, id: `group-${group.id}` },
      h("h2", {}, group.title),
      group.id === "worker" ? totalPanel(estimate, byId) : null,
      group.intro ? h("p", { class: "group-intro" }, group.intro) : null,
      group.id === "worker" && !items.length ? h("p", {}, "按目前的回答，没有确定发给您个人的补贴。") : null,
      items.map((b) => card(b, docs.get(b.source.document_id), hooks)),
    );
  });
  return h(
    "div",
    { class: "results" },
    intro,
    anyInForce
      ? null
      : h(
          "div",
          { class: "panel warning-panel" },
          h("p", {}, `所选日期（${estimate.date}）没有执行中的补贴文件，下面不显示任何现行金额。`),
        ),
    anyInForce ? sections : null,
    notInForceSection(estimate, hooks),
    documentsSection(estimate),
    h("p", { class: "small" }, "测算结果仅供参考，能否领取、领多少，以当地人社部门审核为准。"),
    actions(hooks),
  );
}

function actions(hooks) {
  return h(
    "div",
    { class: "actions" },
    h("button", { type: "button", class: "button secondary", onclick: () => hooks.checkAnswers() }, "修改我的回答"),
    h("button", { type: "button", class: "button secondary", onclick: () => hooks.changeDate() }, "换一个日期测算"),
  );
}
