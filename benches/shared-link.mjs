// A shared link (#a=…) opened on a phone at 4× CPU slowdown (issue #21, point 9): every long
// task (over 50 ms) the page's main thread ran from navigation until the results were on show
// and the page had gone quiet, what ran in each, and the layout shift, in Debian's Chromium
// (playwright-core over CDP) against the built site served as `make run` serves it.
//
// Each run is a first visit in a fresh browser context (no cache, no service worker) at 360×740
// with `Emulation.setCPUThrottlingRate` 4 and no network throttling (everything arrives at once,
// the worst case for work piling up in one task). The page's own PerformanceObserver gives the
// long tasks (`longtask`, buffered) and CLS (`layout-shift`, without recent input); a Chromium
// trace of the same run says what each long task spent its time on (self time by event: script
// compiling and running, garbage collection, style and layout, …) and which scripts ran.
//
// The trace and the sampler slow the page down themselves: compare builds with TRACE=0 (the
// page's own long tasks only), and read the trace for where the time goes.
//
// A benchmark, not a test: it prints figures and fails only when the link does not open.
//   make dist && node benches/shared-link.mjs [RUNS]     (default 5)
//   SITE=<folder> measures another build (before/after); TRACE=0 skips the trace; PROFILE=1
//   adds V8's sampler to it (each long task's busiest JS and wasm functions, by self time);
//   QUIET=1 prints only each run's line and the summary; BLANK=1 opens an empty page after each
//   run the same way and prints its navigation's commit beside the link's (the commit is the
//   browser's: as long for a page of one line).
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, DIST, CHROMIUM_ARGS, PHONE, requireDist } from "../tests/browser/helpers.mjs";
import { JINCHENG_SHARED, sharedFragment } from "../tests/browser/profiles.mjs";

const require = createRequire(join(ROOT, "www", "package.json"));
const { chromium } = require("playwright-core");

const RUNS = Number(process.argv[2] || process.env.RUNS || 5);
const SITE = process.env.SITE || DIST;
const TRACE = process.env.TRACE !== "0";
const QUIET = process.env.QUIET === "1";
const PROFILE = process.env.PROFILE === "1";
const BLANK = process.env.BLANK === "1" && TRACE;


