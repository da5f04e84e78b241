// Shared by the browser tests: the built site served in-process, Debian's Chromium driven by
// playwright-core (never a downloaded browser), and a walker that answers whatever question
// the engine asks from a per-profile map of fact → answer.
import { after, before } from "node:test";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import assert from "node:assert/strict";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DIST = join(ROOT, "www", "dist");
export const SCREENSHOTS = join(ROOT, "tests", "browser", "screenshots");

const require = createRequire(join(ROOT, "www", "package.json"));
const { chromium } = require("playwright-core");
export const AXE_PATH = require.resolve("axe-core/axe.min.js");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: "zh-CN" };
export const KIOSK = { viewport: { width: 1080, height: 1920 }, hasTouch: true, isMobile: false, locale: "zh-CN" };

/** Fails early with a useful message when `make dist` has not been run. */
export function requireDist() {
  for (const file of ["index.html", "app.js", "pkg/subsidy_estimator.js", "pkg/subsidy_estimator_bg.wasm"]) {
    assert.ok(existsSync(join(DIST, file)), `www/dist/${file} is missing: run \`make dist\` first`);
  }
}

export async function startServer() {
  requireDist();
  const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
  return serve(DIST, 0);
}

export function launchBrowser() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * A fresh context and page. `seen` collects console errors, page errors and every request
 * URL, so a test can assert that nothing failed and nothing left 127.0.0.1.
 */
export async function openPage(browser, url, device = PHONE, { initScript } = {}) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const seen = { consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") seen.consoleErrors.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => seen.pageErrors.push(String(error)));
  page.on("request", (request) => seen.requests.push(request.url()));
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    dialog.accept();
  });
  if (initScript) await page.addInitScript(initScript);
  if (url) {
    await page.goto(url);
    await waitReady(page);
  }
  return { context, page, seen };
}

export async function waitReady(page) {
  await page.waitForSelector("html[data-ready]", { timeout: 15000 });
  await page.waitForSelector("#screen[data-render]");
  await settled(page);
}

/**
 * Waits for what the page does just after a new screen is painted (focus on its heading, the
 * history entry, the answers saved): `data-settled` catches up with `data-render`.
 */
export function settled(page) {
  return page.waitForFunction(() => {
    const root = document.getElementById("screen");
    return root.dataset.settled === root.dataset.render;
  });
}

/**
 * Scrolls the page down a half screenful at a time to its end, then back to the top, as a
 * worker reading it would, waiting a frame at each step: a result card is laid out only once
 * it comes near the screen (content-visibility in results.css; until then its height is an
 * estimate), so after this the page's height is that of every card drawn.
 */
export function scrollThrough(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, 0);
    await frame();
  });
}

/** `{ name, fact, render }` of the screen on show. */
export function screenOf(page) {
  return page.evaluate(() => {
    const root = document.getElementById("screen");
    return { name: root.dataset.screen, fact: root.dataset.fact, render: Number(root.dataset.render) };
  });
}

/** Runs `action` and waits until the page has drawn a new screen (or the same one again). */
export async function andWaitForScreen(page, action) {
  const before = (await screenOf(page)).render;
  // A mark on this document: an action that reloads the page (a kiosk's wipe after a visitor
  // who chose another place) is done once a fresh document without it has drawn its screen.
  await page.evaluate(() => (window.__beforeAction = true));
  await action();
  await page.waitForFunction(
    (n) => {
      const render = Number(document.getElementById("screen")?.dataset.render);
      return window.__beforeAction ? render > n : render > 0 && document.documentElement.hasAttribute("data-ready");
    },
    before,
  );
  await settled(page);
  return screenOf(page);
}

export const clickButton = (page, name) => page.getByRole("button", { name, exact: true }).click();

/**
 * Picks a region through the province → city → district selects. Every city and county of
 * GB/T 2260 is listed (a province's come when it is chosen): where `codes` stop above the
 * county, the next select's 其他 / 不清楚 answers with the level above.
 */
export async function chooseRegion(page, codes) {
  const [province, city, district] = codes;
  await page.selectOption("#province", province);
  if (!city) return;
  await page.selectOption("#city", city);
  if (district) await page.selectOption("#district", district);
  else if ((await page.locator("#district").count()) > 0) await page.selectOption("#district", "__other__");
}

