// Days in the worker's words, for every screen and channel that shows one: the date screen,
// check-your-answers, the checklist, the calendar entry and the answers printed with the
// results. Stateless, so a chunk may carry its own copy (build-dist.mjs, COPYABLE).

/** "2026-12-20" → "2026年12月20日". */
export function chineseDay(day) {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The answer to the date question ("这次测算，是哪种情况？") in the worker's own terms, not a
 * bare day: `day` the answer (YYYY-MM-DD), `when` the case the worker chose ("past" or
 * "planned"), `today` the estimator's today.
 */
export function caseAnswer(day, when, today) {
  const [y, m] = day.split("-").map(Number);
  return when === "past" || day !== today ? `已经参加了培训或拿到了证书（${y}年${m}月）` : `打算参加培训或考证（按今天，${chineseDay(today)}）`;
}

/**
 * One answered question (`{ fact, answer }` of the engine's `answered`) as the worker reads
 * it: the date question as `caseAnswer`, any other day as `chineseDay`, the rest as the engine
 * words it.
 */
export function answerWords(row, when, today) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.answer)) return row.answer;
  return row.fact === "date" ? caseAnswer(row.answer, when, today) : chineseDay(row.answer);
}
