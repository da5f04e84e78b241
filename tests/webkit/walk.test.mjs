// The main walk in WebKit at 360×740: worker (a) from the start screen through every question
// and check-your-answers to the results, checking on each screen that it is drawn from its
// top and that nothing scrolls sideways, sticks out or is clipped, and that nothing went wrong
// in the page.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { amounts, andWaitForScreen, clickButton, layoutProblems, walk, waitReady } from "../browser/helpers.mjs";
import { PROFILES } from "../browser/profiles.mjs";
import { PHONE, clipped, launchWebKit, siteServer } from "./webkit.mjs";

const env = siteServer();

describe("WebKit: the main walk at 360×740", () => {
  test("(a) an enterprise employee with 14 months and a 中级工 certificate: 1500元, nothing clipped on any screen", async () => {
    const page = await launchWebKit(PHONE);
    try {
      await page.goto(env.server.url);
      await waitReady(page);
      await page.watchErrors();
      const problems = [];
      const asked = await walk(page, PROFILES.a, async (page, screen) => {
        const where = screen.name === "question" ? `question ${screen.fact}` : screen.name;
        for (const p of [...(await layoutProblems(page, PHONE.width)), ...(await clipped(page))]) problems.push(`${where}: ${p}`);
        const top = await page.evaluate(() => scrollY);
        if (top !== 0) problems.push(`${where}: drawn scrolled ${top} px down, not from its top`);
      });
      assert.ok(asked.includes("employment") && asked.includes("unemployment_insurance_months"), asked.join(","));
      const results = await andWaitForScreen(page, () => clickButton(page, "查看结果"));
      assert.equal(results.name, "results");
      for (const p of [...(await layoutProblems(page, PHONE.width)), ...(await clipped(page))]) problems.push(`results: ${p}`);
      if ((await page.evaluate(() => scrollY)) !== 0) problems.push("results: not drawn from the top");
      assert.deepEqual(problems, []);
      const shown = await amounts(page);
      assert.equal(shown.jc_skill_upgrade_bonus, "1500元");
      assert.equal(shown.total, "1500元");
      assert.deepEqual(await page.errors(), [], "nothing went wrong in the page");
      await page.evaluate(() => scrollTo({ top: 0, behavior: "instant" }));
      await page.screenshot("walk-a-results");
    } finally {
      await page.close();
    }
  });
});
