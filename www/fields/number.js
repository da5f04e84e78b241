// A whole number (months of insurance, days of training), typed on the phone's number pad.
import { h } from "../dom.js";
import { asciiDigits, labelledField } from "./parts.js";

/** Longest text a number field takes (the engine's largest bound, 3650, has four digits). */
export const NUMBER_MAX_CHARS = 6;

export function numberField(q, current, { hint, error }) {
  const input = h("input", {
    type: "text",
    id: "answer",
    name: "answer",
    inputmode: "numeric",
    pattern: "[0-9]*",
    maxlength: String(NUMBER_MAX_CHARS),
    autocomplete: "off",
    "aria-describedby": "hint error",
    class: "number",
    value: typeof current === "number" ? String(current) : "",
  });
  const node = labelledField(q.title, hint, error, h("div", { class: "number-row" }, input, q.unit ? h("span", { class: "unit" }, q.unit) : null));
  return {
    node,
    read() {
      const text = asciiDigits(input.value.trim());
      if (text === "") return { error: q.unknown_label ? "请填写数字；不知道的话请点“不清楚”。" : "请填写数字。", empty: true };
      if (text.length > NUMBER_MAX_CHARS || !/^-?\d{1,6}$/.test(text)) return { error: `请只填写数字${q.unit ? `（单位：${q.unit}）` : ""}，例如 12。` };
      return { value: Number.parseInt(text, 10) };
    },
  };
}
