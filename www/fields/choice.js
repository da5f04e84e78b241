// One answer from a list (yes/no, a kind, a level), each option with the engine's hint.
import { h } from "../dom.js";
import { UNKNOWN, option, optionsFieldset } from "./parts.js";

/** `{ node, read() }`; read() → { value } | { unknown } | { error }. */
export function choiceField(q, current, wasUnknown, { hint, error }) {
  const options = q.options.map((o, i) =>
    option("radio", `answer-${i}`, JSON.stringify(o.value), o.label, current !== undefined && JSON.stringify(current) === JSON.stringify(o.value), { hint: o.hint }),
  );
  if (q.unknown_label) {
    options.push(h("p", { class: "or" }, "或"), option("radio", "answer-unknown", UNKNOWN, q.unknown_label, wasUnknown));
  }
  const node = optionsFieldset(q.title, hint, error, options);
  return {
    node,
    read() {
      const picked = node.querySelector("input:checked");
      if (!picked) return { error: "请选择一项。" };
      if (picked.value === UNKNOWN) return { unknown: true };
      return { value: JSON.parse(picked.value) };
    },
  };
}
