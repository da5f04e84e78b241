// A place's policy packs in the page (api.md, "Policy packs"; issue 22): the module carries
// the national documents only, and the page fetches a place's pack when the worker chooses
// it, or at start for a shared link; the service worker keeps it for offline use; a pack that
// fails to load leaves a plain Chinese sentence and the national lines, never a blank screen.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, andWaitForScreen, clickButton, openPage, serverAndBrowser, text, waitReady, walk } from "./helpers.mjs";
import { JINCHENG_SHARED, PROFILES, sharedFragment } from "./profiles.mjs";

const env = serverAndBrowser();
const packRequests = (seen) => seen.requests.filter((url) => /\/packs\/\d{6}\.[0-9a-f]{8}\.pack$/.test(url));


async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
}

describe("policy packs in the page", () => {
  test("pick 浙江省 → 杭州市 → 西湖区: the national line, named as a place, and where to ask", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url, PHONE);
    await walk(page, { region: ["330000", "330100", "330106"], date: "today", facts: {} });
    assert.ok(seen.requests.some((url) => url.endsWith("/regions/330000.json")), "浙江省's cities came with the province");
    assert.deepEqual(packRequests(seen), [], "杭州 has no pack");
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    assert.equal(await page.locator('[data-benefit="cn_skill_upgrade_subsidy"]').count(), 1, "the national line");
    const note = await text(page.locator("#place-note"));
    assert.match(note, /浙江省杭州市西湖区/);
    assert.match(note, /当地人社部门/);
    assert.match(note, /12333/);
    const page_ = await text(page.locator("#screen"));
    assert.match(page_, /地区：浙江省杭州市西湖区/, "the place is named");
    assert.doesNotMatch(page_, /地区代码/, "never shown as a code");
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("the first load carries the provinces only: no province's cities, no pack", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url, PHONE);
    await clickButton(page, "开始");
    await page.waitForSelector("#province");
    assert.equal(seen.requests.filter((url) => url.includes("/regions/")).length, 0);
    assert.equal(await page.locator("#province option").count(), 35, "请选择 and 34 provinces");
    await page.selectOption("#province", "650000");
    await page.waitForSelector("#city");
    assert.ok((await page.locator("#city option").count()) > 10, "新疆's cities and prefectures");
    await context.close();
  });

  test("pick 晋城市城区: its pack is fetched when the place is chosen, and its document is in the results", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url, PHONE);
    assert.deepEqual(packRequests(seen), [], "no pack in the first load");
    await walk(page, PROFILES.a);
    assert.equal(packRequests(seen).length, 2, "two packs: 山西省's, then 晋城市城区's");
    assert.match(packRequests(seen)[0], /\/packs\/140000\./);
    assert.match(packRequests(seen)[1], /\/packs\/140502\./);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    assert.equal(await page.locator('[data-benefit="jc_skill_upgrade_bonus"]').count(), 1, "晋城's own bonus");
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("offline after the first visit, for a place already chosen: a reload with the network off shows its results", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url, PHONE);
    await controlled(page);
    await walk(page, PROFILES.a);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    assert.equal((await page.evaluate(() => document.getElementById("screen").dataset.screen)), "results");
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    assert.equal(await page.locator("#pack-problem").count(), 0);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("a shared link for a place whose pack is not cached yet: fetched at start, then the results", async () => {
    const { page, context, seen } = await openPage(env.browser, `${env.server.url}${sharedFragment(JINCHENG_SHARED)}`, PHONE);
    assert.equal((await page.evaluate(() => document.getElementById("screen").dataset.screen)), "results");
    assert.ok(packRequests(seen).some((url) => /\/packs\/140502\./.test(url)), packRequests(seen).join(" "));
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("a pack that cannot be loaded: a plain Chinese sentence and the national lines, never a blank screen", async () => {
    const { page, context, seen } = await openPage(env.browser, null, PHONE);
    await page.route(/\/packs\//, (route) => route.abort());
    await page.goto(`${env.server.url}${sharedFragment(JINCHENG_SHARED)}`);
    await waitReady(page);
    assert.equal((await page.evaluate(() => document.getElementById("screen").dataset.screen)), "results");
    await page.waitForSelector("#pack-problem");
    const problem = await text(page.locator("#pack-problem"));
    assert.match(problem, /没有加载成功/);
    assert.match(problem, /12333/);
    assert.doesNotMatch(problem, /[A-Za-z]{3,}/, "no English");
    assert.equal(await page.locator('[data-benefit="cn_skill_upgrade_subsidy"]').count(), 1, "the national line");
    assert.equal(await page.locator('[data-benefit="jc_skill_upgrade_bonus"]').count(), 0);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });
});
