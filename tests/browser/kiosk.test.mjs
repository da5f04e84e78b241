// Kiosk mode (?kiosk=1&region=…&idle=N) on a 1080×1920 touch screen: answers in memory only,
// the region preset, the idle countdown on the screen (继续使用 keeps the answers, running out
// wipes them), 结束并清除 on every screen, and a QR code that carries the result to a phone.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  KIOSK,
  PHONE,
  ROOT,
  amounts,
  andWaitForScreen,
  chooseDate,
  clickButton,
  deviceStorage,
  layoutProblems,
  openPage,
  screenOf,
  screenshot,
  serverAndBrowser,
  text,
  waitReady,
  walk,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const require = createRequire(join(ROOT, "www", "package.json"));
const jsQR = require("jsqr");
const { PNG } = require("pngjs");

const env = serverAndBrowser();
const kioskUrl = (idle = 10) => `${env.server.url}?kiosk=1&region=140502&idle=${idle}`;
const EMPTY = { localStorage: [], sessionStorage: [], cookies: "", indexedDB: [] };

/** The answers a person gave, as check-your-answers words them (not the preset region). */
async function answerWords(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".summary-row")]
      .filter((row) => row.dataset.fact !== "region" && row.dataset.fact !== "date")
      .map((row) => row.querySelector(".summary-answer").textContent.trim())
      // Words any question offers ("不清楚", "是", "否") say nothing about the person.
      .filter((words) => !["不清楚", "是", "否", "都不是", "无"].includes(words)),
  );
}

/** Whether any of `words` (or the date of June 2021) is anywhere in the page's markup. */
async function leftovers(page, words) {
  const html = await page.evaluate(() => document.documentElement.outerHTML + document.title + location.href);
  return [...words, "2021-06-01", "2021-06-30", "#a="].filter((w) => html.includes(w));
}

/** Decodes the QR code on screen with jsQR from a screenshot of it. */
async function decodeQr(page) {
  await page.waitForSelector("#qr-panel svg.qr-code");
  const png = PNG.sync.read(await page.locator("#qr-panel svg.qr-code").screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, "jsQR found a QR code in the screenshot");
  return code.data;
}

