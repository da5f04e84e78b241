// How long a worker on a slow phone waits for a city's documents, in Debian's Chromium
// (playwright-core over CDP) against a built site served as `make run` serves it: Lighthouse's
// 3G preset (`mobileRegular3G` in Lighthouse's core/config/constants.js: 300 ms RTT and
// 700 kbit/s, applied as DevTools throttling with Lighthouse's own factors, 300 × 3.75 =
// 1,125 ms request latency and 700 × 0.9 = 630 kbit/s down and up) and 4× CPU slowdown
// (Emulation.setCPUThrottlingRate 4). Two figures a city, the median of ROUNDS (3 unless set):
//
//   - picker: the page loaded (not throttled), 开始, the city's province chosen (its province
//     file in), then throttled: the city chosen (其他区县 / 不清楚 for the county) and 继续, to
//     the next question drawn and painted, the city's packs fetched and added in between;
//   - ?region=: a first visit to `?region=CITY` (cache off), throttled from the start: from
//     navigation to the first screen (the start screen naming the place) drawn and painted
//     with the engine and the packs ready (the first load and the packs together).
//
// Service workers are blocked (the precache would share the slow line with the packs). A
// benchmark, not a test: it prints figures and fails only when the page does not work.
//
//   node benches/city-load.mjs DIST CITY [CITY…]       (prefecture-level codes, e.g. www/dist 140500)
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, CHROMIUM_ARGS, PHONE, andWaitForScreen, clickButton } from "../tests/browser/helpers.mjs";

const require = createRequire(join(ROOT, "www", "package.json"));
const { chromium } = require("playwright-core");
const LIGHTHOUSE_3G = { offline: false, latency: 300 * 3.75, downloadThroughput: (700 * 0.9 * 1024) / 8, uploadThroughput: (700 * 0.9 * 1024) / 8 };
const ROUNDS = Number(process.env.ROUNDS || 3);
const [distArg, ...cities] = process.argv.slice(2);
if (!distArg || !cities.length || cities.some((c) => !/^\d{4}00$/.test(c) || c.endsWith("0000"))) {
  console.error("usage: node benches/city-load.mjs DIST CITY [CITY…]");
  process.exit(2);
}
const dist = resolve(distArg);

/** In the page's clock: when #screen draws each new screen and the frame showing it is painted, and the last change/click. */
const PROBE = () => {
  window.__probe = { renders: [], change: null, click: null };
  const note = () => {
    const root = document.getElementById("screen");
    const n = Number(root?.dataset.render);
    if (!n || !document.documentElement.dataset.ready || window.__probe.renders.some((r) => r.n === n)) return;
    const r = { n, screen: root.dataset.screen, drawn: performance.now(), painted: null };
    window.__probe.renders.push(r);
    requestAnimationFrame(() => setTimeout(() => (r.painted = performance.now()), 0));
  };
  new MutationObserver(note).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready", "data-render"] });
  document.addEventListener("change", (e) => e.target.id === "city" && (window.__probe.change = performance.now()), true);
  document.addEventListener("click", () => (window.__probe.click = performance.now()), true);
};

async function newPage(browser) {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: "block" });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.addInitScript(PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const packs = [];
  cdp.on("Network.loadingFinished", (e) => packs.push(e));
  const urls = new Map();
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  const packBytes = () => packs.filter((e) => /\/packs\/.*\.pack$/.test(urls.get(e.requestId) || "")).reduce((n, e) => n + e.encodedDataLength, 0);
  const throttle = async () => {
    await cdp.send("Network.emulateNetworkConditions", LIGHTHOUSE_3G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  };
  return { context, page, throttle, packBytes };
}

async function picker(browser, url, city) {
  const { context, page, throttle, packBytes } = await newPage(browser);
  await page.goto(url);
  await page.waitForSelector("html[data-ready]");
  await page.waitForSelector("#screen[data-render]");
  let screen = await andWaitForScreen(page, () => clickButton(page, "开始"));
  if (screen.fact !== "region") throw new Error(`after 开始: ${screen.name} ${screen.fact}, not the region question`);
  await page.selectOption("#province", city.slice(0, 2) + "0000");
  await page.waitForSelector(`#city option[value="${city}"]`, { state: "attached" });
  await throttle();
  await page.selectOption("#city", city);
  if ((await page.locator("#district").count()) > 0) await page.selectOption("#district", "__other__");
  const before = screen.render;
  screen = await andWaitForScreen(page, () => clickButton(page, "继续"));
  await page.waitForFunction((n) => window.__probe.renders.find((r) => r.n === n)?.painted, screen.render);
  const t = await page.evaluate((before) => {
    const next = window.__probe.renders.find((r) => r.n > before);
    return { fromChange: next.painted - window.__probe.change, fromClick: next.painted - window.__probe.click, screen: next.screen };
  }, before);
  const result = { ...t, bytes: packBytes(), fact: screen.fact };
  await context.close();
  return result;
}

async function preset(browser, url, city) {
  const { context, page, throttle, packBytes } = await newPage(browser);
  await throttle();
  await page.goto(`${url}?region=${city}`, { timeout: 120_000 });
  await page.waitForFunction(() => window.__probe.renders.some((r) => r.painted), null, { timeout: 120_000 });
  const first = await page.evaluate(() => window.__probe.renders[0]);
  const result = { t: first.painted, screen: first.screen, bytes: packBytes() };
  await context.close();
  return result;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
const server = await serve(dist, 0);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  console.log(`city load on Lighthouse's 3G (mobileRegular3G: 1,125 ms latency, 630 kbit/s) + 4× CPU, median of ${ROUNDS} (${dist}):`);
  for (const city of cities) {
    const picks = [];
    const presets = [];
    for (let i = 0; i < ROUNDS; i++) {
      picks.push(await picker(browser, server.url, city));
      presets.push(await preset(browser, server.url, city));
    }
    const range = (xs) => `median ${s(median(xs))} (${s(Math.min(...xs))}–${s(Math.max(...xs))})`;
    console.log(
      `  ${city} (packs ${(picks[0].bytes / 1024).toFixed(1)} KB over the wire): city chosen → next question (${picks[0].fact}) painted ` +
        `${range(picks.map((p) => p.fromChange))}, of which 继续 → painted ${s(median(picks.map((p) => p.fromClick)))}; ` +
        `?region=${city} first visit → first screen (${presets[0].screen}, the place's documents in) painted ${range(presets.map((p) => p.t))}`,
    );
  }
} finally {
  await browser.close();
  await server.close?.();
}
