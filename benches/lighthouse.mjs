// Lighthouse's mobile performance (its default: a mid-range phone, simulated slow 4G, 4× CPU)
// for the start page and a shared result, on the built site served as `make run` serves it,
// in Debian's Chromium. A report, not a test: the scores move with the machine's load.
//
// Lighthouse is not one of the page's packages (it is large and only this report uses it):
//   npm install --prefix /tmp/lh lighthouse@13.5.0
//   make dist && LIGHTHOUSE_DIR=/tmp/lh node benches/lighthouse.mjs [RUNS]
// Prints, for each page and run, the performance score and FCP, LCP, TBT, CLS, Speed Index,
// and the median score of the runs (default 3).
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM_ARGS, DIST, ROOT } from "../tests/browser/helpers.mjs";
import { JINCHENG_SHARED, sharedFragment } from "../tests/browser/profiles.mjs";

const dir = process.env.LIGHTHOUSE_DIR;
if (!dir) {
  console.error("LIGHTHOUSE_DIR is not set: npm install --prefix /tmp/lh lighthouse@13.5.0, then LIGHTHOUSE_DIR=/tmp/lh");
  process.exit(2);
}
const require = createRequire(join(dir, "package.json"));
const lighthouse = (await import(pathToFileURL(require.resolve("lighthouse")).href)).default;
const chromeLauncher = await import(pathToFileURL(require.resolve("chrome-launcher")).href);
const runs = Number(process.argv[2] || 3);


const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
// `SITE=<folder>` measures another build (before/after).
const server = await serve(process.env.SITE || DIST, 0);
const pages = {
  start: server.url,
  "shared result": `${server.url}${sharedFragment(JINCHENG_SHARED)}`,
};
const ms = (audit) => `${Math.round(audit.numericValue)} ms`;
try {
  for (const [name, url] of Object.entries(pages)) {
    const scores = [];
    for (let i = 0; i < runs; i += 1) {
      // A fresh browser each run: no cache, no service worker from the run before.
      const chrome = await chromeLauncher.launch({
        chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
        chromeFlags: CHROMIUM_ARGS,
      });
      try {
        const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: ["performance"], logLevel: "error" });
        const a = lhr.audits;
        const score = Math.round(lhr.categories.performance.score * 100);
        scores.push(score);
        console.log(
          `${name} run ${i + 1}: performance ${score}; FCP ${ms(a["first-contentful-paint"])}, LCP ${ms(a["largest-contentful-paint"])}, TBT ${ms(a["total-blocking-time"])}, CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}, Speed Index ${ms(a["speed-index"])}`,
        );
      } finally {
        await chrome.kill();
      }
    }
    scores.sort((x, y) => x - y);
    console.log(`${name}: median performance ${scores[Math.floor(scores.length / 2)]} of ${runs} runs (${scores.join(", ")})`);
  }
} finally {
  await server.close();
}
