// What to take along: one list of what to bring, merged across every line the worker can get
// (and those that may still apply), with no repeats, each item with the lines that need it;
// and, for the copied summary, each line's office and deadline. The lists are the engine's
// `next_step` (the document's own materials, or the general list as guidance only).
import { h } from "../dom.js";
import { chineseDay } from "../days.js";

const counts = (b) => (b.status === "eligible" || b.status === "undetermined") && b.payee !== "employer" && b.next_step;


/**
 * `[{ item, lines: [title…], general, every }]` in the order first met: `general` is true where
 * every line asking for it takes it from the general list (the documents name no materials);
 * `every`, where every line on the list asks for it.
 */
function checklistItems(estimate) {
  const items = new Map();
  const lines = estimate.benefits.filter(counts).sort((a, b) => (a.status === "eligible" ? 0 : 1) - (b.status === "eligible" ? 0 : 1));
  for (const b of lines) {
    const step = b.next_step;
    const stated = step.materials && step.materials.length ? step.materials : null;
    const list = stated || step.materials_general || [];
    // 〔〕 inside the （） that lists the lines, as official writing nests brackets.
    const title = b.status === "eligible" ? b.title : `${b.title}〔如符合〕`;
    for (const item of list) {
      const entry = items.get(item) || { item, lines: [], general: true };
      if (!entry.lines.includes(title)) entry.lines.push(title);
      if (stated) entry.general = false;
      items.set(item, entry);
    }
  }
  // An item every line asks for says so, rather than naming them all again.
  const titles = new Set([...items.values()].flatMap((e) => e.lines));
  for (const entry of items.values()) entry.every = titles.size > 1 && entry.lines.length === titles.size;
  return [...items.values()];
}

/** "（每一项都要）", or the lines that need it; nothing where every item is for every line. */
const forWhich = (entry, all) => (entry.every ? (all ? "" : "（每一项都要）") : `（${entry.lines.join("、")}）`);
const allEvery = (items) => items.every((e) => e.every);
/** Under the list: every line needs every item, and the list is guidance where no document names one. */
function note(items) {
  const general = items.some((e) => e.general);
  if (allEvery(items)) return general ? "每一项都要带，以经办机构要求为准。" : "每一项都要带。";
  return general ? "按一般要求列出，以经办机构要求为准。" : null;
}

/** Each line's office and deadline, for the copied summary: "到哪里申请：…；申请期限：…前". */
export function whereAndWhen(b) {
  const step = b.next_step;
  if (!step) return null;
  const parts = [`到哪里申请：${step.office || step.how}（电话${step.phone || "12333"}）`];
  if (step.deadline) parts.push(`申请期限：${chineseDay(step.deadline)}前${step.deadline_passed ? "（已经过了，请先电话问清楚）" : ""}`);
  else if (step.deadline_text) parts.push(`申请期限：${step.deadline_text}`);
  return parts.join("；");
}

/** The list as plain text, for the copied summary; [] when there is nothing to bring. */
export function checklistText(estimate) {
  const items = checklistItems(estimate);
  if (!items.length) return [];
  const out = ["办理时要带的材料："];
  for (const entry of items) out.push(`□ ${entry.item}${forWhich(entry, allEvery(items))}`);
  if (note(items)) out.push(note(items));
  return out;
}

/** The section on the results (and on paper): a list to tick off, each item with its lines. */
export function checklistSection(estimate) {
  const items = checklistItems(estimate);
  if (!items.length) return null;
  return h(
    "section",
    { class: "group checklist", id: "checklist" },
    h("h2", {}, "办理时要带的材料"),
    h(
      "ul",
      { class: "checklist-list" },
      items.map((entry) =>
        h("li", { class: "checklist-item", "data-item": entry.item }, h("span", { class: "box", "aria-hidden": "true" }, "□"), h("span", { class: "item" }, entry.item), h("span", { class: "for" }, forWhich(entry, allEvery(items)))),
      ),
    ),
    note(items) ? h("p", { class: "small checklist-note" }, note(items)) : null,
  );
}
