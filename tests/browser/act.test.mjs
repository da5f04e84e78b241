// Issue 21: results a worker can act on today. The top says what the worker can get (a ceiling
// as a ceiling, never 0元), a worker with nothing leaves with a place, a number to tap and what
// to ask for; one list of what to bring on the screen, in the copied text and on paper; time
// said once (a governing notice is never also "not in force"); 加入日历 gives an RFC 5545 file
// made on the phone. All at 360×740 on a fixed day (2026-12-07, Beijing), so the claim windows
// these workers have are the same whenever the suite runs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PHONE, ROOT, andWaitForScreen, clickButton, openPage, screenOf, screenshot, serverAndBrowser, text, waitReady, walk } from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const require = createRequire(join(ROOT, "www", "package.json"));
const ICAL = require("ical.js");

const env = serverAndBrowser();
const TODAY = new Date("2026-12-07T10:00:00+08:00");
const encode = (answers) => Buffer.from(JSON.stringify(answers), "utf8").toString("base64url");

/** 杭州, 高级工 certificate of 2025-12-20: the 2025 notice governs, window open to 2026-12-20, a ceiling of 2000元. */
export const HANGZHOU = {
  region: "330100",
  employment: "enterprise_employee",
  unemployment_insurance_months: 40,
  skill_upgrade_claims_this_year: 0,
  certificate: { kind: "skill_level", level: "senior", issued: "2025-12-20", claimed_before: false, shortage_occupation: false, training_subsidy_received: false },
  groups: [],
};

/** A farmer in 晋城 today with no certificate and no training: nothing today. */
export const NOTHING = { region: "140502", employment: "farmer_herder", certificate: { kind: "none" }, training: { kind: "none" }, groups: [], age: 45, hukou: "rural" };

/** A fresh phone on TODAY, opened on `hash` (or the start). */
async function phone(hash = "") {
  const opened = await openPage(env.browser, null, PHONE);
  await opened.page.clock.setFixedTime(TODAY);
  await opened.page.goto(`${env.server.url}${hash}`);
  await waitReady(opened.page);
  return opened;
}

async function copied(page, context) {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
  await clickButton(page, "复制结果");
  await page.waitForSelector(".share-status .done");
  return page.evaluate(() => navigator.clipboard.readText());
}

