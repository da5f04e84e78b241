// Days asked in plain selects, never a browser calendar that opens on today:
// - the estimate's date ("date"): first what it is about — a training or certificate already
//   done (then its year and month: the last day of that month, never after today) or one
//   still planned (today);
// - any other day (a certificate's 核发日期): year, month and day, offered from the month the
//   worker already named, so it is confirmed or changed, never typed twice; or 不清楚.
import { h } from "../dom.js";
import { heading, option } from "./parts.js";
import { chineseDay } from "../days.js";

const pad = (n) => String(n).padStart(2, "0");
const daysIn = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** Where the year lists start: before the first national rule (2017), so older dates can be told. */
const FIRST_YEAR = 2010;

/** "2021-06" → "2021-06-30"; the current month → today. */
export function monthEnd(year, month, today) {
  const day = `${year}-${pad(month)}-${pad(daysIn(year, month))}`;
  return day > today ? today : day;
}


function select(id, label, items, chosen) {
  return h(
    "div",
    { class: "select-field" },
    h("label", { for: id }, label),
    h("select", { id, name: id }, h("option", { value: "" }, "请选择"), items.map(([value, text]) => h("option", { value, selected: String(value) === String(chosen) }, text))),
  );
}

const years = (latest, first = FIRST_YEAR) => {
  const out = [];
  for (let y = Number(latest.slice(0, 4)); y >= first; y -= 1) out.push([y, `${y}年`]);
  return out;
};
const months = () => Array.from({ length: 12 }, (_, i) => [i + 1, `${i + 1}月`]);

/**
 * The estimate's date. `current`: the date answered before; `when`: "past" | "planned" as
 * answered before. read() → { value: "YYYY-MM-DD", when } | { error }.
 */
export function whenField(q, current, when, today, { hint, error }) {
  // The two cases and every word of this screen are the engine's (src/questions.rs, `WHEN`
  // and `DATE_WORDS`).
  const words = q.date_words;
  const pastCase = q.options.find((o) => o.value === "past");
  const plannedCase = q.options.find((o) => o.value === "planned");
  const past = when === "past" || (when === undefined && typeof current === "string" && current !== today);
  const [cy, cm] = past && typeof current === "string" ? current.split("-").map(Number) : [];
  const reveal = h(
    "div",
    { class: "conditional", id: "when-month", hidden: !past },
    h("p", { class: "hint" }, words.month_prompt),
    h("div", { class: "month-row" }, select("year", "年份", years(today), cy || ""), select("month", "月份", months(), cm || "")),
  );
  const onchange = () => {
    reveal.hidden = !node.querySelector("#when-past").checked;
  };
  const node = h(
    "fieldset",
    { "aria-describedby": "hint error" },
    h("legend", {}, heading(q.title)),
    hint,
    error,
    h(
      "div",
      { class: "options" },
      option("radio", "when-past", "past", pastCase.label, past, { hint: pastCase.hint, onchange }),
      reveal,
      option("radio", "when-planned", "planned", plannedCase.label, !past && (when === "planned" || current === today), {
        hint: `${plannedCase.hint}（今天是${chineseDay(today)}）`,
        onchange,
      }),
    ),
  );
  return {
    node,
    read() {
      const picked = node.querySelector("input[name=answer]:checked");
      if (!picked) return { error: words.choose_case };
      if (picked.value === "planned") return { value: today, when: "planned" };
      const year = Number(node.querySelector("#year").value);
      const month = Number(node.querySelector("#month").value);
      if (!year || !month) return { error: words.choose_month };
      if (`${year}-${pad(month)}` > today.slice(0, 7)) return { error: words.month_ahead };
      return { value: monthEnd(year, month, today), when: "past" };
    },
  };
}

/**
 * Any other day (certificate.issued). `offered`: a day to start from (the month the worker
 * named for the estimate), shown as "按您前面选的…填好了，请核对". read() → { value } | { error, empty }
 * (empty: nothing chosen yet).
 */
export function dayField(q, current, offered, today, { hint, error }) {
  const start = typeof current === "string" ? current : offered;
  const [y, m, given] = start ? start.split("-").map(Number) : [];
  // The month the worker named is offered; a day they did not give (the month's last, made
  // up for the estimate) is never filled in for them.
  const d = typeof current === "string" ? given : null;
  const latest = `${Number(today.slice(0, 4)) + 1}-12-31`;
  const days = Array.from({ length: 31 }, (_, i) => [i + 1, `${i + 1}日`]);
  const node = h(
    "fieldset",
    { "aria-describedby": "hint error" },
    h("legend", {}, heading(q.title)),
    hint,
    !current && offered ? h("p", { class: "offered", id: "offered" }, `按您前面说的${y}年${m}月填好了年和月。请对照证书，选出证书上印的那一天。`) : null,
    error,
    h(
      "div",
      { class: "month-row" },
      select("year", "年份", years(latest, 1990), y || ""),
      select("month", "月份", months(), m || ""),
      select("day", "日", days, d || ""),
    ),
  );
  return {
    node,
    read() {
      const [year, month, day] = ["#year", "#month", "#day"].map((id) => Number(node.querySelector(id).value));
      if (!year || !month || !day) return { error: "请选择年、月、日；不知道的话请点“不清楚”。", empty: !year && !month && !day };
      if (day > daysIn(year, month)) return { error: `${year}年${month}月没有${day}日，请重新选择。` };
      return { value: `${year}-${pad(month)}-${pad(day)}` };
    },
  };
}
