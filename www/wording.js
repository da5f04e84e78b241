// Plain Chinese for what a person reads when something is wrong. The engine's own messages
// name the field in English for embedders ("training.days: expected …"); they go to the
// console, and the worker reads a sentence that names the question instead, found by the
// error's `field`.

/**
 * The fact an engine error is about, from the error's own `field` (api.md, "Errors thrown to
 * JavaScript"; the message is never parsed): "training.days", and "groups" for an item of it
 * ("groups[0]"). Null when no single answer is at fault.
 */
export function fieldOf(error) {
  const field = error && typeof error === "object" ? error.field : null;
  return typeof field === "string" && field ? field.replace(/\[.*$/, "") : null;
}

/** The question's own words for `fact`, in 「」, or a plain fallback. */
export function questionName(est, fact) {
  if (fact) {
    try {
      return `“${est.question(fact).title.replace(/[？?]$/, "")}”`;
    } catch {
      // A fact the page does not ask about (e.g. a key only an embedder sends).
    }
  }
  return "其中一项";
}

/**
 * The sentence a worker reads for an engine error. `where` says whose answer it is
 * ("这个链接里", "您保存的回答里"). The engine's message is kept for developers in the console.
 */
export function engineErrorSentence(est, error, where = "") {
  console.info("estimator:", String((error && error.message) || error));
  const fact = fieldOf(error);
  if (fact) {
    try {
      const q = est.question(fact);
      if (q.input === "number" && q.min !== null && q.max !== null) {
        return `${where}${questionName(est, fact)}的回答不对：请填写${q.min}到${q.max}之间的整数。`;
      }
    } catch {
      // fall through to the general sentence
    }
  }
  return `${where}${questionName(est, fact)}的回答无法使用，请重新回答这一题。`;
}

/**
 * A document whose captured text stops part-way, worded for a worker: `lastClause` is the
 * estimate's `incomplete_after` ("四(二)"), the last clause the text reaches.
 */
export function incompleteNote(lastClause) {
  const where = lastClause ? `只收录到${lastClause}，后面的条款没有收录` : "没有收录全文，后面的部分条款没有收录";
  return `这份文件我们${where}。下面只按已收录的条款测算，其余内容请咨询当地人社部门或拨打12333。`;
}
