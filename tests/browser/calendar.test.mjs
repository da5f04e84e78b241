// 加入日历's file, checked in node with ical.js (an RFC 5545 parser from npm): escaping of the
// characters TEXT values reserve, folding of long lines without splitting a UTF-8 character,
// CRLF line ends, an all-day event on the last day whatever the month's length. The browser
// test (act.test.mjs) checks the file a phone downloads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./helpers.mjs";

const require = createRequire(join(ROOT, "www", "package.json"));
const ICAL = require("ical.js");
const { icsFor, foldLine, escapeText } = await import(pathToFileURL(join(ROOT, "www", "channels", "calendar.js")).href);

const line = (over = {}) => ({
  id: "cn_skill_upgrade_subsidy",
  title: "职工技能提升补贴",
  source: { doc_number: "人社部发〔2025〕18号", document: "关于…的通知", clause: "二(一)" },
  next_step: {
    office: "本人失业保险参保地的失业保险经办机构; 窗口A,B\\C",
    phone: "12333",
    materials: ["本人身份证", "证书原件，复印件；各一份"],
    materials_general: [],
    deadline: "2028-02-29",
    deadline_passed: false,
    deadline_text: "证书核发之日起12个月内",
    ...over,
  },
});

test("the file parses as RFC 5545 and says the last day, the office (escaped), 12333 and what to bring", () => {
  const ics = icsFor(line(), "浙江省杭州市", new Date("2026-12-07T02:00:00Z"));
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\n") && ics.endsWith("END:VCALENDAR\r\n"));
  assert.ok(!/[^\r]\n/.test(ics), "every line ends in CRLF");
  for (const l of ics.split("\r\n")) assert.ok(Buffer.byteLength(l) <= 75, `${Buffer.byteLength(l)} octets: ${l}`);
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent"));
  assert.equal(event.startDate.toString(), "2028-02-29", "a leap day stays itself");
  assert.equal(event.endDate.toString(), "2028-03-01", "DTEND is the next day (exclusive)");
  assert.ok(event.startDate.isDate);
  assert.equal(event.location, "本人失业保险参保地的失业保险经办机构; 窗口A,B\\C", "escaped and read back the same");
  assert.match(event.description, /要带：本人身份证、证书原件，复印件；各一份\n/);
  assert.match(event.description, /电话：12333\n/);
  assert.match(event.description, /地区：浙江省杭州市/);
  assert.equal(event.uid.endsWith("@skill-subsidy-estimator.local"), true);
});

test("the general list is marked as guidance where the document names no materials", () => {
  const ics = icsFor(line({ materials: [], materials_general: ["本人身份证", "社会保障卡或本人银行卡"] }), null);
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent"));
  assert.match(event.description, /要带：本人身份证、社会保障卡或本人银行卡（一般需要，以经办机构要求为准）/);
  assert.doesNotMatch(event.description, /地区：/);
});

test("folding never splits a character and unfolds to the line", () => {
  const long = `DESCRIPTION:${"中文😀a".repeat(40)}`;
  const folded = foldLine(long);
  for (const l of folded.split("\r\n")) assert.ok(Buffer.byteLength(l) <= 75);
  assert.equal(folded.replace(/\r\n /g, ""), long);
  assert.equal(escapeText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
});
