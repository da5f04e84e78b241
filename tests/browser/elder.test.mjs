// 长辈版 (elder mode) at 360 px, at the default text size and at 200%: text at least 18 px
// (body 20 px), targets at least 60×60, line height 1.5, one column, no sideways scroll, AAA
// contrast (axe-core's color-contrast-enhanced) on every kind of screen; the toggle on every
// screen, remembered outside kiosk mode; 朗读 where a Chinese voice exists, hidden where not.
// Outside elder mode: no text under 16 px on any screen.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  KIOSK,
  PHONE,
  andWaitForScreen,
  axeViolations,
  clickButton,
  measure,
  openPage,
  screenshot,
  serverAndBrowser,
  waitReady,
  walk,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();
const AAA = { "color-contrast-enhanced": { enabled: true } };

/** The kind of screen on show: start, question:<input>, check, results. */
const kindOf = (page, screen) =>
  page.evaluate((name) => (name === "question" ? `question:${document.querySelector("form.question").dataset.input}` : name), screen.name);

/** Walks `profile` to the results, running `check(page, kind, where)` on every screen. */
async function walkChecking(page, profile, check) {
  await walk(page, profile, async (page, screen) => check(page, await kindOf(page, screen), `${screen.name} ${screen.fact || ""}`.trim()));
  await andWaitForScreen(page, () => clickButton(page, "查看结果"));
  for (const d of await page.locator("details").all()) await d.evaluate((e) => (e.open = true));
  await check(page, "results", "results");
}

/** Runs `fn` with the page's text at `factor` × its current size (the phone's font setting). */
async function atTextSize(page, factor, fn) {
  await page.evaluate((f) => {
    const html = document.documentElement;
    html.style.fontSize = `${parseFloat(getComputedStyle(html).fontSize) * f}px`;
  }, factor);
  try {
    return await fn();
  } finally {
    await page.evaluate(() => (document.documentElement.style.fontSize = ""));
  }
}

