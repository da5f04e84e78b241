// Two builds of the WebAssembly module in one Node process, alternating: the estimate median of
// the 晋城 golden cases (tests/policies/140502/czf-2020-12.toml, those without a fixed today)
// for each, with the cache defeated (each timed call follows one with other answers), as
// benches/wasm.mjs times them. Each round times every case once in each build, the builds
// taking turns to go first; a build's figure is the median over the cases of its per-case
// medians, and the spread is the lowest and highest of the rounds' medians over the cases.
// Each SITE is a folder holding `pkg/` (the wasm package) and `packs/` (that build's packs),
// as `make dist` writes www/dist; benches/ab.sh builds one from a git revision.
//
//   node benches/wasm-ab.mjs OLD_SITE NEW_SITE      (ROUNDS=n, 21 unless set)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.ROUNDS || 21);
const require = createRequire(join(ROOT, "www", "package.json"));
const { parse: parseToml } = require("smol-toml");
const sites = process.argv.slice(2, 4).map((s) => resolve(s));
if (sites.length !== 2) {
  console.error("usage: node benches/wasm-ab.mjs OLD_SITE NEW_SITE   (each a folder with pkg/ and packs/)");
  process.exit(2);
}

const file = join(ROOT, "tests", "policies", "140502", "czf-2020-12.toml");
const golden = (parseToml(readFileSync(file, "utf8")).case || []).filter((c) => !c.today);
const cases = golden.map((c) => c.answers || {});
const regions = [...new Set(cases.map((c) => c.region).filter((r) => typeof r === "string"))];

/** A build's estimator with the packs of the cases' places added, as a page has them after choosing the place. */
async function load(site) {
  // A query string keeps the two modules apart even where the two folders' files are the same.
  const engine = await import(pathToFileURL(join(site, "pkg", "subsidy_estimator.js")).href + `?site=${encodeURIComponent(site)}`);
  await engine.default({ module_or_path: readFileSync(join(site, "pkg", "subsidy_estimator_bg.wasm")) });
  const est = new engine.Estimator();
  const added = new Set();
  for (const path of regions.flatMap((r) => est.packsFor(r))) {
    if (!added.has(path)) est.addPack(readFileSync(join(site, path)));
    added.add(path);
  }
  return est;
}
const builds = [];
for (const site of sites) builds.push({ site, est: await load(site), perCase: [], rounds: [] });

const other = { date: "2000-01-01" };
const differ = [];
cases.forEach((answers, i) => {
  const [a, b] = builds.map(({ est }) => est.estimate(answers));
  if (a.packs_missing?.length || b.packs_missing?.length) throw new Error(`packs missing for ${answers.region}`);
  if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(golden[i].says);
});
for (const b of builds) b.perCase = cases.map(() => []);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? [builds[1], builds[0]] : builds;
  const thisRound = new Map(builds.map((b) => [b, []]));
  cases.forEach((answers, i) => {
    for (const b of order) {
      b.est.estimate(other);
      const t = performance.now();
      b.est.estimate(answers);
      const dt = performance.now() - t;
      b.perCase[i].push(dt);
      thisRound.get(b).push(dt);
    }
  });
  for (const b of builds) b.rounds.push(median(thisRound.get(b)));
}
const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
console.log(`the ${cases.length} 晋城 golden cases, wasm in Node ${process.versions.node}, ${ROUNDS} rounds alternating; estimates that differ between the builds: ${differ.length}`);
for (const says of differ) console.log(`  differs: ${says}`);
for (const [label, b] of [["old", builds[0]], ["new", builds[1]]]) {
  const m = median(b.perCase.map(median));
  console.log(`  ${label} ${b.site}: estimate median ${us(m)} (rounds' medians ${us(Math.min(...b.rounds))}–${us(Math.max(...b.rounds))})`);
}
const [o, n] = builds.map((b) => median(b.perCase.map(median)));
console.log(`  new / old = ${(n / o).toFixed(2)}`);
