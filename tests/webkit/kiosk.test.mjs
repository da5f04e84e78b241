// The kiosk's wipe in WebKit at 1080×1920: a visitor walks to their results, 结束并清除 brings
// the start screen back with nothing of them left in the page (hidden text and the live region
// included), in the device's storage, or in the module's memory.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { andWaitForScreen, clickButton, deviceStorage, layoutProblems, screenOf, walk, waitReady } from "../browser/helpers.mjs";
import { PROFILES } from "../browser/profiles.mjs";
import { KIOSK, clipped, launchWebKit, siteServer } from "./webkit.mjs";

const env = siteServer();
const EMPTY = { localStorage: [], sessionStorage: [], cookies: "", indexedDB: [] };

/** The answers a person gave, as check-your-answers words them, less words any question offers. */
const answerWords = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll(".summary-row")]
      .filter((row) => row.dataset.fact !== "region" && row.dataset.fact !== "date")
      .map((row) => row.querySelector(".summary-answer").textContent.trim())
      .filter((words) => !["不清楚", "是", "否", "都不是", "无"].includes(words)),
  );

/** Whether the module's memory holds `name` (UTF-8 or UTF-16), read through the page's own copy of the glue. */
const inMemory = (page, name) =>
  page.evaluate(async (name) => {
    const glue = await import(document.querySelector('link[rel="modulepreload"][href*="subsidy_estimator.js"]').href);
    const bytes = new Uint8Array((await glue.default()).memory.buffer);
    const has = (needle) => {
      outer: for (let i = bytes.indexOf(needle[0]); i !== -1; i = bytes.indexOf(needle[0], i + 1)) {
        for (let j = 1; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
        return true;
      }
      return false;
    };
    const utf16 = new Uint8Array(new Uint16Array([...name].map((c) => c.charCodeAt(0))).buffer);
    return has(new TextEncoder().encode(name)) || has(utf16);
  }, name);

describe("WebKit: the kiosk", () => {
  test("结束并清除 leaves nothing of the visitor: not in the page, not in storage, not in the module", async () => {
    const page = await launchWebKit(KIOSK);
    try {
      // No preset place: the place is the visitor's own answer (a preset one stays for the next).
      // The visitor's place brought its pack (遵义's) into the page and the module, so the wipe
      // reloads the page: a fresh document and module, nothing of them left.
      await page.goto(`${env.server.url}?kiosk=1&idle=600`);
      await waitReady(page);
      await page.watchErrors();
      const problems = [];
      await walk(page, PROFILES.zunyi, async (page, screen) => {
        for (const p of [...(await layoutProblems(page, KIOSK.width)), ...(await clipped(page, KIOSK.width))]) problems.push(`${screen.name} ${screen.fact ?? ""}: ${p}`);
      });
      assert.deepEqual(problems, []);
      const words = await answerWords(page);
      assert.ok(words.length >= 2, `the visitor's own answers: ${words.join(",")}`);
      await andWaitForScreen(page, () => clickButton(page, "查看结果"));
      assert.equal((await screenOf(page)).name, "results");
      const place = await page.evaluate(() => document.querySelector(".results .context span").textContent.replace(/^地区：/, ""));
      assert.match(place, /遵义市红花岗区/);
      assert.ok(await inMemory(page, place), `the scan finds the place (${place}) in the module's memory before the wipe`);
      assert.deepEqual(await deviceStorage(page), EMPTY, "a kiosk writes nothing to the device");

      assert.deepEqual(await page.errors(), [], "nothing went wrong in the page during the visit");
      const screen = await andWaitForScreen(page, () => clickButton(page, "结束并清除"));
      assert.equal(screen.name, "start");
      await page.watchErrors();
      const html = await page.evaluate(() => document.documentElement.outerHTML + document.title + location.href);
      assert.deepEqual([...words, place, "#a="].filter((w) => html.includes(w)), [], "no answer of the visitor anywhere in the page");
      assert.equal(await page.evaluate(() => document.getElementById("progress-live").textContent), "", "the live region says nothing of them");
      assert.deepEqual(await deviceStorage(page), EMPTY);
      assert.equal(await inMemory(page, place), false, `nothing of ${place} in the module's memory after the wipe`);
      // The next visitor starts afresh.
      const first = await andWaitForScreen(page, () => clickButton(page, "开始"));
      assert.equal(first.fact, "region");
      assert.equal(await page.evaluate(() => document.getElementById("province").value), "", "the place is asked afresh");
      assert.deepEqual(await page.errors(), [], "nothing went wrong in the page");
    } finally {
      await page.close();
    }
  });
});