describe("issue 21: the top of the results, the next step, the checklist, time said once", () => {
  test("a worker with a ceiling reads 最多可领2000元 first, in the first screenful and in the copied text", async () => {
    const { page, context, seen } = await phone(`#a=${encode(HANGZHOU)}`);
    assert.equal((await screenOf(page)).name, "results");
    assert.equal(await text(page.locator("#total .total-amount")), "最多可领2000元");
    assert.match(await text(page.locator("#total")), /以参保地标准为准/);
    const box = await page.locator("#total .total-amount").boundingBox();
    assert.ok(box && box.y + box.height <= 740, `the ceiling is in the first screenful (bottom at ${box && box.y + box.height}px)`);
    const visible = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(visible, /目前没有确定能发给您个人的钱|合计 ?0元/);
    const summary = await copied(page, context);
    assert.match(summary, /\n\n失业保险技能提升补贴：最多可领2000元，以参保地标准为准\n/, summary);
    assert.doesNotMatch(summary, /合计 ?0元|目前没有确定/);
    assert.match(summary, /到哪里申请：本人失业保险参保地的失业保险经办机构（电话12333）；申请期限：2026年12月20日前/);
    assert.match(summary, /办理时要带的材料：\n□ 本人身份证（失业保险技能提升补贴）/);
    await screenshot(page, "i21-hangzhou-top", { fullPage: false });
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("time said once: the 2025 notice governs the line, says its last day, and is not listed as not in force", async () => {
    const { page, context, seen } = await phone(`#a=${encode(HANGZHOU)}`);
    const card = page.locator('[data-benefit="cn_skill_upgrade_subsidy"]');
    assert.match(await text(card.locator(".source")), /人社部发〔2025〕18号/);
    assert.equal(await text(card.locator(".claim-window")), "证书在2025年取得，按这份通知办理，2026年12月20日前申请。");
    assert.equal(await card.locator(".ended").count(), 0, "no 请先…确认 while the window is open");
    assert.equal(await page.locator('#group-not-in-force [data-document="rsbf-2025-18"]').count(), 0, "the governing notice is not under 不在执行期内");
    assert.match(await text(page.locator('#documents-used [data-document="rsbf-2025-18"]')), /按这份文件办理/);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("a worker with nothing today gets a place, a tel: link and what to ask for, and no offer that does not fit", async () => {
    const { page, context, seen } = await phone(`#a=${encode(NOTHING)}`);
    const top = page.locator("#total");
    assert.equal(await text(top.locator(".total-amount")), "目前没有确定能发给您个人的钱");
    assert.match(await text(top), /下一步：到当地人社部门或公共就业服务机构，问一问本地的职业培训补贴和生活费补贴。/);
    assert.equal(await top.locator('a[href="tel:12333"]').count(), 1, "a number to tap");
    const visible = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(visible, /另外列在下面/, "no pointer to an empty list");
    assert.doesNotMatch(visible, /按培训或取证的年月重新测算|可以按那时的年月重新测算/, "no re-estimate by a training he never had");
    await screenshot(page, "i21-nothing-top", { fullPage: false });
    const summary = await copied(page, context);
    assert.match(summary, /下一步：到当地人社部门或公共就业服务机构，问一问本地的职业培训补贴和生活费补贴；电话12333/);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("one list of what to bring, merged across the lines, on the screen, in the copied text and on paper (at most 2 A4 pages)", async () => {
    const opened = await phone();
    const { page, context, seen } = opened;
    await walk(page, PROFILES.b);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    const items = await page.$$eval("#checklist .checklist-item", (lis) => lis.map((li) => ({ item: li.querySelector(".item").textContent, for: li.querySelector(".for").textContent })));
    assert.ok(items.length >= 3, `items: ${JSON.stringify(items)}`);
    assert.equal(new Set(items.map((i) => i.item)).size, items.length, "no repeats");
    const id = items.find((i) => i.item === "本人身份证");
    assert.ok(id, "the ID card is on the list");
    // Both lines to the worker and the free training ask for it: one item, every line named.
    const eligibleTitles = await page.$$eval("#group-worker .benefit.eligible h3, #group-provider .benefit.eligible h3", (hs) => hs.map((x) => x.textContent));
    const note = await text(page.locator("#checklist .checklist-note"));
    const forAll = note.startsWith("每一项都要带") ? id.for === "" : id.for === "（每一项都要）";
    assert.ok(forAll || eligibleTitles.every((title) => id.for.includes(title)), `every line is named beside 本人身份证, or said to need it: ${note} ${id.for}`);
    assert.ok(eligibleTitles.length >= 2, "several lines share the list");
    // Each card says where and, where a document gives one, by when.
    for (const card of await page.locator(".benefit.eligible").all()) {
      assert.match(await text(card.locator(".next-step .apply")), /到哪里申请：.+拨打12333/);
    }
    const summary = await copied(page, context);
    assert.match(summary, /办理时要带的材料：\n□ 本人身份证/);
    assert.equal((summary.match(/□ 本人身份证/g) || []).length, 1);
    await screenshot(page, "i21-checklist");
    await page.emulateMedia({ media: "print" });
    assert.ok(await page.locator("#checklist").isVisible(), "the list is printed");
    for (const apply of await page.locator(".benefit.eligible .next-step .apply").all()) assert.ok(await apply.isVisible(), "到哪里申请 on each printed card");
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 1 && pages <= 2, `${pages} A4 pages`);
    (await import("node:fs")).writeFileSync("/tmp/i21-print.pdf", pdf);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("加入日历 gives an .ics made on the phone: RFC 5545, an all-day event on the last day, with the office, 12333 and what to bring", async () => {
    const { page, context, seen } = await phone(`#a=${encode(HANGZHOU)}`);
    const before = seen.requests.length;
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-benefit="cn_skill_upgrade_subsidy"]').getByRole("button", { name: "加入日历" }).click()]);
    assert.match(download.suggestedFilename(), /\.ics$/);
    const ics = readFileSync(await download.path(), "utf8");
    assert.deepEqual(seen.requests.slice(before).filter((u) => !u.startsWith("blob:")), [], "made on the device: no request");
    // RFC 5545 3.1: CRLF line ends, no content line over 75 octets.
    assert.ok(ics.endsWith("\r\n") && !/[^\r]\n/.test(ics), "CRLF line ends");
    for (const line of ics.split("\r\n")) assert.ok(Buffer.byteLength(line, "utf8") <= 75, `folded: ${line}`);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
    assert.ok(calendar.getFirstPropertyValue("prodid"));
    const events = calendar.getAllSubcomponents("vevent");
    assert.equal(events.length, 1);
    const event = new ICAL.Event(events[0]);
    assert.ok(event.startDate.isDate, "an all-day event");
    assert.equal(event.startDate.toString(), "2026-12-20");
    assert.equal(event.endDate.toString(), "2026-12-21");
    assert.ok(events[0].getFirstPropertyValue("uid") && events[0].getFirstPropertyValue("dtstamp"));
    assert.match(event.summary, /申请截止：失业保险技能提升补贴/);
    assert.equal(event.location, "本人失业保险参保地的失业保险经办机构");
    assert.match(event.description, /电话：12333/);
    assert.match(event.description, /要带：本人身份证、社会保障卡或本人银行卡/);
    assert.match(event.description, /2026年12月20日/);
    assert.equal(events[0].getAllSubcomponents("valarm").length, 2, "reminders a week and a day before");
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });
});
