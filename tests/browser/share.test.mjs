// Sharing a result: 分享链接 (the answers in the fragment, #a= base64url of the UTF-8 JSON,
// with a one-line warning), opening such a link (results at once), damaged, tampered and
// over-long links (a plain Chinese message and the start screen), and 复制结果 (a plain-text
// summary for a WeChat chat).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  PHONE,
  amounts,
  andWaitForScreen,
  clickButton,
  openPage,
  screenOf,
  serverAndBrowser,
  text,
  walk,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();

const encode = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value), "utf8").toString("base64url");
const decode = (fragment) => JSON.parse(Buffer.from(fragment, "base64url").toString("utf8"));

async function toResults(profile) {
  const opened = await openPage(env.browser, env.server.url, PHONE);
  await walk(opened.page, profile);
  await andWaitForScreen(opened.page, () => clickButton(opened.page, "查看结果"));
  return opened;
}

/** Opens `url` in a fresh context and reports the screen, the notice and the visible text. */
async function open(url) {
  const opened = await openPage(env.browser, url, PHONE);
  const { page } = opened;
  const screen = await screenOf(page);
  const notice = (await page.locator("#notice").count()) ? await text(page.locator("#notice")) : null;
  const visible = await page.evaluate(() => document.body.innerText);
  return { ...opened, screen, notice, visible };
}

