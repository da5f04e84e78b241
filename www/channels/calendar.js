// 加入日历: a line's last day to apply as an iCalendar file (RFC 5545) made on the device —
// no server sees it. One all-day event on the last day, with the office, the phone line and
// what to bring, and reminders a week and a day before. The phone's calendar opens the file
// (Android: the downloaded .ics; iOS Safari: the "添加到日历" sheet).
import { h } from "../dom.js";
import { chineseDay } from "../days.js";

/** RFC 5545 3.3.11: backslash, semicolon, comma and new lines are escaped in TEXT values. */
export function escapeText(value) {
  return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/**
 * RFC 5545 3.1: a content line longer than 75 octets is folded (CRLF and one space), never
 * inside a UTF-8 character.
 */
export function foldLine(line) {
  const encoder = new TextEncoder();
  const out = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = out.length ? 74 : 75; // a continuation line begins with its space
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

const compact = (day) => day.replace(/-/g, "");

/** The day after `day` ("YYYY-MM-DD"), for DTEND of an all-day event (exclusive). */
function nextDay(day) {
  const [y, m, d] = day.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + 1));
  return date.toISOString().slice(0, 10);
}

function stamp(now) {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}


/**
 * The .ics text for benefit line `b` (with `b.next_step.deadline`). `place`: the estimate's
 * place name. `now`: for DTSTAMP and the UID.
 */
export function icsFor(b, place, now = new Date()) {
  const step = b.next_step;
  const last = step.deadline;
  const phone = step.phone || "12333";
  const office = step.office || step.how || "当地人社部门";
  const bring = step.materials && step.materials.length ? step.materials : step.materials_general || [];
  const description = [
    `${b.title}：最后一天申请是${chineseDay(last)}${step.deadline_text ? `（${step.deadline_text}）` : ""}。`,
    `到哪里申请：${office}`,
    `电话：${phone}`,
    bring.length ? `要带：${bring.join("、")}${step.materials && step.materials.length ? "" : "（一般需要，以经办机构要求为准）"}` : null,
    place ? `地区：${place}` : null,
    `依据：${b.source.doc_number || b.source.document} ${b.source.clause}`,
    "结果仅供参考，以当地人社部门审核为准。",
  ].filter(Boolean);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//skill-subsidy-estimator//calendar//ZH",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${b.id}-${compact(last)}-${stamp(now)}@skill-subsidy-estimator.local`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART;VALUE=DATE:${compact(last)}`,
    `DTEND;VALUE=DATE:${compact(nextDay(last))}`,
    `SUMMARY:${escapeText(`申请截止：${b.title}`)}`,
    `LOCATION:${escapeText(office)}`,
    `DESCRIPTION:${escapeText(description.join("\n"))}`,
    "TRANSP:TRANSPARENT",
    ...alarm("-P7D", `还有7天截止：${b.title}`),
    ...alarm("-P1D", `明天截止：${b.title}`),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

function alarm(trigger, words) {
  return ["BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:${trigger}`, `DESCRIPTION:${escapeText(words)}`, "END:VALARM"];
}

/** Hands `text` to the phone as a file named `name` (a download; the system opens it). */
function offer(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const link = h("a", { href: url, download: name, class: "offscreen" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** "加入日历" for a line whose last day is known and still ahead; null otherwise. */
export function calendarButton(b, place) {
  const step = b.next_step;
  if (!step || !step.deadline || step.deadline_passed) return null;
  return h(
    "button",
    { type: "button", class: "button secondary calendar-button", onclick: () => offer(icsFor(b, place), `申请截止-${compact(step.deadline)}.ics`) },
    "加入日历",
  );
}