/** In the page, before its own scripts: long tasks, layout shift, and when the results show. */
const WATCH = () => {
  window.__watch = { long: [], frames: [], cls: 0, shifts: [], results: null, startSeen: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__watch.long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  // Long animation frames (Chromium 123+): a task and the rendering it leads to, which `longtask`
  // leaves out (a frame that lays out the whole results is long in a trace, not as a longtask).
  if (PerformanceObserver.supportedEntryTypes?.includes("long-animation-frame")) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__watch.frames.push({
          duration: e.duration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          scripts: e.scripts.map((s) => `${s.invoker || s.sourceFunctionName || "?"} ${Math.round(s.duration)}`),
        });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__watch.cls += e.value;
      window.__watch.shifts.push({ at: e.startTime, value: e.value });
    }
  }).observe({ type: "layout-shift", buffered: true });
  // Settles 1.5 s after the results are on show (what the page does next: the service worker,
  // the title, focus), or after 30 s. The bench waits on this one promise: Playwright's own
  // waits (waitForSelector, waitForFunction) inject a script whose evaluation is itself a long
  // task at 4× CPU.
  let done;
  window.__settled = new Promise((resolve) => (done = resolve));
  setTimeout(done, 30000);
  const frame = () => {
    const start = document.getElementById("start");
    if (start && start.getClientRects().length && getComputedStyle(start).visibility !== "hidden") window.__watch.startSeen = true;
    if (document.getElementById("screen")?.dataset.screen === "results" && document.getElementById("total")) {
      window.__watch.results = performance.now();
      setTimeout(done, 1500);
    } else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

const CATEGORIES = [
  "toplevel",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8",
  "v8.execute",
  "blink.user_timing",
  "loading",
  ...(PROFILE ? ["disabled-by-default-v8.cpu_profiler"] : []),
];

/**
 * The renderer main thread's tasks of over 50 ms in `events` (a Chromium trace), each with its
 * self time by event name and the scripts it ran (FunctionCall and EvaluateScript by URL).
 */
/**
 * The main thread's CPU profile samples in the trace (V8's sampler, category
 * disabled-by-default-v8.cpu_profiler): `[{ ts, frame }]`, the leaf frame of each sample as
 * "function file" (wasm functions by their index where the module has no names).
 */
function samplesOf(events, pid, tid) {
  const profiles = new Set(events.filter((e) => e.name === "Profile" && e.pid === pid && e.tid === tid).map((e) => e.id));
  const start = new Map(events.filter((e) => e.name === "Profile" && profiles.has(e.id)).map((e) => [e.id, e.args.data.startTime]));
  const nodes = new Map();
  const out = [];
  for (const chunk of events.filter((e) => e.name === "ProfileChunk" && profiles.has(e.id)).sort((a, b) => a.ts - b.ts)) {
    const profile = chunk.args.data.cpuProfile || {};
    for (const node of profile.nodes || []) nodes.set(node.id, node);
    let t = start.get(chunk.id);
    const deltas = chunk.args.data.timeDeltas || [];
    (profile.samples || []).forEach((id, i) => {
      t += deltas[i] || 0;
      const f = nodes.get(id)?.callFrame || {};
      const file = (f.url || "").replace(/^https?:\/\/[^/]+\//, "").replace(/^.*\//, "");
      out.push({ ts: t, frame: `${f.functionName || "(anonymous)"}${file ? ` ${file}` : ""}` });
    });
    start.set(chunk.id, t);
  }
  return out;
}

function longTasksOf(events) {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && events.some((t) => t.pid === e.pid && t.name === "RunTask" && t.tid === e.tid && t.dur > 50_000));
  if (!main) return [];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && typeof e.dur === "number");
  const tasks = onMain.filter((e) => e.name === "RunTask" && e.dur > 50_000).sort((a, b) => a.ts - b.ts);
  const samples = samplesOf(events, main.pid, main.tid);
  return tasks.map((task) => {
    const end = task.ts + task.dur;
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= end).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Self time: an event's duration less its direct children's (nesting by a stack).
    const self = new Map();
    const scripts = new Map();
    const stack = [];
    const add = (name, us) => self.set(name, (self.get(name) || 0) + us);
    let covered = 0;
    for (const e of inside) {
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.childTime += e.dur;
      else covered += e.dur;
      const entry = { ts: e.ts, dur: e.dur, name: e.name, childTime: 0, script: /^(FunctionCall|EvaluateScript|v8\.evaluateModule|v8\.compileModule|v8\.compile|RunMicrotasks)$/.test(e.name) };
      stack.push(entry);
      e.__entry = entry;
      const data = e.args?.data || e.args?.beginData || {};
      const url = data.url || data.scriptName || "";
      const script = /^(FunctionCall|EvaluateScript|v8\.evaluateModule|v8\.compileModule|v8\.compile|RunMicrotasks)$/.test(e.name);
      if (script && !stack.slice(0, -1).some((s) => s.script)) {
        const key = `${e.name} ${url.replace(/^https?:\/\/[^/]+\//, "") || "?"}${data.functionName ? ` ${data.functionName}` : ""}`;
        scripts.set(key, (scripts.get(key) || 0) + e.dur);
      }
    }
    for (const e of inside) add(e.name, e.__entry.dur - e.__entry.childTime);
    add("(task itself)", task.dur - covered);
    const frames = new Map();
    for (const sample of samples) {
      if (sample.ts < task.ts || sample.ts > end || /^\((idle|program|garbage collector|root)\)$/.test(sample.frame)) continue;
      frames.set(sample.frame, (frames.get(sample.frame) || 0) + 1);
    }
    const sampled = [...frames.values()].reduce((a, b) => a + b, 0);
    const top = [...self].sort((a, b) => b[1] - a[1]).filter(([, us]) => us >= 2_000);
    return {
      ms: task.dur / 1000,
      // The main thread's own CPU time in the task (the trace's thread duration): what the page
      // asked of the processor, less the time the thread waited for it (other processes on a
      // loaded machine; the 4x slowdown too, which pauses the thread: about a quarter of `ms`
      // on an idle machine).
      cpu: typeof task.tdur === "number" ? task.tdur / 1000 : null,
      // The browser committing the navigation (a new document and its script context): as
      // long for an empty page (BLANK=1 below), so not the page's own work.
      navigation: inside.some((e) => e.name === "DocumentLoader::CommitNavigation"),
      self: top.map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`),
      scripts: [...scripts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`),
      functions: [...frames].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, n]) => `${name} ${Math.round((100 * n) / sampled)}%`),
    };
  });
}

/** The longest task (ms) that commits a navigation in `events` (a Chromium trace): the browser's making of the new document. */
function commitOf(events) {
  const commits = events.filter((e) => e.name === "DocumentLoader::CommitNavigation" && e.ph === "X");
  const tasks = events.filter((e) => e.name === "RunTask" && e.ph === "X" && commits.some((c) => c.pid === e.pid && c.tid === e.tid && e.ts <= c.ts && c.ts + c.dur <= e.ts + e.dur));
  return Math.round(Math.max(0, ...tasks.map((t) => t.dur)) / 1000);
}

/** An empty page opened as the link is (fresh context, the same watch, 4× CPU, traced): its navigation's commit, ms. */
async function blankCommit(browser, url) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.addInitScript(WATCH);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(500);
  const ms = commitOf(JSON.parse((await browser.stopTracing()).toString("utf8")).traceEvents);
  await context.close();
  return ms;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

