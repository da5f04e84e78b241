// Several answers from a list (the key groups). The engine offers only the groups that can
// change a result here; a long list comes in two parts by theme (question.js decides), so
// this field shows the options it is given and says which part it is.
import { h } from "../dom.js";
import { NONE, UNKNOWN, option, optionsFieldset } from "./parts.js";

/**
 * `{ node, read() }`; read() → { value: [...] } | { unknown } | { error }. `part`: null for
 * one screen, else { title, options } of this part. `answered`: the worker has answered the
 * question before (on the second part, `current` also holds the first part's new ticks).
 */
export function multiField(q, current, wasUnknown, { hint, error }, part = null, { answered = Array.isArray(current) } = {}) {
  const chosen = Array.isArray(current) ? current : [];
  const offered = part ? part.options : q.options;
  const exclusive = [NONE, UNKNOWN];
  const onchange = (event) => {
    const box = event.target;
    if (!box.checked) return;
    for (const other of node.querySelectorAll("input[type=checkbox]")) {
      if (other === box) continue;
      if (exclusive.includes(box.value) || exclusive.includes(other.value)) other.checked = false;
    }
  };
  const boxes = offered.map((o, i) =>
    option("checkbox", `answer-${i}`, JSON.stringify(o.value), o.label, chosen.includes(o.value), { hint: o.hint, onchange }),
  );
  // "都不是" shows an answer the worker gave; never ticked for them on a page they have not
  // answered yet (the second page, reached from the first, holds the first page's ticks).
  const noneHere = answered && Array.isArray(current) && !offered.some((o) => chosen.includes(o.value));
  boxes.push(h("p", { class: "or" }, "或"), option("checkbox", "answer-none", NONE, part ? "这一页都不是" : "都不是", noneHere, { onchange }));
  if (q.unknown_label) boxes.push(option("checkbox", "answer-unknown", UNKNOWN, q.unknown_label, wasUnknown, { onchange }));
  const node = optionsFieldset(q.title, hint, error, boxes, part ? h("h2", { class: "part-title" }, part.title) : null);
  return {
    node,
    read() {
      const ticked = [...node.querySelectorAll("input:checked")].map((i) => i.value);
      if (ticked.length === 0) return { error: `请至少选择一项；都不符合请选“${part ? "这一页都不是" : "都不是"}”。` };
      if (ticked.includes(UNKNOWN)) return { unknown: true };
      if (ticked.includes(NONE)) return { value: [] };
      return { value: ticked.map((v) => JSON.parse(v)) };
    },
  };
}
