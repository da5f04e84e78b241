// The WebAssembly half of `make bench`, in one Node process: the wasm package (www/pkg, built by
// `make wasm`) over every golden case, median and worst, for `estimate` (cache defeated: each
// timed call follows one with other answers) and `questions` right after `estimate`; the same
// for the 13 晋城 worker rules written for json-rules-engine (benches/jre-jincheng.mjs), which is
// also checked against the 晋城 golden cases it can express; the ratio; the module's size; and
// the wasm memory after 100 and after 10,000 estimates of random profiles.
//
//   node benches/wasm.mjs
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import * as jre from "./jre-jincheng.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
// `PKG=/elsewhere/pkg node benches/wasm.mjs` measures another build (another branch, say).
const PKG = process.env.PKG || join(ROOT, "www", "pkg");
/** This build's policy packs (`make bench` writes them with `subsidy packs`). */
const PACKS = process.env.PACKS || join(ROOT, "target", "packs");
const TODAY = "2026-11-22";
const require = createRequire(join(ROOT, "www", "package.json"));
const { parse: parseToml } = require("smol-toml");

function caseFiles(dir) {
  let files = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files = files.concat(caseFiles(path));
    else if (name.endsWith(".toml")) files.push(path);
  }
  return files;
}

/** Every golden case that can run against the wasm's own clock (no `today` of its own). */
function goldenCases() {
  const cases = [];
  for (const file of caseFiles(join(ROOT, "tests", "policies"))) {
    for (const c of parseToml(readFileSync(file, "utf8")).case || []) {
      cases.push({ ...c, file: relative(ROOT, file), answers: c.answers || {} });
    }
  }
  return cases;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const us = (ms) => `${(ms * 1000).toFixed(1)} µs`.padStart(11);

/** The median of `rounds` timings of `f`, each after `before` (untimed). */
function time(rounds, f, before = () => {}) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    before();
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function timeAsync(rounds, f) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return median(times);
}

function report(label, rows) {
  const sorted = [...rows].sort((a, b) => a.t - b.t);
  const worst = sorted[sorted.length - 1];
  console.log(`  ${label.padEnd(40)} median ${us(median(rows.map((r) => r.t)))}   worst ${us(worst.t)}   (${worst.says.slice(0, 36)})`);
  return { median: median(rows.map((r) => r.t)), worst: worst.t };
}

/** A seeded random profile within the contract (xorshift32). */
function randomProfiles(n, seed = 9) {
  let x = seed;
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 4294967296);
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const regions = ["140502", "520302", "540100", "450100", "330100"];
  const dates = ["2020-12-01", "2021-06-01", "2022-06-01", "2024-03-01"];
  const groups = ["poor_labor", "two_after", "college_student", "veteran", "urban_low_income", "employment_difficulty"];
  const profiles = [];
  for (let i = 0; i < n; i++) {
    const p = { region: pick(regions), date: pick(dates) };
    if (next() < 0.5) p.groups = groups.filter(() => next() < 0.2);
    if (next() < 0.5) p.employment = pick(["enterprise_employee", "unemployed", "student", "other"]);
    if (next() < 0.5) p.unemployment_insurance_months = Math.floor(next() * 40);
    if (next() < 0.5) p.certificate = { kind: pick(["skill_level", "qualification", "special_ability"]), level: pick(["junior", "intermediate", "senior"]) };
    if (next() < 0.5) p.training = { kind: pick(["inclusive", "labor_preparation", "entrepreneurship"]), days: Math.floor(next() * 30) };
    if (next() < 0.3) p.hukou = pick(["rural", "urban"]);
    profiles.push(p);
  }
  return profiles;
}

