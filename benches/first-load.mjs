// What Chromium downloads over the wire before the start screen works with its engine ready
// (data-ready), a first visit with the cache off, from a built site served as `make run`
// serves it (www/serve.mjs: precompressed .br/.gz where the browser asks for them). Counted
// by the DevTools protocol's encoded bytes per response (headers and body), so it is what
// crossed the wire. No pack is fetched on a first load (the start screen asks for no place).
//
//   node benches/first-load.mjs [DIST]      (default www/dist; prints one line, KB; DETAIL=1: each response)
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, CHROMIUM_ARGS, PHONE } from "../tests/browser/helpers.mjs";

const require = createRequire(join(ROOT, "www", "package.json"));
const { chromium } = require("playwright-core");
const dist = resolve(process.argv[2] || join(ROOT, "www", "dist"));
const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
const server = await serve(dist, 0);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  // When the page marks the engine ready, on the wall clock the DevTools protocol stamps
  // each request with (`wallTime`).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.documentElement?.dataset.ready) return;
      window.__readyWall = performance.timeOrigin + performance.now();
      observer.disconnect();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
  });
  const bytes = new Map();
  const urls = new Map();
  const sent = new Map();
  cdp.on("Network.requestWillBeSent", (e) => {
    urls.set(e.requestId, e.request.url);
    sent.set(e.requestId, e.wallTime * 1000);
  });
  cdp.on("Network.loadingFinished", (e) => bytes.set(e.requestId, e.encodedDataLength));
  await page.goto(server.url);
  await page.waitForSelector("html[data-ready]", { timeout: 60_000 });
  await page.waitForSelector("#screen[data-render]");
  // What was asked for before the engine was ready, each counted once it has all come (not
  // what the page or the service worker fetch after: the results screen's chunk and styles,
  // asked for once the start screen is painted, and the precache). By the time the page is
  // seen ready here those may have been asked for too: they are told apart by the time.
  const readyWall = await page.evaluate(() => window.__readyWall);
  const asked = [...urls.keys()].filter((id) => sent.get(id) <= readyWall);
  const later = [...urls.keys()].filter((id) => sent.get(id) > readyWall);
  const deadline = Date.now() + 30_000;
  while (asked.some((id) => !bytes.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const total = asked.reduce((sum, id) => sum + (bytes.get(id) || 0), 0);
  const packs = asked.filter((id) => urls.get(id).includes("/packs/"));
  const regions = asked.filter((id) => urls.get(id).includes("/regions/"));
  console.log(
    `first load over the wire (${dist}): ${(total / 1024).toFixed(1)} KB in ${asked.length} responses; packs fetched: ${packs.length}, province files: ${regions.length}` +
      (later.length ? ` (not counted, asked for after: ${later.map((id) => urls.get(id).replace(/^https?:\/\/[^/]+\//, "").replace(/\?.*/, "")).join(", ")})` : ""),
  );
  if (process.env.DETAIL) for (const id of asked) console.log(`  ${String(bytes.get(id)).padStart(7)} ${urls.get(id)}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
