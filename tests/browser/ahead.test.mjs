// The screen 继续 leads to, drawn ahead of the tap (ahead.js): the tap shows the question for
// the answer on screen at that moment, however fast the worker changed it; the screen drawn
// unseen can be neither reached nor heard; and 清除 leaves nothing of it behind.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  KIOSK,
  andWaitForScreen,
  answer,
  axeViolations,
  chooseDate,
  chooseRegion,
  clickButton,
  deviceStorage,
  openPage,
  screenOf,
  serverAndBrowser,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();
const profile = PROFILES.a;

/** Waits for the page's afterPaint work (frame.js): what a tick or a keystroke drew ahead. */
const nextFrame = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));

/** The fact of the screen drawn ahead ("check" for check-your-answers), or null. */
const drawnAhead = (page) =>
  page.evaluate(() => {
    const ahead = document.querySelector("#screen .ahead");
    return ahead ? ahead.querySelector("form")?.dataset.fact || "check" : null;
  });

/** From a fresh page to the question for `fact`, answering profile a's answers on the way. */
async function openAt(fact, url = env.server.url, device) {
  const opened = await openPage(env.browser, url, device);
  const { page } = opened;
  let screen = await andWaitForScreen(page, () => clickButton(page, "开始"));
  if (screen.fact === "region") {
    await chooseRegion(page, profile.region);
    screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
  }
  await chooseDate(page, profile.date);
  screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
  for (let step = 0; step < 20 && screen.fact !== fact; step += 1) screen = await answer(page, profile.facts[screen.fact]);
  assert.equal(screen.fact, fact);
  return opened;
}

const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1")).answers);

