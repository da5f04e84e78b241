// Workers walk the page from the start screen to their results in Chromium at 360×740 with
// touch, answering whatever the engine asks from their own profile (不清楚 for anything
// else). On every screen: no horizontal scroll, every control at least 44px tall; axe-core
// finds nothing serious on each kind of screen; nothing leaves 127.0.0.1; no console errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  andWaitForScreen,
  axeViolations,
  benefitCard,
  clickButton,
  layoutProblems,
  offDevice,
  openPage,
  screenshot,
  serverAndBrowser,
  text,
  walk,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();

/** Walks `profile` to the results, checking layout on every screen and axe on the kinds listed. */
async function walkToResults(profile, { axeOn = [], shots = {} } = {}) {
  const { page, context, seen } = await openPage(env.browser, env.server.url);
  const axeDone = new Set();
  const problems = [];
  const onScreen = async (page, screen) => {
    const where = screen.name === "question" ? `question ${screen.fact}` : screen.name;
    for (const p of await layoutProblems(page)) problems.push(`${where}: ${p}`);
    const input = await page.evaluate(() => document.querySelector("form.question")?.dataset.input || "");
    const kind = screen.name === "question" ? `question:${input}` : screen.name;
    if (axeOn.includes(kind) && !axeDone.has(kind)) {
      axeDone.add(kind);
      for (const v of await axeViolations(page)) problems.push(`${where}: axe ${v}`);
    }
    const shot = shots[screen.name === "question" ? screen.fact : screen.name];
    if (shot) await screenshot(page, shot);
  };
  const asked = await walk(page, profile, onScreen);
  const results = await andWaitForScreen(page, () => clickButton(page, "查看结果"));
  assert.equal(results.name, "results");
  await onScreen(page, results);
  assert.deepEqual([...axeDone].sort(), [...axeOn].sort(), "axe-core ran on every kind of screen asked for");
  return { page, context, seen, asked, problems, axeDone };
}


function assertClean(run) {
  assert.deepEqual(run.problems, [], "layout and accessibility problems");
  assert.deepEqual(run.seen.pageErrors, [], "page errors");
  assert.deepEqual(run.seen.consoleErrors, [], "console errors and warnings");
  assert.deepEqual(offDevice(run.seen), [], "requests that left 127.0.0.1");
  assert.ok(run.seen.requests.some((url) => new URL(url).pathname === "/pkg/subsidy_estimator_bg.wasm"), "the wasm was fetched (as pkg/subsidy_estimator_bg.wasm?v=<build>)");
}

describe("end-to-end walks in Chromium at 360×740", () => {
  test("(a) an enterprise employee with 14 months of insurance and a 中级工 certificate gets 1500元", async () => {
    const run = await walkToResults(PROFILES.a, {
      axeOn: ["start", "question:region", "question:date", "question:choice", "question:number", "check", "results"],
      shots: { start: "1-start", region: "2-region", date: "3-date", "training.kind": "4-question-choice", unemployment_insurance_months: "5-question-number", check: "7-check-answers", results: "8-results-a" },
    });
    const { page } = run;
    assert.ok(run.asked.includes("employment") && run.asked.includes("unemployment_insurance_months"), run.asked.join(","));
    const bonus = benefitCard(page, "jc_skill_upgrade_bonus");
    assert.equal(await page.locator('#group-worker [data-benefit="jc_skill_upgrade_bonus"]').count(), 1, "listed under money to you");
    assert.equal(await text(bonus.locator(".amount")), "1500元");
    assert.match(await text(bonus.locator(".source")), /城政发〔2020〕12号/);
    assert.match(await text(bonus.locator(".source")), /三\(二\)/);
    assert.match(await text(bonus.locator(".apply")), /到哪里申请：.+/);
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    // 查看原文 opens the clause's own words.
    await bonus.locator("summary", { hasText: "查看原文" }).click();
    assert.match(await text(bonus.locator("blockquote")), /1000元、1500元、2000元/);
    // The employer's and the provider's money is never added to the worker's total.
    assert.equal(await page.locator('#group-worker [data-benefit^="jc_"]').count(), 1);
    for (const v of await axeViolations(page)) run.problems.push(`results with 查看原文 open: axe ${v}`);
    assertClean(run);
    await run.context.close();
  });

  test("(b) a rural 两后生 in 12 months of 劳动预备制 training: free training 2500元 and 2400元 living allowance", async () => {
    const run = await walkToResults(PROFILES.b, { axeOn: ["question:multi"], shots: { groups: "6-question-multi", results: "9-results-b" } });
    const { page } = run;
    assert.equal(await text(page.locator('#group-provider [data-benefit="jc_labor_prep_training"] .amount')), "2500元");
    assert.equal(await text(page.locator('#group-worker [data-benefit="jc_labor_prep_living_allowance"] .amount')), "2400元");
    assert.match(await text(page.locator('[data-benefit="jc_labor_prep_living_allowance"] .note')), /200元×12/);
    assert.equal(await text(page.locator("#total .total-amount")), "2400元");
    assertClean(run);
    await run.context.close();
  });

  test("(c) a 贫困劳动力 in 10 days of 普惠制 training: 1000元 (capped) free training and 150元 living allowance", async () => {
    const run = await walkToResults(PROFILES.c);
    const { page } = run;
    assert.equal(await text(page.locator('#group-provider [data-benefit="jc_inclusive_training"] .amount')), "1000元");
    assert.match(await text(page.locator('[data-benefit="jc_inclusive_training"] .note')), /1000元/);
    assert.equal(await text(page.locator('#group-worker [data-benefit="jc_training_living_allowance"] .amount')), "150元");
    assert.equal(await text(page.locator("#total .total-amount")), "150元");
    // Every result names its document.
    for (const card of await page.locator("[data-benefit]").all()) {
      assert.match(await text(card.locator(".source")), /^依据：《.+》/);
    }
    assertClean(run);
    await run.context.close();
  });

  test("(d) profile (a) today: the 晋城 document is shown as not in force and no 1500元 appears", async () => {
    const today = { ...PROFILES.a, date: undefined }; // keep the date screen's default: today
    const run = await walkToResults(today, { shots: { results: "10-results-today" } });
    const { page } = run;
    const expired = page.locator('#group-not-in-force [data-document="czf-2020-12"]');
    assert.equal(await expired.count(), 1, "the 晋城 document is listed as not in force");
    assert.match(await text(expired), /该文件执行期为.*2021.*所选日期.*不在执行期内/);
    assert.match(await text(expired), /职工技能提升补贴/);
    const results = await text(page.locator("#screen"));
    assert.doesNotMatch(results, /1500元/, "no expired amount is shown");
    assert.equal(await page.locator('[data-benefit="jc_skill_upgrade_bonus"]').count(), 0, "no current card for the expired bonus");
    assertClean(run);
    await run.context.close();
  });
});
