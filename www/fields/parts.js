// What the inputs share: the question as the screen's heading, a large radio or checkbox
// option with its one-line hint, and the fieldset that holds a list of them.
import { h } from "../dom.js";

/** Marks the "不清楚" and "都不是" options apart from the engine's own values. */
export const UNKNOWN = "__unknown__";
export const NONE = "__none__";

export function heading(title) {
  return h("h1", { tabindex: "-1" }, title);
}

/** One option; `hint` (the engine's plain words for a term) is read with its label. */
export function option(type, id, value, label, checked, { hint, onchange } = {}) {
  return h(
    "div",
    { class: `option ${type}` },
    h("input", { type, id, name: "answer", value, checked, onchange }),
    h("label", { for: id }, h("span", { class: "option-label" }, label), hint ? h("span", { class: "option-hint" }, hint) : null),
  );
}

/** A single input whose label is the question, as the screen's heading. */
export function labelledField(title, hint, error, ...input) {
  return h("div", { class: "field" }, h("h1", { tabindex: "-1" }, h("label", { for: "answer" }, title)), hint, error, ...input);
}

/** The question as the legend of a fieldset of large options. */
export function optionsFieldset(title, hint, error, options, extra = null) {
  return h(
    "fieldset",
    { "aria-describedby": "hint error" },
    h("legend", {}, heading(title)),
    extra,
    hint,
    error,
    h("div", { class: "options" }, options),
  );
}

/** "１２" (full-width, from Chinese keyboards) → "12". */
export function asciiDigits(text) {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[－—]/g, "-");
}