/**
 * The date question: `undefined` or "today" → 我打算参加培训或考证 (today); "YYYY-MM" or
 * "YYYY-MM-DD" → 我已经参加了培训/拿到了证书, in that year and month (the page answers the
 * month's last day, never after today).
 */
export async function chooseDate(page, value) {
  if (value === undefined || value === "today") {
    await page.check("#when-planned");
    return;
  }
  const [year, month] = String(value).split("-").map(Number);
  await page.check("#when-past");
  await page.selectOption("#year", String(year));
  await page.selectOption("#month", String(month));
}

/**
 * Answers the question on screen with `value` (as stored in the answers), or "不清楚"
 * when `value` is undefined, and presses 继续. Resolves to the next screen.
 */
export async function answer(page, value) {
  const { fact } = await screenOf(page);
  const input = await page.evaluate(() => document.querySelector("form.question")?.dataset.input);
  if (fact === "date") {
    await chooseDate(page, value);
  } else if (value === undefined) {
    if (input === "number" || input === "date") return andWaitForScreen(page, () => clickButton(page, "不清楚"));
    await page.check(`#screen input[value="__unknown__"]`);
  } else if (input === "choice") {
    await page.check(`#screen input[type=radio][value='${JSON.stringify(value)}']`);
  } else if (input === "multi") {
    assert.ok(Array.isArray(value), `${fact}: a multi answer must be an array`);
    // A long list comes over two pages (data-part 1, 2): tick on each page what it offers.
    const here = await page.$$eval("#screen input[type=checkbox]", (boxes) => boxes.map((b) => b.value));
    const split = await page.evaluate(() => document.getElementById("screen").dataset.part);
    const mine = value.filter((v) => here.includes(JSON.stringify(v)));
    if (!split) assert.deepEqual(mine, value, `${fact}: every answer is offered`);
    if (mine.length === 0) await page.check(`#screen input[value="__none__"]`);
    for (const v of mine) await page.check(`#screen input[type=checkbox][value='${JSON.stringify(v)}']`);
  } else if (input === "number") {
    await page.fill("#answer", String(value));
  } else if (input === "date") {
    const [year, month, day] = String(value).split("-").map(Number);
    await page.selectOption("#year", String(year));
    await page.selectOption("#month", String(month));
    await page.selectOption("#day", String(day));
  } else if (input === "region") {
    await chooseRegion(page, value);
  } else {
    assert.fail(`${fact}: unexpected input kind ${input}`);
  }
  return andWaitForScreen(page, () => clickButton(page, "继续"));
}

/**
 * From the start screen to check-your-answers: region, date, then whatever the engine asks,
 * answered from `profile.facts` (不清楚 for a fact not in it). `onScreen(page, screen)` runs
 * on every screen (layout checks). Returns the facts asked, in order.
 */
export async function walk(page, profile, onScreen = async () => {}) {
  let screen = await screenOf(page);
  assert.equal(screen.name, "start", "the walk begins on the start screen");
  await onScreen(page, screen);
  screen = await andWaitForScreen(page, () => clickButton(page, "开始"));
  const asked = [];
  for (let step = 0; step < 40 && screen.name === "question"; step += 1) {
    await onScreen(page, screen);
    asked.push(screen.fact);
    const value =
      screen.fact === "region" ? profile.region : screen.fact === "date" ? profile.date : profile.facts[screen.fact];
    screen = await answer(page, value);
  }
  assert.equal(screen.name, "check", `after ${asked.join(", ")} the walk should reach check-your-answers`);
  await onScreen(page, screen);
  return asked;
}

/** Layout problems on the current screen: horizontal scroll and touch targets under 44px. */
export function layoutProblems(page, width = 360) {
  return page.evaluate((width) => {
    const problems = [];
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width) problems.push(`horizontal scroll: scrollWidth ${scroll} > ${width}`);
    const targets = document.querySelectorAll("button, a[href], input, select, textarea, summary");
    for (const el of targets) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || style.display === "none") continue;
      if (el.closest("[hidden]")) continue;
      if (box.height < 44) {
        const name = (el.textContent || el.getAttribute("aria-label") || el.id || el.name || el.tagName).trim().slice(0, 30);
        problems.push(`${el.tagName.toLowerCase()} "${name}" is ${box.height.toFixed(1)}px tall (< 44)`);
      }
      if (box.right > width + 0.5) problems.push(`${el.tagName.toLowerCase()} sticks out to x=${box.right.toFixed(0)}`);
    }
    return problems;
  }, width);
}