requireDist();
const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
const server = await serve(SITE, 0);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const url = `${server.url}${sharedFragment(JINCHENG_SHARED)}`;
let blank = null;
if (BLANK) {
  const folder = mkdtempSync(join(tmpdir(), "blank-page-"));
  writeFileSync(join(folder, "index.html"), '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>空白</title><p>空白页</p>\n');
  blank = await serve(folder, 0);
}
const runs = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.addInitScript(WATCH);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    if (TRACE) await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(url, { waitUntil: "commit" });
    const w = await page.evaluate(() => window.__settled.then(() => window.__watch));
    if (w.results === null) throw new Error(`run ${i + 1}: the results were not on show after 30 s`);
    const events = TRACE ? JSON.parse((await browser.stopTracing()).toString("utf8")).traceEvents : [];
    const trace = TRACE ? longTasksOf(events) : [];
    const commit = TRACE ? commitOf(events) : 0;
    await context.close();
    const blankMs = BLANK ? await blankCommit(browser, blank.url) : null;
    if (errors.length) throw new Error(`run ${i + 1}: ${errors.join("; ")}`);
    const long = w.long.map((t) => Math.round(t.duration));
    const frames = w.frames.map((f) => Math.round(f.duration));
    const traced = trace.map((t) => Math.round(t.ms));
    const own = trace.filter((t) => !t.navigation).map((t) => Math.round(t.ms));
    const ownCpu = trace.filter((t) => !t.navigation).map((t) => Math.round(t.cpu || 0));
    runs.push({ long, frames, traced, own, ownCpu, commit, blankMs, cls: w.cls, results: w.results, startSeen: w.startSeen });
    console.log(
      `run ${i + 1}: results on show at ${Math.round(w.results)} ms; long tasks ${long.join(", ") || "none"} ms (max ${Math.max(0, ...long)}); ` +
        `long animation frames ${frames.join(", ") || "none"} ms; ${TRACE ? `trace's tasks over 50 ms ${traced.join(", ")} ms; the navigation's commit ${commit} ms${BLANK ? ` (an empty page's ${blankMs} ms)` : ""}; ` : ""}CLS ${w.cls.toFixed(3)}; start screen ${w.startSeen ? "SEEN" : "never seen"}`,
    );
    if (!QUIET) {
      for (const f of w.frames) console.log(`  frame ${Math.round(f.duration)} ms (rendering ${Math.round(f.render)}): ${f.scripts.join("; ") || "no script"}`);
      for (const t of trace) {
        console.log(`  task ${t.ms.toFixed(0)} ms, CPU ${t.cpu === null ? "?" : t.cpu.toFixed(0)} ms (trace${t.navigation ? ", the navigation's commit" : ""}): ${t.self.join(", ")}`);
        if (t.scripts.length) console.log(`    scripts: ${t.scripts.join("; ")}`);
        if (t.functions.length) console.log(`    sampled (self, of the task's script samples): ${t.functions.join("; ")}`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
  await blank?.close();
}
const maxes = runs.map((r) => Math.max(0, ...r.long)).sort((a, b) => a - b);
const frameMaxes = runs.map((r) => Math.max(0, ...r.frames)).sort((a, b) => a - b);
const tracedMaxes = runs.map((r) => Math.max(0, ...r.traced)).sort((a, b) => a - b);
const ownMaxes = runs.map((r) => Math.max(0, ...r.own)).sort((a, b) => a - b);
const cpuMaxes = runs.map((r) => Math.max(0, ...r.ownCpu)).sort((a, b) => a - b);
const all = runs.flatMap((r) => r.long).sort((a, b) => a - b);
console.log(
  `${RUNS} runs: longest task per run ${maxes.join(", ")} ms (max ${maxes[maxes.length - 1]}, median ${percentile(maxes, 0.5)}); ` +
    `${all.length} long tasks in all (median ${all.length ? percentile(all, 0.5) : 0} ms); ` +
    `longest animation frame per run ${frameMaxes.join(", ")} ms; ${TRACE ? `longest task in the trace per run ${tracedMaxes.join(", ")} ms (navigation included), ${ownMaxes.join(", ")} ms (the navigation's commit left out), the most CPU time in one of those tasks per run ${cpuMaxes.join(", ")} ms (the thread's own time: steadier on a loaded machine); ` : ""}` +
    `${BLANK ? `the navigation's commit per run ${runs.map((r) => r.commit).join(", ")} ms, an empty page's ${runs.map((r) => r.blankMs).join(", ")} ms; ` : ""}` +
    `CLS max ${Math.max(...runs.map((r) => r.cls)).toFixed(3)}; start screen seen in ${runs.filter((r) => r.startSeen).length} runs; ` +
    `results on show at ${runs.map((r) => Math.round(r.results)).join(", ")} ms`,
);