describe("kiosk mode", () => {
  test("a walk at 1080×1920: region preset, nothing stored, a QR code that opens the same result on a phone", async () => {
    const { page, context, seen } = await openPage(env.browser, kioskUrl(600), KIOSK);
    assert.match(await text(page.locator("#place")), /山西省晋城市城区/, "the start screen names the place");
    assert.equal(await text(page.locator("#clear")), "结束并清除");
    const first = await andWaitForScreen(page, () => clickButton(page, "开始"));
    assert.equal(first.fact, "date", "the preset region is not asked");
    await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    const problems = [];
    const asked = await walk(page, PROFILES.a, async (page, screen) => {
      for (const p of await layoutProblems(page, 1080)) problems.push(`${screen.name} ${screen.fact}: ${p}`);
      assert.equal(await page.locator("#clear").isVisible(), true, `结束并清除 on ${screen.name} ${screen.fact}`);
    });
    assert.ok(!asked.includes("region"), `region was preset: ${asked}`);
    assert.deepEqual(problems, []);
    // The worker can still change the region, from check-your-answers.
    assert.match(await text(page.locator('.summary-row[data-fact="region"]')), /晋城市城区/);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    assert.deepEqual(await deviceStorage(page), EMPTY, "nothing written to the device");
    const link = await decodeQr(page);
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#a=[A-Za-z0-9_-]+$/, "the share link: answers only, in the fragment, no kiosk settings");
    assert.equal(await page.getAttribute("#qr-panel", "data-link"), link);
    await screenshot(page, "20-kiosk-qr", { fullPage: false });
    await page.locator("#qr-panel").scrollIntoViewIfNeeded();
    await screenshot(page, "21-kiosk-qr-panel", { fullPage: false });
    const onKiosk = await amounts(page);
    // A fresh browser context (the worker's own phone) opens the link and sees the same.
    const phone = await openPage(env.browser, link, PHONE);
    assert.equal((await screenOf(phone.page)).name, "results", "results at once");
    assert.deepEqual(await amounts(phone.page), onKiosk, "the same amounts on the phone");
    assert.deepEqual(phone.seen.pageErrors, []);
    await phone.context.close();
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("idle: the countdown shows on the screen, 继续使用 keeps the answers, running out wipes them", async () => {
    const { page, context, seen } = await openPage(env.browser, kioskUrl(10), KIOSK);
    await walk(page, PROFILES.a);
    const words = await answerWords(page);
    assert.ok(words.includes("14个月") && words.includes("企业职工"), words.join(","));
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    const notice = page.locator("#idle-notice");
    assert.equal(await notice.isVisible(), false);
    const shown = Date.now();
    await notice.waitFor({ state: "visible", timeout: 15000 });
    const waited = (Date.now() - shown) / 1000;
    assert.ok(waited > 7, `the notice waited for the idle time (${waited.toFixed(1)} s)`);
    assert.match(await text(notice), /还在使用吗？ ?1[45] 秒后将清除本次的全部回答/);
    assert.equal(seen.dialogs.length, 0, "no alert or confirm");
    await screenshot(page, "22-kiosk-countdown", { fullPage: false });
    await page.waitForFunction(() => Number(document.querySelector(".idle-count").textContent) <= 13);
    await clickButton(page, "继续使用");
    assert.equal(await notice.isVisible(), false);
    assert.equal((await screenOf(page)).name, "results", "继续使用 keeps the screen");
    assert.equal(await text(page.locator("#total .total-amount")), "1500元", "and the answers");
    // Now let it run out: 10 s idle + 15 s countdown.
    await notice.waitFor({ state: "visible", timeout: 15000 });
    await page.waitForFunction(() => document.getElementById("screen").dataset.screen === "start", null, { timeout: 20000 });
    assert.equal(await notice.isVisible(), false);
    assert.deepEqual(await leftovers(page, words), [], "no earlier answer anywhere in the page");
    assert.deepEqual(await deviceStorage(page), EMPTY);
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    assert.deepEqual([await page.isChecked("#when-past"), await page.isChecked("#when-planned")], [false, false], "the date is asked afresh");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("结束并清除 wipes at once without a pop-up; a reload also starts clean", async () => {
    const { page, context, seen } = await openPage(env.browser, kioskUrl(600), KIOSK);
    await walk(page, PROFILES.b);
    const words = await answerWords(page);
    assert.ok(words.length >= 3, words.join(","));
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    assert.equal(await text(page.locator("#total .total-amount")), "2400元");
    await page.click("#elder-toggle"); // this person wanted large text; the next may not
    assert.equal(await page.getAttribute("#elder-toggle", "aria-pressed"), "true");
    const screen = await andWaitForScreen(page, () => clickButton(page, "结束并清除"));
    assert.equal(await page.getAttribute("#elder-toggle", "aria-pressed"), "false", "长辈版 back to the address's choice");
    assert.equal(screen.name, "start");
    assert.deepEqual(seen.dialogs, [], "no confirm pop-up");
    assert.deepEqual(await leftovers(page, words), []);
    assert.deepEqual(await deviceStorage(page), EMPTY);
    // Answer again part-way, then reload: a kiosk forgets on reload.
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    await chooseDate(page, "2021-06");
    await andWaitForScreen(page, () => clickButton(page, "继续"));
    await page.reload();
    await waitReady(page);
    assert.equal((await screenOf(page)).name, "start");
    assert.deepEqual(await leftovers(page, words), []);
    assert.deepEqual(await deviceStorage(page), EMPTY);
    // The back button cannot bring the last person's screens back either.
    await page.goBack().catch(() => {});
    await page.waitForTimeout(300);
    assert.deepEqual(await leftovers(page, words), []);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });
});