/**
 * Serious or critical axe-core violations on the current screen. `rules`: extra rules to turn
 * on, e.g. { "color-contrast-enhanced": { enabled: true } } (WCAG AAA contrast). axe is
 * evaluated through the DevTools protocol, not a <script> tag, which the page's CSP refuses.
 */
export async function axeViolations(page, rules = {}) {
  const hasAxe = await page.evaluate(() => typeof window.axe === "object");
  if (!hasAxe) await page.evaluate(readFileSync(AXE_PATH, "utf8"));
  const result = await page.evaluate((rules) => window.axe.run(document, { resultTypes: ["violations"], rules }), rules);
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Requests that went anywhere but the local test server (data: URLs are not requests off the device). */
export function offDevice(seen) {
  return seen.requests.filter((url) => !url.startsWith("http://127.0.0.1:") && !url.startsWith("data:"));
}

/** The text of one benefit card on the results screen (`data-benefit` = id), or null. */
export function benefitCard(page, id) {
  return page.locator(`[data-benefit="${id}"]`);
}

/**
 * Starts the site server and Chromium before a file's tests and stops them after. Returns
 * the live handles: `env.server` (with `url`, `port`) and `env.browser`.
 */
export function serverAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** A locator's text with white space folded, as a person reads it. */
export const text = async (locator) => (await locator.textContent()).replace(/\s+/g, " ").trim();

/** What the page has kept on the device: localStorage, sessionStorage, cookies, IndexedDB. */
export async function deviceStorage(page) {
  return page.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    cookies: document.cookie,
    indexedDB: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
  }));
}

/** Every benefit card's amount on the results screen: { id: "1500元" | "金额还不能确定" | "" }. */
export function amounts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const card of document.querySelectorAll("[data-benefit]")) {
      out[card.dataset.benefit] = (card.querySelector(".amount")?.textContent || "").trim();
    }
    out.total = document.querySelector("#total .total-amount")?.textContent.trim() ?? null;
    return out;
  });
}

/**
 * Text and target sizes on the current screen: the smallest font size of any visible text,
 * the body's font size and line height, every visible control smaller than `minTarget`
 * square, and horizontal scroll beyond `width`.
 */
export function measure(page, { width = 360, minTarget = 44 } = {}) {
  return page.evaluate(
    ({ width, minTarget }) => {
      const visible = (el) => {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return box.width > 1 && box.height > 1 && style.visibility !== "hidden" && style.display !== "none" && !el.closest("[hidden]");
      };
      let minFont = Infinity;
      let minFontText = "";
      let minLineHeight = Infinity;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!node.textContent.trim() || !el || !visible(el) || el.closest(".visually-hidden, noscript, [aria-hidden=true]")) continue;
        const style = getComputedStyle(el);
        const size = parseFloat(style.fontSize);
        if (size < minFont) {
          minFont = size;
          minFontText = node.textContent.trim().slice(0, 20);
        }
        const lh = style.lineHeight === "normal" ? 1.2 : parseFloat(style.lineHeight) / size;
        minLineHeight = Math.min(minLineHeight, lh);
      }
      const small = [];
      for (const el of document.querySelectorAll("button, a[href], input, select, textarea, summary")) {
        if (!visible(el)) continue;
        const box = el.getBoundingClientRect();
        if (box.width < minTarget - 0.5 || box.height < minTarget - 0.5) {
          const name = (el.textContent || el.getAttribute("aria-label") || el.id || el.tagName).trim().slice(0, 20);
          small.push(`${el.tagName.toLowerCase()} "${name}" ${box.width.toFixed(0)}×${box.height.toFixed(0)}`);
        }
      }
      const body = getComputedStyle(document.body);
      return {
        minFont,
        minFontText,
        minLineHeight: Math.round(minLineHeight * 100) / 100,
        bodyFont: parseFloat(getComputedStyle(document.getElementById("screen").querySelector("p, label, legend") || document.body).fontSize),
        bodyLineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
        small,
        scrollWidth: document.documentElement.scrollWidth,
        sideways: document.documentElement.scrollWidth > width,
      };
    },
    { width, minTarget },
  );
}
