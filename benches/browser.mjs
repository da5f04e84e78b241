// What a worker on a slow phone waits for, measured in Debian's Chromium (playwright-core over
// CDP) against the built site served as `make run` serves it (www/serve.mjs over www/dist):
//
//   1. navigation → usable start screen on slow 3G (400 kbit/s, 400 ms RTT) with 4× CPU
//      slowdown, cache disabled (a first visit), twice: when the start screen and the region
//      question work (data-usable: 开始 leads to the region question; they need no engine), and
//      when the engine is ready too (data-ready: every later screen can be drawn);
//   2. answer submitted → next question on screen at 4× CPU slowdown, for every answer of the
//      browser tests' walk profiles (click on 继续 → the new screen drawn and one frame painted),
//      each walked ROUNDS times in a fresh page: the median of one walk of every profile moved
//      by 3–4 ms between runs of the same build on this machine (why is not pinned down: taps
//      spread evenly over the frame interval moved it no less), so the figure is the median
//      of all of them.
//      The page draws the question an answer leads to as soon as it is ticked or typed, unseen
//      (app.js, prepare), and 继续 reveals it: the bench says how many answers found it drawn,
//      and how long after the tick it was ready (a person takes longer to reach 继续; Playwright
//      waits two frames for the button to stand still).
//
// A benchmark, not a test: it prints figures and fails only when the page does not work.
//   make dist && node benches/browser.mjs       (ROUNDS=n loads; ONLY=load or ONLY=answers)
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, DIST, CHROMIUM_ARGS, PHONE, requireDist, screenOf, answer, clickButton, andWaitForScreen } from "../tests/browser/helpers.mjs";
import { PROFILES } from "../tests/browser/profiles.mjs";

const require = createRequire(join(ROOT, "www", "package.json"));
const { chromium } = require("playwright-core");

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const ROUNDS = Number(process.env.ROUNDS || 3);
/** `ONLY=load` or `ONLY=answers` runs one of the two measurements. */
const ONLY = process.env.ONLY || "";

/**
 * Records, in the page's own clock, when the start screen is usable and when screens change.
 * A new screen is `drawn` when the page marks it (data-render), `painted` when the frame that
 * shows it has been produced (a user-blocking task posted from that frame's animation
 * callback runs right after it), and the main thread is `free` when an ordinary task queued
 * then runs, after whatever the page itself left for after the frame (focus, history, saving).
 */
const PROBE = () => {
  window.__probe = { usable: null, ready: null, renders: [], clicks: [], changes: [], ahead: [], reveals: [] };
  const afterFrame = (done) =>
    requestAnimationFrame(() => {
      if (window.scheduler?.postTask) window.scheduler.postTask(done, { priority: "user-blocking" });
      else setTimeout(done, 0);
    });
  const note = () => {
    const root = document.getElementById("screen");
    if (window.__probe.usable === null && document.documentElement.dataset.usable && root?.dataset.render) {
      // The start screen is drawn and 开始 leads to the region question, engine or not.
      afterFrame(() => (window.__probe.usable ??= performance.now()));
    }
    if (window.__probe.ready === null && document.documentElement.dataset.ready && root?.dataset.render) {
      // Usable: the start screen is drawn and the engine is loaded; count the frame that shows it.
      afterFrame(() => (window.__probe.ready ??= performance.now()));
    }
    if (root?.dataset.render) {
      const n = Number(root.dataset.render);
      if (!window.__probe.renders.some((r) => r.n === n)) {
        const r = { n, drawn: performance.now(), painted: null, free: null };
        window.__probe.renders.push(r);
        afterFrame(() => (r.painted = performance.now()));
        requestAnimationFrame(() => setTimeout(() => (r.free = performance.now()), 0));
      }
    }
  };
  new MutationObserver(note).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-usable", "data-ready", "data-render"] });
  document.addEventListener("click", () => window.__probe.clicks.push(performance.now()), true);
  // A question drawn ahead (a child of #screen with class "ahead"), and its reveal.
  for (const type of ["change", "input"]) document.addEventListener(type, () => window.__probe.changes.push(performance.now()), true);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "childList") for (const node of r.addedNodes) if (node.classList?.contains("ahead")) window.__probe.ahead.push(performance.now());
      if (r.type === "attributes" && /\bahead\b/.test(r.oldValue || "") && !r.target.classList.contains("ahead")) window.__probe.reveals.push(performance.now());
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"], attributeOldValue: true });
};

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => `${x.toFixed(1)} ms`;

async function throttled(browser, { network }) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (network) await cdp.send("Network.emulateNetworkConditions", network);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return { context, page };
}