describe("share and copy", () => {
  test("分享链接 gives the answers in the fragment with a warning; opening it shows the same results at once", async () => {
    const { page, context, seen } = await toResults(PROFILES.b);
    const before = await amounts(page);
    assert.equal(before.total, "2400元");
    await clickButton(page, "分享链接");
    const link = await page.inputValue("input.share-link");
    assert.match(await text(page.locator(".share-warning")), /打开这个链接的人能看到您的这些回答/);
    const match = /^http:\/\/127\.0\.0\.1:\d+\/#a=([A-Za-z0-9_-]+)$/.exec(link);
    assert.ok(match, `a link with the answers only in the fragment, base64url without padding: ${link}`);
    const answers = decode(match[1]);
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1")).answers);
    assert.deepEqual(answers, saved, "the fragment carries exactly the answers given");
    assert.deepEqual(answers.groups, ["two_after"]);
    assert.equal(answers.region, "140502");
    const other = await open(link);
    assert.equal(other.screen.name, "results", "results at once");
    assert.deepEqual(await amounts(other.page), before);
    assert.equal(await other.page.evaluate(() => location.hash), "", "the answers leave the address bar once read");
    assert.deepEqual(other.seen.pageErrors, []);
    assert.deepEqual(other.seen.consoleErrors, []);
    await other.context.close();
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("复制结果 copies a plain summary: what, how much, document and clause, date, disclaimer", async () => {
    const { page, context, seen } = await toResults(PROFILES.a);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
    await clickButton(page, "复制结果");
    await page.waitForSelector(".share-status .done");
    assert.match(await text(page.locator(".share-status")), /已复制结果/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^【技能补贴测算结果】\n地区：山西省晋城市城区\n测算日期：2021-06-30\n/);
    // The top first (issue 21: the copied text says what the screen's top says), then each line.
    assert.match(copied, /\n\n发给您个人的钱：合计1500元\n/);
    assert.match(copied, /\n\n发给您个人的钱：\n· 职工技能提升补贴/);
    assert.match(copied, /  到哪里申请：.+（电话12333）/);
    assert.match(copied, /\n办理时要带的材料：\n□ /);
    assert.match(copied, /· 职工技能提升补贴.* 1500元\n  依据：《晋城市城区创建.+》（城政发〔2020〕12号） 三\(二\)/);
    assert.match(copied, /仅供参考.*12333/);
    assert.doesNotMatch(copied, /undefined|null|NaN|\[object/);
    assert.doesNotMatch(copied, /<|>/, "plain text, no markup");
    assert.ok(copied.length < 1500, `short enough for a chat (${copied.length} characters)`);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("a tampered, malformed or over-long link: a plain Chinese message and the start screen, never a crash", async () => {
    const good = encode({ region: "140502", date: "2021-06-01", employment: "enterprise_employee", unemployment_insurance_months: 14 });
    let deep = "1";
    for (let i = 0; i < 5000; i += 1) deep = `[${deep}]`;
    const cases = [
      ["a character changed in the middle", `${good.slice(0, 20)}${good[20] === "x" ? "y" : "x"}${good.slice(21)}`, /损坏/],
      ["cut short", good.slice(0, good.length - 7), /损坏/],
      ["not base64url at all", "%%%<script>", /损坏/],
      ["bytes that are not UTF-8", Buffer.from([0xff, 0xfe, 0xfd]).toString("base64url"), /损坏/],
      ["JSON that is not an object", encode([1, 2, 3]), /损坏/],
      ["a 5,000-deep array", encode(deep), /损坏|太长/],
      ["longer than any real link", "A".repeat(5000), /太长/],
      ["a value the engine refuses", encode({ region: "140502", unemployment_insurance_months: -3 }), /这个分享链接里“.+”的回答不对：请填写0到\d+之间的整数/],
      ["a key the engine does not know", encode({ region: "140502", salary: 5000 }), /这个分享链接里.*无法使用/],
    ];
    for (const [what, fragment, words] of cases) {
      const opened = await open(`${env.server.url}#a=${fragment}`);
      assert.equal(opened.screen.name, "start", `${what}: the start screen`);
      assert.ok(opened.notice, `${what}: a message`);
      assert.match(opened.notice, words, `${what}: ${opened.notice}`);
      assert.doesNotMatch(opened.visible, /[A-Za-z]{4,}|Error|undefined/, `${what}: no English on screen`);
      assert.deepEqual(opened.seen.pageErrors, [], `${what}: no crash`);
      assert.deepEqual(opened.seen.consoleErrors, [], `${what}: no console errors`);
      // The page still works: 开始 leads to the first question.
      const next = await andWaitForScreen(opened.page, () => clickButton(opened.page, "开始"));
      assert.equal(next.name, "question", `${what}: the walk can start`);
      await opened.context.close();
    }
  });

  test("plain Chinese on the results of every place: a cut-off document is worded for a worker, no English anywhere", async () => {
    const places = [
      ["520300", /这份文件我们只收录到四\(二\)，后面的条款没有收录/],
      ["450000", /这份文件我们只收录到三\(三\)，后面的条款没有收录/],
      ["140502", null],
      ["540000", null],
    ];
    for (const [region, cutOff] of places) {
      const opened = await open(`${env.server.url}#a=${encode({ region, date: "2021-06-01" })}`);
      assert.equal(opened.screen.name, "results", region);
      for (const d of await opened.page.locator("details").all()) await d.evaluate((e) => (e.open = true));
      const visible = await opened.page.evaluate(() => document.body.innerText);
      if (cutOff) assert.match(visible, cutOff, region);
      assert.doesNotMatch(visible, /网页抓取|编码/, `${region}: no developer wording about the capture`);
      const english = visible.match(/[A-Za-z_]{4,}[A-Za-z_.]*/g) || [];
      assert.deepEqual(english, [], `${region}: no English words on screen`);
      await opened.context.close();
    }
  });

  test("a link opened over a worker's own saved answers shows the link's results; a bad link keeps their own", async () => {
    const { page, context } = await toResults(PROFILES.a);
    const own = await amounts(page);
    await page.goto(`${env.server.url}#a=broken!`);
    await page.waitForSelector("html[data-ready]");
    assert.equal((await screenOf(page)).name, "start");
    assert.match(await text(page.locator("#screen")), /您上次的回答还保存在本机/, "their own answers are kept");
    const link = `${env.server.url}#a=${encode({ region: "140502", date: "2021-06-01", groups: ["poor_labor"], training: { kind: "inclusive", days: 10 }, subsidized_trainings_this_year: 0, same_occupation_level_this_year: false })}`;
    await page.goto(link);
    await page.waitForFunction(() => document.getElementById("screen").dataset.screen === "results");
    assert.equal((await amounts(page)).total, "150元");
    assert.notDeepEqual(await amounts(page), own);
    await context.close();
  });
});
