// Moving around without losing anything: the back link, 修改 on check-your-answers, a reload
// in the middle (WeChat reloads pages often), 清除我的回答, 不清楚, and errors shown beside
// the question with what was typed kept.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  andWaitForScreen,
  answer,
  chooseRegion,
  clickButton,
  offDevice,
  openPage,
  PHONE,
  screenOf,
  screenshot,
  serverAndBrowser,
  text,
  waitReady,
  walk,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();

/** Holds back the responses to `url` (a chunk) until the returned function is called. */
async function holdBack(page, url) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1") || "null"));

/** Start → region → date → the first engine question, answered from profile (a). */
async function toFirstQuestions(page, count) {
  const profile = PROFILES.a;
  let screen = await andWaitForScreen(page, () => clickButton(page, "开始"));
  screen = await answer(page, profile.region);
  assert.deepEqual(screen, { ...screen, name: "question", fact: "date" });
  screen = await answer(page, profile.date);
  const facts = [];
  for (let i = 0; i < count; i += 1) {
    facts.push(screen.fact);
    screen = await answer(page, profile.facts[screen.fact]);
  }
  return { facts, screen };
}

describe("navigation and keeping answers", () => {
  test("返回上一步 goes to the previous question with its answer still chosen", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    const { facts, screen } = await toFirstQuestions(page, 2);
    assert.equal(screen.name, "question");
    let back = await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    assert.equal(back.fact, facts[1], "back to the second question");
    back = await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    assert.equal(back.fact, facts[0], "back to the first question");
    const given = PROFILES.a.facts[facts[0]];
    const expected = Array.isArray(given) && given.length === 0 ? "__none__" : JSON.stringify(given);
    const checked = await page.evaluate(() => [...document.querySelectorAll("#screen input:checked")].map((i) => i.value));
    assert.ok(checked.includes(expected), `the earlier answer ${expected} is still chosen (${checked})`);
    back = await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    assert.equal(back.fact, "date");
    assert.equal(await page.isChecked("#when-past"), true, "the chosen situation is kept");
    assert.deepEqual([await page.inputValue("#year"), await page.inputValue("#month")], ["2021", "6"], "and its year and month");
    back = await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    assert.equal(back.fact, "region");
    assert.equal(await page.inputValue("#district"), "140502", "the chosen district is kept");
    // Focus moves to the question on every screen change.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H1");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("the browser's back and forward buttons: back goes back, forward returns, a new answer or 清除 ends the way forward", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    const { facts, screen } = await toFirstQuestions(page, 2);
    const third = screen.fact;
    let now = await andWaitForScreen(page, () => page.goBack());
    assert.equal(now.fact, facts[1], "back to the second question");
    now = await andWaitForScreen(page, () => page.goBack());
    assert.equal(now.fact, facts[0], "back to the first question");
    now = await andWaitForScreen(page, () => page.goForward());
    assert.equal(now.fact, facts[1], "forward: the second question again, not the date");
    const given = PROFILES.a.facts[facts[1]];
    const expected = Array.isArray(given) && given.length === 0 ? "__none__" : JSON.stringify(given);
    const checked = await page.evaluate(() => [...document.querySelectorAll("#screen input:checked")].map((i) => i.value));
    assert.ok(checked.includes(expected), `its answer ${expected} is still chosen (${checked})`);
    now = await andWaitForScreen(page, () => page.goForward());
    assert.equal(now.fact, third, "forward again: where the worker was");
    // Back, then on with 继续: the browser has no way forward any more, and back still works.
    await andWaitForScreen(page, () => page.goBack());
    now = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.equal(now.fact, third);
    now = await andWaitForScreen(page, () => page.goBack());
    assert.equal(now.fact, facts[1]);
    // Back, then 清除: forward leads to the start, not to a screen of the answers cleared.
    await andWaitForScreen(page, () => page.goBack());
    now = await andWaitForScreen(page, () => clickButton(page, "清除我的回答"));
    assert.equal(now.name, "start");
    now = await andWaitForScreen(page, () => page.goForward());
    assert.equal(now.name, "start", "清除 left no way forward");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("修改 on check-your-answers changes one answer, returns there, and the results follow", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    await walk(page, PROFILES.a);
    const row = page.locator('.summary-row[data-fact="unemployment_insurance_months"]');
    assert.equal(await text(row.locator(".summary-answer")), "14个月");
    let screen = await andWaitForScreen(page, () => row.getByRole("button", { name: /修改/ }).click());
    assert.deepEqual([screen.name, screen.fact], ["question", "unemployment_insurance_months"]);
    assert.equal(await page.inputValue("#answer"), "14", "the question opens with the answer given");
    screen = await answer(page, 11);
    assert.equal(screen.name, "check", "back to check-your-answers after the change");
    assert.equal(await text(page.locator('.summary-row[data-fact="unemployment_insurance_months"] .summary-answer')), "11个月");
    // The rest of the answers are untouched.
    assert.equal(await text(page.locator('.summary-row[data-fact="employment"] .summary-answer')), "企业职工");
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    const bonus = page.locator('#group-ineligible [data-benefit="jc_skill_upgrade_bonus"]');
    assert.equal(await bonus.count(), 1, "with 11 months the bonus moves to 目前不符合的");
    assert.match(await text(bonus), /再缴纳1个月失业保险/, "and says what would change it");
    assert.equal(await text(page.locator("#total .total-amount")), "目前没有确定能发给您个人的钱");
    assert.equal(await page.locator("#group-worker .amount").count(), 0);
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("a reload keeps the answers and the screen; so does reopening the page", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    const { screen } = await toFirstQuestions(page, 3);
    const before = await stored(page);
    assert.ok(before.answers.region === "140502" && before.answers.date === "2021-06-30", "June 2021 is answered as its last day");
    await page.reload();
    await waitReady(page);
    const after = await screenOf(page);
    assert.deepEqual([after.name, after.fact], [screen.name, screen.fact], "the same question after a reload");
    assert.deepEqual((await stored(page)).answers, before.answers);
    // Finish, look at the results, and reload there too.
    let s = after;
    while (s.name === "question") s = await answer(page, PROFILES.a.facts[s.fact]);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    await page.reload();
    await waitReady(page);
    assert.equal((await screenOf(page)).name, "results");
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    // A new tab (same device) carries on where the worker left off.
    const second = await context.newPage();
    await second.goto(env.server.url);
    await waitReady(second);
    assert.equal((await screenOf(second)).name, "results");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("清除我的回答 asks first, wipes localStorage and returns to the start", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    await toFirstQuestions(page, 2);
    assert.ok(await stored(page));
    // Refusing the confirmation keeps everything (openPage's handler accepts; replace it).
    page.removeAllListeners("dialog");
    page.once("dialog", (d) => d.dismiss());
    await clickButton(page, "清除我的回答");
    assert.ok((await stored(page)).answers.region, "dismissed: nothing cleared");
    page.once("dialog", (d) => {
      seen.dialogs.push(d.message());
      d.accept();
    });
    const screen = await andWaitForScreen(page, () => clickButton(page, "清除我的回答"));
    assert.equal(screen.name, "start");
    assert.match(seen.dialogs.at(-1), /清除/);
    assert.equal(await page.evaluate(() => localStorage.length), 0, "nothing left in localStorage");
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    assert.equal(await page.inputValue("#province"), "", "the region is asked afresh");
    await page.reload();
    await waitReady(page);
    assert.equal((await screenOf(page)).fact, "region");
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("不清楚 is remembered: not asked again, shown on check-your-answers, and answerable from the results", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    const profile = { ...PROFILES.a, facts: { ...PROFILES.a.facts } };
    delete profile.facts.unemployment_insurance_months; // → 不清楚
    const asked = await walk(page, profile);
    assert.equal(asked.filter((f) => f === "unemployment_insurance_months").length, 1, "asked once only");
    const row = page.locator('.summary-row[data-fact="unemployment_insurance_months"]');
    assert.equal(await text(row.locator(".summary-answer")), "不清楚");
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    const bonus = page.locator('#group-undetermined [data-benefit="jc_skill_upgrade_bonus"]');
    assert.equal(await bonus.count(), 1, "the bonus needs that answer");
    // The question that settles it heads the items waiting on it.
    const ask = page.locator("#group-undetermined .ask", { has: page.locator('[data-benefit="jc_skill_upgrade_bonus"]') });
    let screen = await andWaitForScreen(page, () => ask.getByRole("button", { name: /补充回答/ }).click());
    assert.deepEqual([screen.name, screen.fact], ["question", "unemployment_insurance_months"]);
    screen = await answer(page, 14);
    assert.equal(screen.name, "results", "back to the results");
    assert.equal(await text(page.locator('#group-worker [data-benefit="jc_skill_upgrade_bonus"] .amount')), "1500元");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    assert.deepEqual(offDevice(seen), []);
    await context.close();
  });

  test("an answer the engine refuses is explained beside the question, with what was typed kept", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    let screen = await andWaitForScreen(page, () => clickButton(page, "开始"));
    screen = await answer(page, PROFILES.a.region);
    screen = await answer(page, PROFILES.a.date);
    // Reach a number question.
    let guard = 0;
    while ((await page.evaluate(() => document.querySelector("form.question").dataset.input)) !== "number") {
      screen = await answer(page, PROFILES.a.facts[screen.fact]);
      assert.equal(screen.name, "question");
      assert.ok((guard += 1) < 20);
    }
    const before = await stored(page);
    await page.fill("#answer", "-3");
    const rendersBefore = (await screenOf(page)).render;
    await clickButton(page, "继续");
    await page.waitForSelector("[role=alert] p");
    assert.equal((await screenOf(page)).render, rendersBefore, "the screen was not redrawn");
    const alert = page.locator("[role=alert]");
    const title = await page.evaluate(() => document.querySelector("h1").textContent.replace(/[？?]$/, ""));
    assert.match(await text(alert), /^“.+”的回答不对：请填写0到\d+之间的整数。$/, "a Chinese sentence naming the question");
    assert.ok((await text(alert)).includes(`“${title}”`), "the question on screen is the one named");
    assert.doesNotMatch(await text(alert), /[A-Za-z_]{3,}/, "the engine's English field name stays out of the page");
    await screenshot(page, "11-error");
    assert.equal(await page.inputValue("#answer"), "-3", "what was typed is kept");
    assert.equal(await page.getAttribute("#answer", "aria-invalid"), "true");
    assert.deepEqual((await stored(page)).answers, before.answers, "no answer was lost or changed");
    assert.equal((await screenOf(page)).fact, screen.fact, "still on the same question");
    await page.fill("#answer", "十二");
    await clickButton(page, "继续");
    assert.match(await text(alert), /请只填写数字/);
    const next = await answer(page, 14);
    assert.notEqual(next.fact, screen.fact, "a good answer moves on");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("the date screen's month prompt and its errors are the engine's words (date_words)", async () => {
    // Mid-June: a later month of the same year can be chosen, and is refused.
    const { page, context, seen } = await openPage(env.browser, null);
    await page.clock.setFixedTime(new Date("2026-06-15T04:00:00Z"));
    await page.goto(env.server.url);
    await waitReady(page);
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    const screen = await answer(page, PROFILES.a.region);
    assert.equal(screen.fact, "date");
    const words = await page.evaluate(async () => {
      const engine = await import("./pkg/subsidy_estimator.js");
      await engine.default();
      return new engine.Estimator().question("date").date_words;
    });
    assert.ok(words && words.month_prompt && words.choose_case && words.choose_month && words.month_ahead, JSON.stringify(words));
    const alert = page.locator("[role=alert]");
    /** 继续, then what the alert beside the question says once it says `expected`. */
    const said = async (expected) => {
      await clickButton(page, "继续");
      await page.waitForFunction((w) => document.querySelector("[role=alert]")?.textContent.includes(w), expected, { timeout: 5000 }).catch(() => {});
      return text(alert);
    };
    assert.equal(await said(words.choose_case), words.choose_case, "no case chosen");
    await page.check("#when-past");
    assert.equal(await text(page.locator("#when-month .hint")), words.month_prompt);
    assert.equal(await said(words.choose_month), words.choose_month, "no year or month");
    await page.selectOption("#year", "2026");
    await page.selectOption("#month", "9");
    assert.equal(await said(words.month_ahead), words.month_ahead, "a month still ahead");
    assert.equal((await screenOf(page)).fact, "date", "still on the date screen");
    await page.selectOption("#month", "5");
    const next = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.notEqual(next.fact, "date", "a month gone by moves on");
    assert.equal((await stored(page)).answers.date, "2026-05-31");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("the region picker: 其他/不清楚 keeps the city; a place with no documents says so plainly", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    // A city is required once a province with cities is chosen.
    await page.selectOption("#province", "520000");
    // Once its cities are listed (before they come, 继续 says they are still loading).
    await page.waitForFunction(() => document.querySelectorAll("#city option").length > 1);
    await clickButton(page, "继续");
    assert.match(await text(page.locator("[role=alert]")), /请选择城市/);
    await page.selectOption("#city", "520300");
    await page.selectOption("#district", "__other__");
    let screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.equal(screen.fact, "date");
    assert.equal((await stored(page)).answers.region, "520300", "其他区县 / 不清楚 stores the city");
    // Back to the region; a municipality with no documents of its own: its one city (北京市,
    // GB/T 2260's 110100) is listed, and 其他 / 不清楚 answers with the province.
    screen = await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    assert.equal(screen.fact, "region");
    assert.equal(await page.inputValue("#city"), "520300");
    assert.equal(await page.inputValue("#district"), "__other__");
    await page.selectOption("#province", "110000");
    // The province's cities arrive with its file (places.js): wait for them, not for a guess.
    await page.waitForFunction(() => document.querySelectorAll("#city option").length > 1);
    assert.deepEqual(await page.$$eval("#city option", (o) => o.map((x) => x.value)), ["", "110100", "__other__"], "北京市's one city");
    await page.selectOption("#city", "__other__");
    screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.equal((await stored(page)).answers.region, "110000");
    assert.equal(screen.fact, "date");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("an eligible allowance whose amount waits on 不清楚 is not counted, is said so, and can be completed", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    const profile = { ...PROFILES.c, facts: { ...PROFILES.c.facts } };
    delete profile.facts["training.days"]; // → 不清楚
    await walk(page, profile);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    const allowance = page.locator('#group-worker [data-benefit="jc_training_living_allowance"]');
    assert.equal(await allowance.count(), 1, "eligible, so listed under money to you");
    assert.equal(await allowance.locator(".amount").textContent(), "金额还不能确定");
    assert.equal(await text(page.locator("#total .total-amount")), "目前没有确定能发给您个人的钱", "0元 is not shown as a sum");
    assert.match(await text(page.locator("#total")), /另有培训期间生活费.*金额还不能确定.*没有计入/);
    const screen = await andWaitForScreen(page, () => allowance.getByRole("button", { name: /补充回答/ }).click());
    assert.equal(screen.fact, "training.days");
    assert.equal((await answer(page, 10)).name, "results");
    assert.equal(await text(page.locator('#group-worker [data-benefit="jc_training_living_allowance"] .amount')), "150元");
    assert.equal(await text(page.locator("#total .total-amount")), "150元");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("a question after the place, before its fields have come, says 正在准备…… and is drawn when they come", async () => {
    // The later questions' fields (chunks/later.js) load once the start screen works; here they are held back.
    const { page, context, seen } = await openPage(env.browser, null, { ...PHONE, serviceWorkers: "block" });
    const release = await holdBack(page, /\/chunks\/later\.js/);
    await page.goto(env.server.url);
    await waitReady(page);
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    assert.equal((await screenOf(page)).fact, "region", "the region question does not wait");
    await chooseRegion(page, PROFILES.c.region);
    assert.equal(await page.locator(".view.ahead").count(), 0, "nothing drawn ahead without the fields");
    await clickButton(page, "继续");
    await page.waitForSelector("#waiting");
    assert.equal(await text(page.locator("#waiting")), "正在准备……");
    assert.equal((await screenOf(page)).fact, "region", "still on the region question meanwhile");
    const date = await andWaitForScreen(page, () => release());
    assert.equal(date.fact, "date");
    assert.equal(await page.locator("#waiting").count(), 0, "the waiting line is gone");
    assert.ok((await page.locator("select").count()) > 0 || (await page.locator("input[type=radio]").count()) > 0, "the date's field is drawn");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors.filter((e) => !/Service Worker registration blocked by Playwright/.test(e)), []);
    await context.close();
  });

  test("the screen after the place is drawn ahead once the later questions' fields have come", async () => {
    const { page, context, seen } = await openPage(env.browser, null, { ...PHONE, serviceWorkers: "block" });
    const release = await holdBack(page, /\/chunks\/later\.js/);
    await page.goto(env.server.url);
    await waitReady(page);
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    await chooseRegion(page, PROFILES.c.region);
    release();
    await page.waitForSelector(".view.ahead", { state: "attached" });
    const date = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.equal(date.fact, "date");
    assert.equal(await page.locator("#waiting").count(), 0, "no waiting line: the screen was ready");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors.filter((e) => !/Service Worker registration blocked by Playwright/.test(e)), []);
    await context.close();
  });

  test("查看结果 on a slow network says 正在准备…… until the results screen has loaded, then shows it", async () => {
    // The results screen loads after the start screen is usable; here its module is held back.
    const { page, context, seen } = await openPage(env.browser, null, { ...PHONE, serviceWorkers: "block" });
    const release = await holdBack(page, /\/chunks\/results-page\.js/);
    await page.goto(env.server.url);
    await waitReady(page);
    await walk(page, PROFILES.c);
    await clickButton(page, "查看结果");
    await page.waitForSelector("#waiting");
    assert.equal(await text(page.locator("#waiting")), "正在准备……");
    assert.equal(await page.getAttribute("#waiting", "role"), "status");
    assert.equal((await screenOf(page)).name, "check", "still on check-your-answers meanwhile");
    const results = await andWaitForScreen(page, () => release());
    assert.equal(results.name, "results");
    assert.equal(await text(page.locator("#total .total-amount")), "150元");
    assert.equal(await page.locator("#waiting").count(), 0, "the waiting line is gone");
    assert.deepEqual(seen.pageErrors, []);
    // (Playwright blocks the service worker here, so the held module cannot come from its cache.)
    assert.deepEqual(seen.consoleErrors.filter((e) => !/Service Worker registration blocked by Playwright/.test(e)), []);
    await context.close();
  });
});
