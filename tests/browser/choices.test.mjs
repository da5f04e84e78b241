// Only the choices that matter: the groups and training-kind options the page offers are the
// engine's own (`questions(answers).next`, already narrowed to the choices an open benefit's
// conditions name, each with its plain-words hint), for four places. A list of more than 8
// groups comes over two screens by theme. Checked through the page, at 360×740.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { andWaitForScreen, answer, chooseDate, chooseRegion, clickButton, openPage, screenOf, serverAndBrowser } from "./helpers.mjs";

const env = serverAndBrowser();

const PLACES = {
  140502: ["140000", "140500", "140502"],
  520302: ["520000", "520300", "520302"],
  540100: ["540000", "540100"],
  450100: ["450000", "450100"],
};

/** The options on the screen: value, label and hint, in order (not the next question's, drawn ahead unseen). */
const optionsOnScreen = (page) =>
  page.$$eval("#screen .option", (options) =>
    options
      .filter((o) => !o.closest(".ahead"))
      .map((o) => ({ value: o.querySelector("input").value, label: o.querySelector(".option-label")?.textContent, hint: o.querySelector(".option-hint")?.textContent || null }))
      .filter((o) => !o.value.startsWith("__")),
  );

/** What the engine offers for `fact` given the answers the page has saved. */
function engineOptions(page, fact) {
  return page.evaluate(async (fact) => {
    const engine = await import("./pkg/subsidy_estimator.js");
    await engine.default();
    const answers = JSON.parse(localStorage.getItem("subsidy-estimator/v1")).answers;
    const est = new engine.Estimator();
    await engine.loadPlace(est, answers.region, location.href);
    const q = est.questions(answers).next.find((x) => x.fact === fact);
    return q ? q.options.map((o) => ({ value: JSON.stringify(o.value), label: o.label, hint: o.hint || null, theme: o.theme || null })) : null;
  }, fact);
}

describe("the groups and training kinds offered are the engine's, for four places", () => {
  for (const [code, region] of Object.entries(PLACES)) {
    test(`${code}, June 2021, every other answer 不清楚`, async () => {
      const { page, context } = await openPage(env.browser, env.server.url);
      let screen = await andWaitForScreen(page, () => clickButton(page, "开始"));
      await chooseRegion(page, region);
      screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
      assert.equal(screen.fact, "date");
      await chooseDate(page, "2021-06");
      screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
      const checked = [];
      for (let step = 0; step < 40 && screen.name === "question"; step += 1) {
        if (screen.fact === "groups" || screen.fact === "training.kind") {
          const expected = await engineOptions(page, screen.fact);
          assert.ok(expected, `${code}: the engine lists ${screen.fact} too`);
          let offered = await optionsOnScreen(page);
          if (screen.fact === "groups" && expected.length > 8) {
            // Two screens by theme: 工作和学习情况, then 家庭和其他情况.
            assert.equal((await screenOf(page)).fact, "groups");
            assert.match(await page.textContent("#screen .part-title"), /工作和学习情况/);
            assert.deepEqual(offered.map((o) => o.value), expected.filter((o) => o.theme === "work").map((o) => o.value), `${code}: page 1 holds the work groups`);
            await page.check('#screen input[value="__unknown__"]');
            screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
            assert.equal(screen.fact, "groups", "the second page of groups");
            assert.match(await page.textContent("#screen .part-title"), /家庭和其他情况/);
            offered = offered.concat(await optionsOnScreen(page));
          } else {
            assert.ok(expected.length <= 8 || screen.fact !== "groups");
          }
          assert.deepEqual(
            offered.map(({ value, label, hint }) => ({ value, label, hint })),
            expected.map(({ value, label, hint }) => ({ value, label, hint })),
            `${code}: ${screen.fact} offers exactly the engine's choices, with their hints`,
          );
          checked.push(screen.fact);
        }
        screen = await answer(page, undefined);
      }
      assert.equal(screen.name, "check");
      assert.ok(checked.length > 0, `${code}: the groups or the training kinds were asked`);
      await context.close();
    });
  }
});

describe("groups over two screens", () => {
  test("不清楚 on one page and ticks on the other: the groups stay unknown, never 'none of the others'", async () => {
    const { page, context } = await openPage(env.browser, env.server.url);
    let screen = await andWaitForScreen(page, () => clickButton(page, "开始"));
    await chooseRegion(page, PLACES[140502]);
    screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
    await chooseDate(page, "2021-06");
    screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
    for (let step = 0; step < 40 && screen.name === "question" && screen.fact !== "groups"; step += 1) {
      screen = await answer(page, undefined);
    }
    assert.equal(screen.fact, "groups", "the groups are asked in 晋城");
    await page.check('#screen input[value="__unknown__"]');
    screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.equal(screen.fact, "groups", "the second page of groups");
    assert.equal(await page.locator("#screen input:checked").count(), 0, "不清楚 on the first page ticks nothing on the second");
    const first = (await optionsOnScreen(page))[0];
    await page.check(`#screen input[value='${first.value}']`);
    screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.notEqual(screen.fact, "groups", "the groups question is done");
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1")));
    assert.equal(saved.answers.groups, undefined, "no list of groups is stored as if it were complete");
    assert.ok(saved.unknown.includes("groups"), "the groups are recorded as 不清楚");
    await context.close();
  });
});
