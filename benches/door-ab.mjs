// Two builds of the wasm door in one Node process (issue 18): the same answers through both,
// their outputs compared, and the 晋城 estimate median timed alternately, A then B each round,
// so that both see the same machine.
//
//   A=/tmp/old/pkg A_PACKS=/tmp/old/packs B=www/pkg B_PACKS=www/dist/packs node benches/door-ab.mjs
//
// Each pkg folder is what `make wasm` writes (www/pkg), each packs folder what `subsidy packs`
// writes for that build. What B adds on purpose is named in `ADDED` and left out of the
// comparison; anything else that differs is printed and counted.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(ROOT, "www", "package.json"));
const { parse: parseToml } = require("smol-toml");

/**
 * Fields B adds (issue 18): a document's `incomplete_after`, a question's `themes`; and the
 * date question's hint, which B takes from what the page showed. `STRICT=1` counts them too.
 */
const STRICT = Boolean(process.env.STRICT);
const ADDED = new Set(STRICT ? [] : ["incomplete_after", "themes"]);
const dateHintChanged = (path) => !STRICT && path.endsWith(".hint") && path.includes("date");

async function load(pkg, packs) {
  const dir = resolve(pkg);
  const engine = await import(pathToFileURL(join(dir, "subsidy_estimator.js")).href);
  await engine.default({ module_or_path: readFileSync(join(dir, "subsidy_estimator_bg.wasm")) });
  const est = new engine.Estimator();
  for (const name of readdirSync(packs).filter((n) => n.endsWith(".pack")).sort()) est.addPack(readFileSync(join(packs, name)));
  return est;
}

function caseFiles(dir) {
  let files = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files = files.concat(caseFiles(path));
    else if (name.endsWith(".toml")) files.push(path);
  }
  return files;
}

/** Every golden case without a fixed today (the wasm reads the device's clock). */
function goldenCases() {
  const cases = [];
  for (const file of caseFiles(join(ROOT, "tests", "policies"))) {
    for (const c of parseToml(readFileSync(file, "utf8")).case || []) {
      if (!c.today) cases.push({ file: relative(ROOT, file), answers: c.answers || {} });
    }
  }
  return cases;
}

/** A seeded random profile within the contract (xorshift32), as benches/wasm.mjs makes them. */
function randomProfiles(n, seed = 18) {
  let x = seed;
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 4294967296);
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const regions = ["140502", "520302", "540100", "450100", "330100", "140500", "520300"];
  const dates = ["2020-12-01", "2021-06-01", "2022-06-01", "2024-03-01", "2026-11-22"];
  const groups = ["poor_labor", "two_after", "college_student", "veteran", "urban_low_income", "employment_difficulty", "laid_off"];
  const out = [];
  for (let i = 0; i < n; i++) {
    const p = {};
    if (next() < 0.9) p.region = pick(regions);
    if (next() < 0.9) p.date = pick(dates);
    if (next() < 0.5) p.groups = groups.filter(() => next() < 0.2);
    if (next() < 0.5) p.employment = pick(["enterprise_employee", "unemployed", "student", "other", "flexible"]);
    if (next() < 0.5) p.unemployment_insurance_months = Math.floor(next() * 40);
    if (next() < 0.5) p.certificate = { kind: pick(["skill_level", "qualification", "special_ability", "special_operation"]), level: pick(["junior", "intermediate", "senior"]) };
    if (next() < 0.3) p.certificate = { ...(p.certificate || {}), issued: pick(dates) };
    if (next() < 0.5) p.training = { kind: pick(["inclusive", "labor_preparation", "entrepreneurship", "employment_oriented"]), days: Math.floor(next() * 30) };
    if (next() < 0.3) p.hukou = pick(["rural", "urban"]);
    if (next() < 0.05) p.age = pick([-1, 200, "30", 30.5]); // refused: both must refuse alike
    out.push(p);
  }
  return out;
}

/** The paths where `a` and `b` differ, past what B adds on purpose. */
function differences(a, b, path = "", out = []) {
  if (a === b) return out;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    if (!dateHintChanged(path)) out.push(`${path}: ${JSON.stringify(a)?.slice(0, 60)} ≠ ${JSON.stringify(b)?.slice(0, 60)}`);
    return out;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!(key in a) && ADDED.has(key)) continue;
    differences(a[key], b[key], `${path}.${key}`, out);
  }
  return out;
}

/** `{ value }` or `{ error: message, field }`, the field as B gives it and A may not. */
function outcome(f) {
  try {
    return { value: f() };
  } catch (e) {
    return { error: String(e.message) };
  }
}

const A = await load(process.env.A || "/tmp/door-base/pkg", process.env.A_PACKS || "/tmp/door-base/packs");
const B = await load(process.env.B || join(ROOT, "www", "pkg"), process.env.B_PACKS || join(ROOT, "www", "dist", "packs"));

const cases = goldenCases();
const inputs = [...cases.map((c) => c.answers), ...randomProfiles(Number(process.env.PROFILES || 3000))];
let differing = 0;
for (const answers of inputs) {
  for (const call of ["estimate", "questions"]) {
    const found = differences(outcome(() => A[call](answers)), outcome(() => B[call](answers)));
    if (found.length) {
      differing += 1;
      if (differing <= 5) console.log(`DIFFERS ${call}(${JSON.stringify(answers)}):\n  ${found.slice(0, 5).join("\n  ")}`);
    }
  }
}
console.log(`compared: ${inputs.length} answers (${cases.length} golden cases, ${inputs.length - cases.length} random profiles) × estimate and questions: ${differing} differences`);

// Timing: each 晋城 case's estimate, cache defeated, A then B, `ROUNDS` times; the median of
// each case's median, per build.
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const other = { date: "2000-01-01" };
const jc = cases.filter((c) => c.file.includes("140502/czf-2020-12")).map((c) => c.answers);
const rounds = Number(process.env.ROUNDS || 9);
const per = { A: jc.map(() => []), B: jc.map(() => []) };
for (let r = 0; r < rounds; r++) {
  for (const [name, est] of r % 2 ? [["B", B], ["A", A]] : [["A", A], ["B", B]]) {
    jc.forEach((answers, i) => {
      est.estimate(other);
      const t = performance.now();
      est.estimate(answers);
      per[name][i].push(performance.now() - t);
    });
  }
}
const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const a = median(per.A.map(median));
const b = median(per.B.map(median));
console.log(`晋城 estimate median over ${jc.length} cases, ${rounds} alternating rounds: A ${us(a)}, B ${us(b)} (B/A ${(b / a).toFixed(3)})`);