describe("长辈版 (elder mode)", () => {
  test("?elder=1 at 360 px, 100% and 200% text: sizes, targets, line height, no sideways scroll, AAA contrast", async () => {
    const { page, context, seen } = await openPage(env.browser, `${env.server.url}?elder=1`, PHONE);
    const problems = [];
    const kinds = new Set();
    await walkChecking(page, PROFILES.a, async (page, kind, where) => {
      assert.equal(await page.locator("#elder-toggle").isVisible(), true, `the toggle on ${where}`);
      assert.equal(await page.getAttribute("#elder-toggle", "aria-pressed"), "true");
      const m = await measure(page, { minTarget: 60 });
      if (m.minFont < 18) problems.push(`${where}: text "${m.minFontText}" is ${m.minFont}px (< 18)`);
      if (m.bodyFont < 20) problems.push(`${where}: body text ${m.bodyFont}px (< 20)`);
      if (m.minLineHeight < 1.5) problems.push(`${where}: line height ${m.minLineHeight} (< 1.5)`);
      for (const s of m.small) problems.push(`${where}: target ${s} (< 60×60)`);
      if (m.sideways) problems.push(`${where}: sideways scroll (${m.scrollWidth}px)`);
      const big = await atTextSize(page, 2, () => measure(page, { minTarget: 60 }));
      if (big.sideways) problems.push(`${where} at 200%: sideways scroll (${big.scrollWidth}px)`);
      for (const s of big.small) problems.push(`${where} at 200%: target ${s}`);
      if (!kinds.has(kind)) {
        kinds.add(kind);
        for (const v of await axeViolations(page, AAA)) problems.push(`${where}: axe ${v}`);
      }
      if (where === "question employment") await screenshot(page, "30-elder-question", { fullPage: false });
    });
    await screenshot(page, "31-elder-results", { fullPage: false });
    await screenshot(page, "32-elder-results-full");
    assert.deepEqual(problems, []);
    for (const kind of ["start", "question:region", "question:date", "question:choice", "question:multi", "question:number", "check", "results"]) {
      assert.ok(kinds.has(kind), `measured a ${kind} screen (${[...kinds]})`);
    }
    // One column: the results' cards on show all start at the same left edge.
    const lefts = await page.evaluate(() => [...new Set([...document.querySelectorAll(".benefit")].filter((e) => e.getClientRects().length > 0).map((e) => Math.round(e.getBoundingClientRect().left)))]);
    assert.equal(lefts.length, 1, `one column (${lefts})`);
    // Nothing moves by itself: no animations or transitions anywhere.
    const moving = await page.evaluate(() => document.getAnimations().length);
    assert.equal(moving, 0);
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("outside elder mode: no text under 16 px on any screen, and no sideways scroll at 200%", async () => {
    const { page, context } = await openPage(env.browser, env.server.url, PHONE);
    const problems = [];
    await walkChecking(page, PROFILES.b, async (page, kind, where) => {
      const m = await measure(page);
      if (m.minFont < 16) problems.push(`${where}: text "${m.minFontText}" is ${m.minFont}px (< 16)`);
      const big = await atTextSize(page, 2, () => measure(page));
      if (big.sideways) problems.push(`${where} at 200%: sideways scroll (${big.scrollWidth}px)`);
    });
    await clickButton(page, "分享链接");
    const m = await measure(page);
    if (m.minFont < 16) problems.push(`share panel: text "${m.minFontText}" is ${m.minFont}px`);
    if ((await atTextSize(page, 2, () => measure(page))).sideways) problems.push("share panel at 200%: sideways scroll");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("at 200% text, 360×740, 长辈版 and kiosk: every question's first screen shows its heading and its first answer, and the results' first screen their top line", async () => {
    const problems = [];
    for (const [mode, profile] of [["elder=1", PROFILES.a], ["elder=1", PROFILES.zunyi], ["kiosk=1&idle=600", PROFILES.a], ["kiosk=1&idle=600", PROFILES.b]]) {
      const { page, context, seen } = await openPage(env.browser, `${env.server.url}?${mode}`, PHONE);
      const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      // The phone's text at 200%, for the whole walk (the page is one document).
      await page.evaluate(() => {
        const html = document.documentElement;
        html.style.fontSize = `${parseFloat(getComputedStyle(html).fontSize) * 2}px`;
      });
      let questions = 0;
      await walk(page, profile, async (page, screen) => {
        if (screen.name !== "question") return;
        questions += 1;
        const where = `${mode} ${screen.fact}${screen.part ? ` part ${screen.part}` : ""}`;
        const m = await page.evaluate(() => {
          // Measured from the top of the page: the first screen is what shows at the top.
          const box = (el) => {
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return { top: r.top + scrollY, bottom: r.bottom + scrollY };
          };
          const heading = box(document.querySelector("#screen form.question h1"));
          // The first answer: an option's words, or the first select or box to type in.
          const first = box(document.querySelector("#screen form.question .option-label, #screen form.question select, #screen form.question input.number"));
          return {
            root: parseFloat(getComputedStyle(document.documentElement).fontSize),
            masthead: box(document.querySelector(".masthead")).bottom,
            heading: heading && { top: heading.top, bottom: heading.bottom },
            first: first && { top: first.top, bottom: first.bottom },
            answerFont: parseFloat(getComputedStyle(document.querySelector("#screen form.question .option-label, #screen form.question select, #screen form.question input.number")).fontSize),
          };
        });
        if (m.root !== normal * 2) problems.push(`${where}: text at ${m.root}px, not 200% of ${normal}px`);
        if (!m.heading || m.heading.bottom > 740) problems.push(`${where}: the question's heading ends at ${m.heading?.bottom}px, below the first screen (title bar to ${m.masthead}px)`);
        if (!m.first || m.first.bottom > 740) problems.push(`${where}: the first answer ends at ${m.first?.bottom}px, below the first screen`);
        if (m.answerFont <= normal) problems.push(`${where}: the answers' words did not grow (${m.answerFont}px)`);
      });
      assert.ok(questions >= 4, `${mode}: ${questions} questions walked`);
      // And the results: the first screen reaches what the worker can get (the top's amount line).
      await andWaitForScreen(page, () => clickButton(page, "查看结果"));
      const top = await page.evaluate(() => {
        const el = document.querySelector("#total .total-amount");
        return el ? el.getBoundingClientRect().bottom + scrollY : null;
      });
      if (top === null || top > 740) problems.push(`${mode} results: the top's amount line ends at ${top}px, below the first screen`);
      assert.deepEqual(seen.pageErrors, []);
      if (mode === "elder=1" && profile === PROFILES.a) await screenshot(page, "elder-200-check");
      await context.close();
    }
    assert.deepEqual(problems, []);
  });

  test("the toggle: on every screen, remembered after a reload outside kiosk mode, not stored in kiosk mode", async () => {
    const { page, context } = await openPage(env.browser, env.server.url, PHONE);
    assert.equal(await page.getAttribute("#elder-toggle", "aria-pressed"), "false");
    const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await page.click("#elder-toggle");
    assert.equal(await page.getAttribute("#elder-toggle", "aria-pressed"), "true");
    const elder = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(elder >= 20 && elder > normal, `larger text (${normal} → ${elder})`);
    await page.reload();
    await waitReady(page);
    assert.equal(await page.getAttribute("#elder-toggle", "aria-pressed"), "true", "remembered");
    await page.click("#elder-toggle");
    await page.reload();
    await waitReady(page);
    assert.equal(await page.getAttribute("#elder-toggle", "aria-pressed"), "false", "turning it off is remembered too");
    await context.close();
    const kiosk = await openPage(env.browser, `${env.server.url}?kiosk=1&elder=1`, KIOSK);
    assert.equal(await kiosk.page.getAttribute("#elder-toggle", "aria-pressed"), "true");
    await kiosk.page.click("#elder-toggle");
    await kiosk.page.click("#elder-toggle");
    assert.equal(await kiosk.page.evaluate(() => localStorage.length), 0, "kiosk mode stores nothing");
    await kiosk.context.close();
  });

  test("朗读 reads the question and the results in a zh-CN voice; hidden where there is none", async () => {
    const withVoice = () => {
      const spoken = (window.__spoken = []);
      const voice = { lang: "zh-CN", name: "测试中文", default: true, localService: true, voiceURI: "zh" };
      const fake = new EventTarget();
      fake.getVoices = () => [voice];
      fake.speaking = false;
      fake.cancel = () => {};
      fake.speak = (u) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name });
      Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true });
      // The real utterance only takes a real SpeechSynthesisVoice.
      window.SpeechSynthesisUtterance = class {
        constructor(text) {
          this.text = text;
        }
      };
    };
    const { page, context, seen } = await openPage(env.browser, null, PHONE, { initScript: withVoice });
    await page.goto(`${env.server.url}?elder=1`);
    await waitReady(page);
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    await clickButton(page, "朗读");
    const [first] = await page.evaluate(() => window.__spoken);
    const title = await page.evaluate(() => document.querySelector("h1").textContent);
    assert.equal(first.lang, "zh-CN");
    assert.equal(first.voice, "测试中文");
    assert.ok(first.text.startsWith(title), `reads the question: ${first.text}`);
    const m = await measure(page, { minTarget: 60 });
    assert.deepEqual(m.small, [], "the 朗读 button is a large target too");
    await context.close();

    // The results' 朗读结果 reads the summary.
    const again = await openPage(env.browser, null, PHONE, { initScript: withVoice });
    await again.page.goto(env.server.url);
    await waitReady(again.page);
    await walk(again.page, PROFILES.c);
    await andWaitForScreen(again.page, () => clickButton(again.page, "查看结果"));
    await clickButton(again.page, "朗读结果");
    const spoken = await again.page.evaluate(() => window.__spoken.at(-1).text);
    assert.match(spoken, /发给您个人的钱：合计150元/);
    await again.context.close();

    // Without a Chinese voice (or without speech synthesis) there is no 朗读 button at all.
    for (const init of [
      () => Object.defineProperty(window, "speechSynthesis", { value: Object.assign(new EventTarget(), { getVoices: () => [{ lang: "en-US", name: "en" }] }), configurable: true }),
      () => delete window.speechSynthesis,
    ]) {
      const none = await openPage(env.browser, null, PHONE, { initScript: init });
      await none.page.goto(env.server.url);
      await waitReady(none.page);
      await andWaitForScreen(none.page, () => clickButton(none.page, "开始"));
      assert.equal(await none.page.getByRole("button", { name: "朗读" }).count(), 0, "no 朗读 button");
      assert.deepEqual(none.seen.pageErrors, []);
      await none.context.close();
    }
    assert.deepEqual(seen.pageErrors, []);
  });
});