describe("the next screen drawn ahead of 继续", () => {
  // On 证书等级, 技师 leads to the training question and 中级工 to the insurance months.
  const TECHNICIAN = `#screen input[value='"technician"']`;
  const INTERMEDIATE = `#screen input[value='"intermediate"']`;

  test("a second tick before 继续 shows the question for the last answer, drawn in time or not", async () => {
    const { page, context, seen } = await openAt("certificate.level");
    await page.check(TECHNICIAN);
    await nextFrame(page);
    assert.equal(await drawnAhead(page), "training.kind", "技师's next question is drawn ahead");
    // 中级工 ticked and 继续 tapped in the same moment: no frame between them to draw it.
    let screen = await andWaitForScreen(page, () =>
      page.evaluate((selector) => {
        document.querySelector(selector).click();
        document.querySelector("#screen form.question").requestSubmit();
      }, INTERMEDIATE),
    );
    assert.equal(screen.fact, "unemployment_insurance_months");
    assert.equal((await saved(page)).certificate.level, "intermediate");
    // Back, and the other way round, with a frame between the ticks.
    screen = await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    assert.equal(screen.fact, "certificate.level");
    await page.check(TECHNICIAN);
    await nextFrame(page);
    await page.check(INTERMEDIATE);
    await page.check(TECHNICIAN);
    screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.equal(screen.fact, "training.kind");
    assert.equal(await page.locator("#screen .ahead form[data-fact='unemployment_insurance_months']").count(), 0, "no stale screen left");
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("a number typed on and 继续 before the frame takes the whole number", async () => {
    const { page, context, seen } = await openAt("unemployment_insurance_months");
    await page.fill("#answer", "1");
    await nextFrame(page);
    assert.ok(await drawnAhead(page), "the answer 1 has its next screen drawn");
    await andWaitForScreen(page, () =>
      page.evaluate(() => {
        const input = document.querySelector("#answer");
        input.value = "14";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.form.requestSubmit();
      }),
    );
    assert.equal((await saved(page)).unemployment_insurance_months, 14);
    await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    assert.equal(await page.inputValue("#answer"), "14");
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("a screen drawn ahead is out of reach: not tabbable, not in the accessibility tree, not a label's or a description's target", async () => {
    const { page, context } = await openAt("certificate.level");
    await page.check(INTERMEDIATE);
    await nextFrame(page);
    assert.equal(await drawnAhead(page), "unemployment_insurance_months");
    const aheadHeading = await page.textContent("#screen .ahead h1");
    // Where the references of the screen on show lead (the two screens share ids: hint, error, answer-N…).
    const astray = await page.evaluate(() => {
      const out = [];
      const shown = [...document.querySelectorAll("#screen *")].filter((el) => !el.closest(".ahead"));
      for (const el of shown) {
        if (el.matches("label[for]") && el.control?.closest(".ahead")) out.push(`label for=${el.htmlFor}`);
        for (const attr of ["aria-describedby", "aria-labelledby"]) {
          for (const id of (el.getAttribute(attr) || "").split(/\s+/).filter(Boolean)) {
            if (document.getElementById(id)?.closest(".ahead")) out.push(`${attr}=${id}`);
          }
        }
      }
      return out;
    });
    assert.deepEqual(astray, []);
    const reached = [];
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => Boolean(document.activeElement?.closest(".ahead")))) reached.push(i);
    }
    assert.deepEqual(reached, [], "Tab never lands on the screen drawn ahead");
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const names = nodes.filter((n) => !n.ignored).map((n) => n.name?.value || "");
    assert.ok(names.some((n) => n.includes("证书")), "the tree holds the question on show");
    assert.ok(!names.some((n) => n.includes(aheadHeading.trim())), `the next question (${aheadHeading}) is not in the accessibility tree`);
    assert.deepEqual(await axeViolations(page), []);
    // Shown by 继续: within reach again, as a screen drawn at the tap would be.
    const screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.equal(screen.fact, "unemployment_insurance_months");
    assert.deepEqual(
      await page.evaluate(() =>
        [...document.querySelectorAll("#screen [aria-hidden], #screen [tabindex='-1']:not(h1)")]
          .filter((el) => !el.closest(".ahead")) // (its 不清楚 is drawn ahead in turn)
          .map((el) => el.outerHTML.slice(0, 60)),
      ),
      [],
      "no element of the screen on show is left hidden from screen readers or Tab",
    );
    const tabbed = [];
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press("Tab");
      tabbed.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || ""));
    }
    assert.ok(tabbed.includes("answer") && tabbed.includes("继续"), `Tab reaches the field and 继续 (${tabbed.join(", ")})`);
    const shown = (await cdp.send("Accessibility.getFullAXTree")).nodes.filter((n) => !n.ignored).map((n) => n.name?.value || "");
    assert.ok(shown.some((n) => n.includes(aheadHeading.trim())), `the question on show (${aheadHeading}) is in the accessibility tree`);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test("a number not given yet has the screen its 不清楚 leads to drawn ahead, and 不清楚 shows that one", async () => {
    const { page, context, seen } = await openAt("unemployment_insurance_months");
    await nextFrame(page);
    const next = await drawnAhead(page);
    assert.ok(next, "drawn ahead for 不清楚");
    await page.evaluate(() => (document.querySelector("#screen .ahead").dataset.marked = "drawn ahead"));
    const screen = await andWaitForScreen(page, () => clickButton(page, "不清楚"));
    assert.equal(screen.fact, next);
    assert.equal(await page.evaluate(() => document.querySelector("#screen > [data-marked]:not(.ahead)") !== null), true, "the screen drawn ahead is the one on show");
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1")));
    assert.ok(kept.unknown.includes("unemployment_insurance_months"), "answered 不清楚");
    assert.equal(kept.answers.unemployment_insurance_months, undefined);
    // Back to it: a number typed has its own screen drawn; taken away again, 不清楚's.
    await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    await page.fill("#answer", "14");
    await nextFrame(page);
    await page.evaluate(() => (document.querySelector("#screen .ahead").dataset.marked = "for 14"));
    await page.fill("#answer", "");
    await nextFrame(page);
    assert.equal(await page.evaluate(() => document.querySelector("#screen .ahead")?.dataset.marked ?? null), null, "drawn again for 不清楚");
    assert.equal(await drawnAhead(page), next);
    await andWaitForScreen(page, () => clickButton(page, "不清楚"));
    assert.equal(await page.evaluate(() => document.querySelector("#screen > :not(.ahead) form")?.dataset.fact), next);
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("继续 answers at its click, without the form's own submission; Enter too; the screen it leaves answers nothing more", async () => {
    const { page, context, seen } = await openAt("unemployment_insurance_months");
    // Before the submit event of the form's own submission, Chromium lays the page out again,
    // several times (6–9 ms of a tap at 4× CPU in a trace): 继续 cancels it and answers at once.
    await page.evaluate(() => {
      window.__submits = 0;
      document.addEventListener("submit", () => (window.__submits += 1), true);
    });
    await page.fill("#answer", "14");
    let screen = await andWaitForScreen(page, () => page.press("#answer", "Enter"));
    assert.notEqual(screen.fact, "unemployment_insurance_months", "Enter answered");
    assert.equal((await saved(page)).unemployment_insurance_months, 14);
    const next = screen.fact;
    await andWaitForScreen(page, () => clickButton(page, "返回上一步"));
    await page.evaluate(() => (window.__left = document.querySelector("#screen form.question button[type=submit]")));
    screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
    assert.equal(screen.fact, next);
    assert.equal(await page.evaluate(() => window.__submits), 0, "no submit event: the form's own submission never started");
    // The screen left keeps its 继续 (and the focus) until the frame after the tap: a second
    // press of it, by a key or otherwise, answers nothing.
    const history = await page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1")).history.length);
    await page.evaluate(() => window.__left.click());
    await nextFrame(page);
    await nextFrame(page);
    assert.deepEqual(await screenOf(page), screen, "still the same screen, not drawn again");
    assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1")).history.length), history);
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("继续 from a screen scrolled down shows the one drawn ahead from its top", async () => {
    const { page, context } = await openAt("certificate.level");
    // Room to scroll on this screen and the next (a long page at 200% text, say).
    await page.evaluate(() => (document.body.style.paddingBottom = "3000px"));
    await page.check(INTERMEDIATE);
    await nextFrame(page);
    assert.equal(await drawnAhead(page), "unemployment_insurance_months");
    await page.mouse.wheel(0, 400);
    await page.waitForFunction(() => window.scrollY > 0);
    await nextFrame(page);
    const screen = await andWaitForScreen(page, () => page.evaluate(() => document.querySelector("#screen form.question").requestSubmit()));
    assert.equal(screen.fact, "unemployment_insurance_months");
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await context.close();
  });

  for (const [where, url, device, clear] of [
    ["a phone's 清除我的回答", () => env.server.url, undefined, "清除我的回答"],
    ["a kiosk's 结束并清除", () => `${env.server.url}?kiosk=1&idle=600`, KIOSK, "结束并清除"],
  ]) {
    test(`${where} with a screen drawn ahead, or about to be, leaves none of the answers in the page`, async () => {
      let { page, context } = await openAt("unemployment_insurance_months", url(), device);
      await page.fill("#answer", "37");
      await nextFrame(page);
      assert.ok(await page.evaluate(() => document.querySelector("#screen .ahead") !== null), "drawn ahead");
      let screen = await andWaitForScreen(page, () => clickButton(page, clear));
      assert.equal(screen.name, "start");
      await nextFrame(page);
      await checkGone(page);
      // Again, typed and cleared in the same moment: the drawing it asked for comes after the wipe.
      await context.close();
      ({ page, context } = await openAt("unemployment_insurance_months", url(), device));
      screen = await andWaitForScreen(page, () =>
        page.evaluate(() => {
          const input = document.querySelector("#answer");
          input.value = "37";
          input.dispatchEvent(new Event("input", { bubbles: true }));
          document.getElementById("clear").click();
        }),
      );
      assert.equal(screen.name, "start");
      await nextFrame(page);
      await nextFrame(page);
      await checkGone(page);
      await context.close();
    });
  }
});

/** None of profile a's answers (as typed, or as check-your-answers words them) in the page or on the device. */
async function checkGone(page) {
  // The markup, the title, and what fields hold (a typed value is not in the markup).
  const html = await page.evaluate(
    () =>
      document.documentElement.outerHTML +
      document.title +
      [...document.querySelectorAll("input, select, textarea")].map((field) => ` ${field.value} `).join(""),
  );
  // The typed "37" counts only where it stands alone: the test server's port (127.0.0.1:33799)
  // and the build's hex hash (?v=…) may hold the two digits without holding the answer.
  const standsAlone = /(?<![0-9A-Za-z])37(?![0-9A-Za-z])/;
  const left = [standsAlone.test(html) ? "37" : null, ...["中级工", "职业技能等级证书", "2021年6月"].filter((w) => html.includes(w))];
  assert.deepEqual(left.filter(Boolean), []);
  const stored = await deviceStorage(page);
  assert.ok(!stored.localStorage.includes("subsidy-estimator/v1"), "no answers kept on the device");
}
