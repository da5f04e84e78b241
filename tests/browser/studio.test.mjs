// The studio (api.md, "The studio"; issue 20, point 6): a clerk's policy file checked as they
// type, with each problem at its line in Chinese; a file with none previewed on the worker's own
// engine, its golden cases run there; the saved pack added to a deployment (a copy of dist/)
// by one file in packs/ and one line in packs/index.txt, no rebuild; and nothing of the studio
// in the worker's first load.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DIST, PHONE, ROOT, andWaitForScreen, clickButton, openPage, screenshot, serverAndBrowser, text, waitReady, walk } from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();
const DESKTOP = { viewport: { width: 1200, height: 1000 }, locale: "zh-CN" };
const POLICY = readFileSync(join(ROOT, "policies/140502/czf-2020-12.toml"), "utf8");
const CASES = readFileSync(join(ROOT, "tests/policies/140502/czf-2020-12.toml"), "utf8");
const b64 = (text) => Buffer.from(text, "utf8").toString("base64url");

async function openStudio(hash) {
  const opened = await openPage(env.browser, null, DESKTOP);
  await opened.page.goto(`${env.server.url}studio.html#${hash}`);
  return opened;
}

/** The same document, as a county that has no pack in this build would encode it (泽州县). */
const ZEZHOU = POLICY.replace('region = "140502"', 'region = "140525"').replace('id = "czf-2020-12"', 'id = "zz-studio-test"');