const engine = await import(pathToFileURL(join(PKG, "subsidy_estimator.js")).href);
const wasmBytes = readFileSync(join(PKG, "subsidy_estimator_bg.wasm"));
const exports = await engine.default({ module_or_path: wasmBytes });
let t = performance.now();
const est = new engine.Estimator();
console.log(`wasm (Node ${process.versions.node}): ${wasmBytes.length} bytes, ${gzipSync(wasmBytes, { level: 9 }).length} gzip -9; new Estimator() ${us(performance.now() - t)}`);
// The module carries the national documents only: every place's pack is added, as a page
// does for the place chosen, so the estimates below reason over the same documents as before.
for (const name of readdirSync(PACKS).filter((n) => n.endsWith(".pack"))) est.addPack(readFileSync(join(PACKS, name)));

const cases = goldenCases();
const other = { date: "2000-01-01" }; // answers that are never a golden case: the cache misses
const rows = { estimate: [], questions: [], jcEstimate: [] };
for (const c of cases) {
  if (c.today) continue; // the wasm reads the device's clock
  const answers = c.answers;
  const e = time(15, () => est.estimate(answers), () => est.estimate(other));
  const q = time(15, () => est.questions(answers), () => est.estimate(answers));
  rows.estimate.push({ t: e, says: c.says });
  rows.questions.push({ t: q, says: c.says });
  if (c.file.includes("140502/czf-2020-12")) rows.jcEstimate.push({ t: e, says: c.says });
}
console.log(`wasm, over ${rows.estimate.length} golden cases without a fixed today (${cases.length} in all):`);
const all = report("estimate (cache defeated)", rows.estimate);
const asks = report("questions right after estimate", rows.questions);
const jcWasm = report(`estimate, the ${rows.jcEstimate.length} 晋城 cases`, rows.jcEstimate);
const worstAnswers = { region: "140502", date: "2021-06-01" };
const worst = time(51, () => est.estimate(worstAnswers), () => est.estimate(other));
console.log(`  ${"estimate {region: 140502, date}".padEnd(40)} median ${us(worst)}`);

console.log("json-rules-engine 7, the 13 晋城 worker rules (benches/jre-jincheng.mjs):");
const rules = jre.makeEngine();
const jcCases = cases.filter((c) => c.file.includes("140502/czf-2020-12"));
let expressible = 0;
const wrong = [];
for (const c of jcCases) {
  const r = await jre.check(rules, c, TODAY);
  if (!r.expressible) continue;
  expressible += 1;
  if (r.wrong.length) wrong.push(`${c.says}: ${r.wrong.join("; ")}`);
}
console.log(`  agrees with ${expressible - wrong.length} of the ${expressible} 晋城 golden cases it can express (of ${jcCases.length}; the rest expect "undetermined")`);
for (const w of wrong) console.log(`  DISAGREES: ${w}`);
const jreRows = [];
for (const c of jcCases) {
  if (c.today) continue;
  jreRows.push({ t: await timeAsync(15, () => jre.estimate(rules, c.answers, TODAY)), says: c.says });
}
const jreTimes = report(`run, the ${jreRows.length} 晋城 cases`, jreRows);
const jreWorst = await timeAsync(51, () => jre.estimate(rules, worstAnswers, TODAY));
console.log(`  ${"run {region: 140502, date}".padEnd(40)} median ${us(jreWorst)}`);
console.log(
  `ratio, 晋城 cases, median: wasm estimate / json-rules-engine = ${(jcWasm.median / jreTimes.median).toFixed(2)} ` +
    `(target ≤ 0.5); worst wasm estimate over all cases ${us(all.worst).trim()} (target ≤ 1 ms); ` +
    `questions after estimate median ${us(asks.median).trim()}, worst ${us(asks.worst).trim()} (target ≤ 50 µs)`,
);

const profiles = randomProfiles(10_000);
for (let i = 0; i < 100; i++) est.estimate(profiles[i]);
const after100 = exports.memory.buffer.byteLength;
for (let i = 100; i < profiles.length; i++) est.estimate(profiles[i]);
const after10k = exports.memory.buffer.byteLength;
console.log(
  `wasm memory: ${after100} bytes after 100 estimates of random profiles, ${after10k} after 10,000: ` +
    `${after10k <= after100 ? "steady" : "GREW by " + (after10k - after100)}`,
);
if (wrong.length) process.exitCode = 1;
