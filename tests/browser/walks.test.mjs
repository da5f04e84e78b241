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
  scrollThrough,
  serverAndBrowser,
  text,
  walk,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();

/** Walks `profile` to the results, checking layout on every screen and axe on the kinds listed. */
async function walkToResults(profile, { axeOn = [], shots = {}, onQuestion = async () => {} } = {}) {
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
    if (screen.name === "question") await onQuestion(page, screen);
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
    // The office, with the clause that names it (next_step.office_cite).
    assert.match(await text(bonus.locator(".apply")), /到哪里申请：晋城市城区人力资源和社会保障局（区人社局）（城政发〔2020〕12号 四\(一\).+），拨打12333/);
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    // 查看原文 opens the clause's own words.
    await bonus.getByRole("button", { name: "查看原文" }).click();
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
      // The 文号 where the document has one, else its title; the title in full under 查看原文.
      assert.match(await text(card.locator(".source")), /^依据：(《.+》|\S+〔\d{4}〕\d+号) \S+/);
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

/**
 * The results as a worker sees them, measured at 360×740 with every closed section closed,
 * once scrolled through (every card drawn).
 */
async function resultsFacts(page) {
  await scrollThrough(page);
  return page.evaluate(() => {
    const closed = [...document.querySelectorAll("#screen details")].every((d) => !d.open) && [...document.querySelectorAll("#screen [aria-expanded]")].every((b) => b.getAttribute("aria-expanded") === "false");
    const total = document.getElementById("total");
    return {
      closed,
      height: document.documentElement.scrollHeight,
      text: document.getElementById("screen").textContent.replace(/\s+/g, " "),
      metCounts: [...document.querySelectorAll("#screen .met-count")].map((s) => s.textContent),
      tel: [...document.querySelectorAll('#screen a[href^="tel:"]')].map((a) => a.getAttribute("href")),
      totalClass: total ? total.className : null,
      totalBackground: total ? getComputedStyle(total).backgroundColor : null,
      ineligibleSummary: document.querySelector("#group-ineligible button.disclosure")?.textContent.trim() || null,
      eligibleWithoutNextStep: [...document.querySelectorAll("#screen .benefit.eligible")].filter((c) => !c.querySelector(".next-step")).map((c) => c.dataset.benefit),
    };
  });
}

/**
 * One of issue 10's four workers from the start screen to the results: the screens and
 * questions it took, the progress line on each question, and the results measured.
 */
async function fourWorkersWalk(name, profile) {
  const progress = [];
  const run = await walkToResults(profile, {
    shots: { results: `11-results-${name}` },
    onQuestion: async (page) => {
      progress.push(
        await page.evaluate(() => ({
          fact: document.getElementById("screen").dataset.fact,
          text: document.getElementById("progress-text")?.textContent || "",
          live: document.getElementById("progress-live")?.textContent || "",
          liveMode: document.getElementById("progress-live")?.getAttribute("aria-live"),
          next: document.getElementById("screen").dataset.next.split(" ").filter(Boolean),
          // The choices offered (their stored values), for the questions that offer choices.
          offered: [...document.querySelectorAll("#screen form.question input[type=radio], #screen form.question input[type=checkbox]")].map((i) => i.value),
        })),
      );
    },
  });
  const results = await resultsFacts(run.page);
  return { ...run, progress, results };
}

const GREEN = "rgb(0, 112, 60)";
const SCREENFUL = 740;

function assertActionable(name, walked, screenfuls = 5) {
  const r = walked.results;
  assert.ok(r.closed, `${name}: every closed section is closed`);
  assert.ok(r.height <= screenfuls * SCREENFUL, `${name}: results are ${r.height}px, more than ${screenfuls} screenfuls of ${SCREENFUL}px`);
  assert.ok(r.metCounts.length > 0 && r.metCounts.every((t) => /^符合 \d+\/\d+ 条$/.test(t)), `${name}: "符合 N/M 条" on the cards: ${r.metCounts}`);
  assert.ok(r.tel.includes("tel:12333"), `${name}: a tappable 12333`);
  assert.deepEqual(r.eligibleWithoutNextStep, [], `${name}: a next step on every card that applies`);
  if (/没有确定能发给您个人的钱/.test(r.text)) {
    assert.notEqual(r.totalBackground, GREEN, `${name}: no green success panel for 0元`);
    assert.doesNotMatch(r.text, /合计 ?0元/, `${name}: 0元 is not shown as a total`);
  }
  // Progress moves: "已回答 N 题，最多还有 M 题", announced politely; M grows only when the
  // previous answer opened questions the engine had not listed before.
  const asked = walked.progress.filter((p) => p.fact !== "region" && p.fact !== "date" && p.next.length);
  for (const p of asked) {
    assert.match(p.text, /^已回答 \d+ 题(，最多还有 \d+ 题)?$/, `${name}: progress on ${p.fact}`);
    assert.equal(p.live, p.text, `${name}: the live region says the same`);
    assert.equal(p.liveMode, "polite");
  }
  for (let i = 1; i < asked.length; i += 1) {
    const [before, now] = [asked[i - 1], asked[i]];
    const m = (p) => Number((/最多还有 (\d+) 题/.exec(p.text) || [0, 0])[1]);
    const opened = now.next.filter((f) => !before.next.includes(f));
    if (m(now) > m(before) - (before.fact === now.fact ? 0 : 1)) {
      assert.ok(opened.length > 0, `${name}: M went from ${m(before)} to ${m(now)} after ${before.fact} without a new question`);
    }
  }
}

const ENDED = /这份文件已于2021年12月31日到期，现在申请是否还能受理，请先向.+确认/;

describe("issue 10: four workers get results they can act on, in at most 5 screenfuls", () => {
  const report = [];
  const note = (name, w) => {
    const line = `${name}: ${w.asked.length + 2} screens (start, ${w.asked.length} questions, check) + results of ${w.results.height}px = ${(w.results.height / SCREENFUL).toFixed(1)} screenfuls; asked ${w.asked.join(", ")}`;
    report.push(line);
    console.log(line);
  };

  test("晋城 enterprise employee with a 中级工 certificate, June 2021: 1500元 first, the ended document on every card", async () => {
    // He knows he has not claimed this bonus before and does not plan a business.
    const w = await fourWorkersWalk("jincheng", { ...PROFILES.a, date: "2021-06", facts: { ...PROFILES.a.facts, "certificate.claimed_before": false, entrepreneurial_intent: false } });
    note("晋城 employee", w);
    assertActionable("晋城 employee", w);
    const { page } = w;
    assert.equal(await text(page.locator('#group-worker [data-benefit="jc_skill_upgrade_bonus"] .amount')), "1500元");
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    for (const card of await page.locator("[data-benefit^='jc_']").all()) assert.match(await text(card), ENDED);
    assert.match(w.results.ineligibleSummary, /^另有\d+项目前不符合$/);
    // The certificate's month was offered from the date question, not typed twice.
    assert.ok(w.asked.includes("certificate.issued"));
    assertClean(w);
    await w.context.close();
  });

  test("晋城 rural 两后生 in 劳动预备制, June 2021: the free training and the allowance, the ended document said", async () => {
    const w = await fourWorkersWalk("two-after", { ...PROFILES.b, date: "2021-06" });
    note("晋城 两后生", w);
    assertActionable("晋城 两后生", w);
    assert.equal(await text(w.page.locator('#group-worker [data-benefit="jc_labor_prep_living_allowance"] .amount')), "2400元");
    assert.match(w.results.text, ENDED);
    assertClean(w);
    await w.context.close();
  });

  test("遵义 laid-off man of 55 who knows no terms, today: no cash amount said plainly, not in green", async () => {
    const w = await fourWorkersWalk("zunyi", PROFILES.zunyi);
    note("遵义 laid-off", w);
    // Under 5 screenfuls again (3,901 px before issue #21's third step; 3,507 px after): a
    // card's source and 查看原文 share a line on a phone, an ended notice's period is said once,
    // and a worker who only plans his training is not offered a re-estimate by its past month.
    assertActionable("遵义 laid-off", w);
    assert.doesNotMatch(w.results.text, /按培训或取证的年月重新测算|可以按那时的年月重新测算/, "he plans his training: no month in the past to go by");
    assert.match(w.results.text, /1份文件不在所选日期的执行期内/, "the ended 2021 notice is still said");
    assert.ok(w.asked.includes("groups"), "the groups are asked");
    // No cash is certain for him, but the national line may pay (undetermined since the 2026
    // notice is only reported): the top says the ceiling as a condition, never as money he has,
    // never "0元", and not in green (issue #21: money first, ceilings as ceilings).
    assert.match(w.results.text, /如果符合条件，失业保险技能提升补贴最多可领2000元以参保地标准为准/);
    assert.doesNotMatch(w.results.text, /合计 ?0元/);
    assert.notEqual(w.results.totalBackground, GREEN);
    // 二(二) names three kinds of training: he is asked which he wants, offered those three (and
    // "none"; nothing from 晋城's or 西藏's documents), and the card says the document does not
    // say whether it is free (issue #21, point 7).
    const kind = w.progress.find((p) => p.fact === "training.kind");
    assert.ok(kind, `the training he wants is asked: ${w.asked.join(",")}`);
    const offered = kind.offered.map((v) => { try { return JSON.parse(v); } catch { return v; } });
    for (const v of ["labor_preparation", "employment_skills", "skill_upgrade", "none"]) assert.ok(offered.includes(v), `${v} offered: ${offered}`);
    for (const v of ["inclusive", "employment_oriented", "craft_apprenticeship", "work_for_training"]) assert.ok(!offered.includes(v), `${v} not offered in 遵义: ${offered}`);
    const training = w.page.locator('[data-benefit="zy_key_group_training"]');
    assert.equal(await training.count(), 1, "the training he can join is listed");
    assert.match(await training.getAttribute("class"), /\beligible\b/, "and he can join it");
    assert.match(await text(training), /是否免费/);
    assertClean(w);
    await w.context.close();
  });

  test("南宁 flexible worker, today: the national 技能提升补贴 line with its source, and where to ask", async () => {
    const w = await fourWorkersWalk("nanning", PROFILES.nanning);
    note("南宁 flexible", w);
    assertActionable("南宁 flexible", w);
    const national = w.page.locator('[data-benefit="cn_skill_upgrade_subsidy"]');
    assert.equal(await national.count(), 1, "the national line is on the page");
    // The line names its document: a 文号, or (the 2026 notice known only from leads, which
    // carries none for certain) its title, said to be not yet verified.
    assert.match(await text(national.locator(".source")), /人社部发〔20\d\d〕\d+号|《[^》]+（据报道，尚未核实）》/);
    // The engine's own estimate decides whether its source is a reprint; the card says so when it is.
    const warning = await w.page.evaluate(() => document.querySelector('[data-benefit="cn_skill_upgrade_subsidy"] .source-warning')?.textContent || null);
    const saved = await w.page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1")).answers);
    const engineWarning = await w.page.evaluate(async (answers) => {
      const engine = await import("./pkg/subsidy_estimator.js");
      await engine.default();
      const est = new engine.Estimator();
      await engine.loadPlace(est, answers.region, location.href);
      return est.estimate(answers).benefits.find((b) => b.id === "cn_skill_upgrade_subsidy").source.source_warning;
    }, saved);
    assert.equal(warning, engineWarning, "the source warning is shown exactly where the engine gives one");
    assert.doesNotMatch(w.results.text, /没有在执行期内、写明补贴金额的文件/, "today the national rule is in force");
    assertClean(w);
    await w.context.close();
  });

  test("南宁 before 2017: the first screenful says nothing with an amount was in force, where to ask, and offers the date again", async () => {
    const w = await fourWorkersWalk("nanning-2016", { ...PROFILES.nanning, date: "2016-06" });
    const { page } = w;
    const panel = page.locator("#nothing-in-force");
    assert.equal(await panel.count(), 1);
    assert.match(await text(panel), /2016年6月30日没有在执行期内、写明补贴金额的文件.*南宁市人力资源和社会保障局.*12333/);
    const box = await panel.boundingBox();
    assert.ok(box.y + box.height <= SCREENFUL, `the guidance is in the first screenful (ends at ${box.y + box.height}px)`);
    assert.equal(await panel.locator('a[href="tel:12333"]').count(), 1);
    const again = await andWaitForScreen(page, () => panel.getByRole("button").click());
    assert.equal(again.fact, "date", "the date question again");
    assert.equal(await page.isChecked("#when-past"), true);
    assert.equal(await page.inputValue("#year"), "2016");
    assertClean(w);
    await w.context.close();
  });
});