describe("the studio", () => {
  test("a broken file shows its problem at its line, in Chinese with the original", async () => {
    const broken = POLICY.replace("yuan = 1500 }", "yuan = -1500 }");
    assert.notEqual(broken, POLICY);
    const { page, context, seen } = await openStudio(`doc=${b64(broken)}`);
    await page.waitForSelector("#problems li");
    // The row itself is named: the checker gives each table row its own line.
    const line = broken.split("\n").findIndex((l) => l.includes("yuan = -1500 }")) + 1;
    const problems = await page.locator("#problems li").allTextContents();
    assert.ok(problems.some((p) => p.startsWith(`第${line}行：`) && p.includes("负数") && p.includes("原文：row.yuan is negative")), problems.join("\n"));
    assert.match(await text(page.locator("#state")), /发现 \d+ 个问题/);
    assert.equal(await page.locator("#save").isDisabled(), true, "nothing to save");
    await screenshot(page, "studio-broken");
    // Typing the fix clears it (the check runs on input, debounced).
    await page.fill("#doc", POLICY);
    await page.waitForSelector("#state.ok");
    assert.equal(await page.locator("#problems li").count(), 0);
    // The sample answers fall in the document's period (it ended in 2021): its lines are paid.
    await page.waitForSelector("#results li.mine");
    assert.match(await text(page.locator("#preview-state")), /2020-10-26/);
    // Broken again: the preview of the earlier version goes.
    await page.fill("#doc", broken);
    await page.waitForSelector("#state.bad");
    assert.equal(await page.locator("#results li").count(), 0);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("a TOML slip names its line", async () => {
    const slip = POLICY.replace('issuer = "', 'issuer = ');
    const { page, context } = await openStudio(`doc=${b64(slip)}`);
    await page.waitForSelector("#problems li");
    const line = slip.split("\n").findIndex((l) => l.startsWith("issuer = ")) + 1;
    const first = await page.locator("#problems li").first().textContent();
    assert.match(first, new RegExp(`^第${line}行：`));
    await context.close();
  });

  test("a fixed file shows the preview on the worker's engine, and its golden cases run", async () => {
    const { page, context, seen } = await openStudio(`doc=${b64(POLICY)}&cases=${b64(CASES)}`);
    await page.waitForSelector("#state.ok");
    assert.match(await text(page.locator("#pack-name")), /^140502\.[0-9a-f]{8}\.pack/);
    await page.fill("#answers", JSON.stringify({ region: "140502", date: "2021-06-01", employment: "enterprise_employee", unemployment_insurance_months: 14, certificate: { kind: "skill_level", level: "intermediate", via_job_training: true, issued: "2021-05-20" } }));
    await page.waitForFunction(() => /合计 1500 元/.test(document.getElementById("preview-state").textContent), null, { timeout: 20000 });
    const mine = await page.locator("#results li.mine").allTextContents();
    assert.ok(mine.some((line) => /可以领取，1500元/.test(line)), mine.join("\n"));
    assert.ok((await page.locator("#results li").count()) > mine.length, "the national lines too");
    await page.waitForFunction(() => /条通过/.test(document.getElementById("cases-state").textContent), null, { timeout: 30000 });
    const state = await text(page.locator("#cases-state"));
    const [, passed, failed] = /(\d+) 条通过，(\d+) 条未通过/.exec(state);
    assert.equal(Number(failed), 0, (await page.locator("#case-list li.fail").allTextContents()).join("\n"));
    assert.ok(Number(passed) > 100, state);
    await screenshot(page, "studio-fixed-preview");
    // A case that the file contradicts fails, with what differs.
    await page.fill("#cases", CASES.replace('totals_worker = "1500"', 'totals_worker = "1400"'));
    await page.waitForFunction(() => /[1-9]\d* 条未通过/.test(document.getElementById("cases-state").textContent), null, { timeout: 30000 });
    assert.match((await page.locator("#case-list li.fail").first().textContent()) ?? "", /totals\.worker 1500（应为 1400）/);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("the saved pack of a new place loads in the worker's page: one file and one line, no rebuild", async () => {
    const { page, context } = await openStudio(`doc=${b64(ZEZHOU)}`);
    await page.waitForSelector("#state.ok");
    await screenshot(page, "studio-new-place");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save")]);
    const name = download.suggestedFilename();
    assert.match(name, /^140525\.[0-9a-f]{8}\.pack$/);
    const saved = readFileSync(await download.path());
    await context.close();

    // A deployment: a copy of dist/, served as it is.
    const site = mkdtempSync(join(tmpdir(), "studio-site-"));
    cpSync(DIST, site, { recursive: true });
    const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
    const server = await serve(site, 0);
    const zezhou = { ...PROFILES.a, region: ["140000", "140500", "140525"] };
    try {
      const results = async ({ controlled = false } = {}) => {
        const opened = await openPage(env.browser, server.url, PHONE);
        if (controlled) await opened.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
        await walk(opened.page, zezhou);
        await andWaitForScreen(opened.page, () => clickButton(opened.page, "查看结果"));
        return opened;
      };
      const before = await results({ controlled: true });
      assert.equal(await before.page.locator('[data-benefit="jc_skill_upgrade_bonus"]').count(), 0, "not before the pack is added");
      // This visitor's service worker has kept the list as it was.
      assert.ok(await before.page.evaluate(async () => (await caches.keys()).length > 0 && !!(await caches.match("packs/index.txt"))), "the list is kept for offline use");

      writeFileSync(join(site, "packs", name), saved);
      appendFileSync(join(site, "packs", "index.txt"), `${name}\n`);
      // The same visitor, their service worker in control, starting again: the new line is seen.
      await before.page.evaluate(() => localStorage.clear());
      await before.page.reload();
      await waitReady(before.page);
      await walk(before.page, zezhou);
      await andWaitForScreen(before.page, () => clickButton(before.page, "查看结果"));
      assert.equal(await before.page.locator('[data-benefit="jc_skill_upgrade_bonus"]').count(), 1, "a returning visitor sees the added pack");
      await before.context.close();

      const after = await results();
      assert.ok(after.seen.requests.some((url) => url.endsWith(`/packs/${name}`)), "the added pack was fetched");
      assert.equal(await after.page.locator('[data-benefit="jc_skill_upgrade_bonus"]').count(), 1, "the new place's own bonus");
      assert.equal(await text(after.page.locator("#total .total-amount")), "1500元");
      assert.equal(await after.page.locator("#place-note").count(), 0, "no 'no documents of its own' note");
      assert.deepEqual(after.seen.pageErrors, []);
      await screenshot(after.page, "studio-pack-in-worker-page");
      await after.context.close();

      // A line naming a pack whose bytes are not the ones named is refused, never added.
      writeFileSync(join(site, "packs", name), Buffer.concat([saved, Buffer.from([0])]));
      const damaged = await results();
      assert.equal(await damaged.page.locator('[data-benefit="jc_skill_upgrade_bonus"]').count(), 0);
      assert.equal(await damaged.page.locator("#pack-problem").count(), 1, "the plain sentence");
      await damaged.context.close();
    } finally {
      await server.close();
      rmSync(site, { recursive: true, force: true });
    }
  });

  test("the worker's first load fetches nothing of the studio, and the service worker does not list it", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url, PHONE);
    await clickButton(page, "开始");
    await page.waitForSelector("#province");
    assert.deepEqual(seen.requests.filter((url) => /studio/.test(url)), []);
    assert.deepEqual(seen.requests.filter((url) => /packs\//.test(url)), [], "not even the list of packs");
    assert.doesNotMatch(readFileSync(join(DIST, "sw.js"), "utf8"), /studio/);
    assert.doesNotMatch(readFileSync(join(DIST, "index.html"), "utf8"), /studio/);
    await context.close();
  });
});
