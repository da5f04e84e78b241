// The studio's preview (studio.js), in a Worker of its own so that each version of the file
// is seen by a fresh copy of the worker's engine (pkg/, the same module the worker's page
// loads): the compiled pack is listed and added (`listPacks`, `addPack`) exactly as a
// deployment's page adds it, then the sample answers are estimated and the golden cases run.
// The Worker is ended after each answer; nothing of an earlier version stays.
import init, { Estimator } from "./pkg/subsidy_estimator.js";

const money = (expected, got) => (got == null ? expected === "none" : got === expected);

/** One golden case (tests/golden.rs's checks, those the page can make): what went wrong. */
function runCase(est, c) {
  if (!c.answers || typeof c.answers.date !== "string" || c.today) {
    return { says: c.says, skipped: "案例没有给出 answers.date（或指定了 today），工作室不运行" };
  }
  const wrong = [];
  let result;
  try {
    result = est.estimate(c.answers);
  } catch (error) {
    return { says: c.says, wrong: [`答案被拒绝：${error.message}`] };
  }
  for (const [id, exp] of Object.entries(c.expect ?? {})) {
    const b = result.benefits.find((x) => x.id === id);
    if (!b) {
      wrong.push(`${id}: 没有列出`);
      continue;
    }
    if (exp.status && b.status !== exp.status) wrong.push(`${id}: status ${b.status}（应为 ${exp.status}）；${b.reason}`);
    if (exp.amount && !money(exp.amount, b.amount)) wrong.push(`${id}: amount ${b.amount}（应为 ${exp.amount}）`);
    if (exp.amount_max && !money(exp.amount_max, b.amount_max)) wrong.push(`${id}: amount_max ${b.amount_max}（应为 ${exp.amount_max}）`);
    if (exp.missing && [...exp.missing].sort().join() !== [...b.missing].sort().join()) wrong.push(`${id}: missing ${b.missing}（应为 ${exp.missing}）`);
    if (exp.reason_contains && !b.reason.includes(exp.reason_contains)) wrong.push(`${id}: reason 不含“${exp.reason_contains}”`);
    if (exp.note_contains && !(b.amount_note ?? "").includes(exp.note_contains)) wrong.push(`${id}: amount_note 不含“${exp.note_contains}”`);
    if (exp.hint_contains && !b.criteria.some((k) => (k.hint ?? "").includes(exp.hint_contains))) wrong.push(`${id}: 没有提示含“${exp.hint_contains}”`);
  }
  if (c.totals_worker && result.totals.worker !== c.totals_worker) wrong.push(`totals.worker ${result.totals.worker}（应为 ${c.totals_worker}）`);
  for (const id of c.listed ?? []) if (!result.benefits.some((b) => b.id === id)) wrong.push(`${id} 应当列出`);
  for (const id of c.not_listed ?? []) if (result.benefits.some((b) => b.id === id)) wrong.push(`${id} 不应列出`);
  for (const [id, want] of Object.entries(c.documents_in_force ?? {})) {
    const d = result.documents.find((x) => x.id === id);
    if (!d) wrong.push(`文件 ${id} 应当适用于这个地区`);
    else if (d.in_force !== want) wrong.push(`文件 ${id} in_force ${d.in_force}（应为 ${want}）`);
  }
  if (c.next_questions_start) {
    const got = result.next_questions.slice(0, c.next_questions_start.length);
    if (got.join() !== c.next_questions_start.join()) wrong.push(`next_questions ${got}（应为 ${c.next_questions_start}）`);
  }
  // Not checked here (the native golden test does): said, not counted as a failure.
  const unchecked = c.period_note_contains ? ["period_note_contains"] : [];
  return { says: c.says, wrong, unchecked };
}

onmessage = async ({ data }) => {
  try {
    await init();
    const est = new Estimator();
    est.listPacks(data.name);
    est.addPack(data.bytes);
    const out = { ok: true };
    if (data.answers) {
      try {
        out.estimate = est.estimate(data.answers);
        out.questions = est.questions(data.answers).next.slice(0, 5).map((q) => q.title);
      } catch (error) {
        out.answersError = String(error.message);
      }
    }
    if (data.cases) out.cases = data.cases.map((c) => runCase(est, c));
    postMessage(out);
  } catch (error) {
    postMessage({ ok: false, error: String(error && error.message) });
  }
};