async function firstLoad(browser, url) {
  const { context, page } = await throttled(browser, { network: SLOW_3G });
  await page.goto(url, { timeout: 120_000 });
  await page.waitForFunction(() => window.__probe.ready !== null, null, { timeout: 120_000 });
  const { usable, ready } = await page.evaluate(() => window.__probe);
  const bytes = await page.evaluate(() =>
    performance.getEntriesByType("resource").reduce((n, e) => n + (e.transferSize || 0), 0) +
    (performance.getEntriesByType("navigation")[0]?.transferSize || 0),
  );
  await context.close();
  // A page whose first screens wait for the engine (none do on a first visit) is usable when ready.
  return { usable: usable ?? ready, ready, bytes };
}

async function answers(browser, url, profile) {
  const { context, page } = await throttled(browser, { network: null });
  await page.goto(url);
  await page.waitForFunction(() => window.__probe.ready !== null);
  let screen = await andWaitForScreen(page, () => clickButton(page, "开始"));
  const steps = [];
  for (let step = 0; step < 40 && screen.name === "question"; step += 1) {
    const fact = screen.fact;
    const value = fact === "region" ? profile.region : fact === "date" ? profile.date : profile.facts[fact];
    const before = screen.render;
    screen = await answer(page, value);
    await page.waitForFunction((n) => window.__probe.renders.find((r) => r.n === n)?.free, screen.render);
    const t = await page.evaluate((before) => {
      const click = window.__probe.clicks[window.__probe.clicks.length - 1];
      const next = window.__probe.renders.find((r) => r.n > before);
      const revealed = window.__probe.reveals.some((t) => t >= click && t <= next.painted);
      const tick = window.__probe.changes.filter((t) => t < click).pop();
      const drawnAhead = window.__probe.ahead.filter((t) => t > tick && t < click).pop();
      const ahead = revealed && tick !== undefined && drawnAhead !== undefined ? drawnAhead - tick : null;
      return { drawn: next.drawn - click, painted: next.painted - click, free: next.free - click, revealed, ahead, gap: tick === undefined ? null : click - tick };
    }, before);
    steps.push({ fact, ...t });
    if (process.env.DEBUG) console.log(`    ${fact}: ${t.revealed ? "revealed" : "drawn at the tap"}, painted ${t.painted.toFixed(1)} ms`);
  }
  await context.close();
  return steps;
}

requireDist();
const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
// SITE=<folder> measures another build (e.g. a copy of an older www/dist, back to back).
const server = await serve(process.env.SITE || DIST, 0);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  const loads = [];
  for (let i = 0; i < ROUNDS && ONLY !== "answers"; i++) loads.push(await firstLoad(browser, server.url));
  const figure = (key) => `median ${ms(median(loads.map((l) => l[key])))}, worst ${ms(Math.max(...loads.map((l) => l[key])))}`;
  if (loads.length) console.log(
    `navigation → usable start screen, slow 3G (400 kbit/s, 400 ms RTT) + 4× CPU, cache disabled, ${ROUNDS} loads ` +
      `(${loads[0].bytes} bytes transferred; target ≤ 3000 ms):\n` +
      `  start screen and region question usable (no engine): ${figure("usable")}\n` +
      `  engine ready (every screen; the measure before): ${figure("ready")}`,
  );
  const all = [];
  for (const [name, profile] of Object.entries(ONLY === "load" ? {} : PROFILES)) {
    const steps = [];
    for (let i = 0; i < ROUNDS; i++) steps.push(...(await answers(browser, server.url, profile)));
    all.push(...steps);
    const worst = steps.reduce((a, b) => (b.painted > a.painted ? b : a));
    console.log(
      `  profile ${name}: ${steps.length} answers (${ROUNDS} walks), answer → next question painted median ${ms(median(steps.map((s) => s.painted)))}, ` +
        `worst ${ms(worst.painted)} (after ${worst.fact})`,
    );
  }
  const ahead = all.filter((s) => s.ahead !== null).map((s) => s.ahead);
  if (all.length) console.log(
    `  drawn ahead and revealed by 继续: ${all.filter((s) => s.revealed).length} of ${all.length} answers` +
      (ahead.length ? `; tick or keystroke → next question drawn ahead median ${ms(median(ahead))}, worst ${ms(Math.max(...ahead))}` : ""),
  );
  const cold = all.filter((s) => !s.revealed);
  if (cold.length) console.log(`  the ${cold.length} drawn at the tap: painted median ${ms(median(cold.map((s) => s.painted)))}, worst ${ms(Math.max(...cold.map((s) => s.painted)))}`);
  if (all.length) console.log(
    `answer → next question on screen, 4× CPU, ${all.length} answers over ${Object.keys(PROFILES).length} profiles walked ${ROUNDS} times: ` +
      `drawn median ${ms(median(all.map((s) => s.drawn)))}; painted median ${ms(median(all.map((s) => s.painted)))}, ` +
      `worst ${ms(Math.max(...all.map((s) => s.painted)))} (target ≤ 16 ms); main thread free again median ` +
      `${ms(median(all.map((s) => s.free)))}, worst ${ms(Math.max(...all.map((s) => s.free)))}`,
  );
} finally {
  await browser.close();
  await server.close?.();
}
