// The wasm door loaded in Node from www/dist/pkg (no browser), the native `subsidy` command
// beside it, and a seeded generator of workers' answers: shared by the wasm-door tests.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DIST, ROOT, requireDist } from "./helpers.mjs";

export const SUBSIDY = join(ROOT, "target", "release", "subsidy");

/**
 * `{ engine, wasm }`: the module's exports (Estimator, …) and the raw wasm exports. With
 * `packs` (the default) every pack of dist/packs/ is added first, so the module knows every
 * document the command line knows (the module carries the national ones only).
 */
export async function loadEngine({ packs = true } = {}) {
  requireDist();
  const engine = await import(pathToFileURL(join(DIST, "pkg", "subsidy_estimator.js")).href);
  const wasm = await engine.default({ module_or_path: readFileSync(join(DIST, "pkg", "subsidy_estimator_bg.wasm")) });
  if (packs) addEveryPack(engine);
  return { engine, wasm };
}

/** Adds every pack of dist/packs/ to the module (packs are the module's, not an Estimator's). */
export function addEveryPack(engine) {
  const est = new engine.Estimator();
  for (const name of readdirSync(join(DIST, "packs")).filter((n) => n.endsWith(".pack")).sort()) {
    est.addPack(readFileSync(join(DIST, "packs", name)));
  }
  est.free();
}

/** Builds the native door from the same sources (a no-op when it is up to date). */
export function buildNative() {
  const build = spawnSync("cargo", ["build", "--release", "--quiet", "--bin", "subsidy"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(build.status, 0, `cargo build --bin subsidy failed:\n${build.stderr}`);
}

/** `subsidy estimate -` on the JSON of `answers`: `{ ok, value }` or `{ ok: false, message }`. */
export function native(answers) {
  try {
    const out = execFileSync(SUBSIDY, ["estimate", "-"], { input: JSON.stringify(answers), encoding: "utf8", stdio: "pipe" });
    return { ok: true, value: JSON.parse(out) };
  } catch (error) {
    return { ok: false, message: String(error.stderr || error.message).trim() };
  }
}

/** mulberry32: a small seeded generator, so a failure can be replayed from its seed. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  return { next, int, pick, chance: (p) => next() < p };
}

const GROUPS = [
  "poor_labor", "poor_family_child", "graduating_student", "unemployed_graduate", "college_student", "two_after",
  "rural_migrant", "laid_off", "registered_unemployed", "job_transfer", "veteran", "retiring_soldier", "military_spouse",
  "employment_difficulty", "zero_employment_family", "urban_low_income", "rural_low_income", "disabled", "relocated",
  "flexible_worker", "struggling_enterprise_employee", "inmate_or_released", "new_farmer",
];

/** A worker's answers as the contract allows them: each fact present or not, values near thresholds. */
export function profile(r) {
  const a = {};
  const maybe = (p, f) => {
    if (r.chance(p)) f();
  };
  maybe(0.9, () => (a.region = r.pick(["140502", "520300", "540000", "450000", "110000", "140500"])));
  maybe(0.8, () => (a.date = `${r.int(2017, 2027)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`));
  maybe(0.5, () => (a.age = r.int(14, 70)));
  maybe(0.5, () => (a.hukou = r.pick(["rural", "urban"])));
  maybe(0.5, () => (a.groups = Array.from({ length: r.int(0, 3) }, () => r.pick(GROUPS))));
  maybe(0.6, () => (a.employment = r.pick(["enterprise_employee", "unemployed", "self_employed", "flexible", "student", "other"])));
  maybe(0.6, () => (a.unemployment_insurance_months = r.pick([0, 1, 5, 6, 11, 12, 13, 35, 36, 37, r.int(0, 600)])));
  maybe(0.6, () => {
    const c = {};
    maybe(0.8, () => (c.kind = r.pick(["qualification", "skill_level", "special_ability", "special_operation", "special_equipment", "training_completion"])));
    maybe(0.8, () => (c.level = r.pick(["junior", "intermediate", "senior", "technician", "senior_technician"])));
    maybe(0.5, () => (c.first_time = r.chance(0.5)));
    maybe(0.5, () => (c.via_job_training = r.chance(0.5)));
    a.certificate = c;
  });
  maybe(0.3, () => (a.years_at_level = r.int(0, 10)));
  maybe(0.6, () => {
    const t = {};
    maybe(0.8, () => (t.kind = r.pick(["inclusive", "employment_oriented", "labor_preparation", "entrepreneurship", "entrepreneurship_awareness", "start_business", "enterprise_employee", "apprenticeship", "work_for_training", "craft_apprenticeship", "none"])));
    maybe(0.6, () => (t.days = r.pick([0, 1, 2, 3, 5, 6, 7, 10, 12, 30, r.int(0, 3650)])));
    maybe(0.5, () => (t.months = r.pick([0, 1, 5, 6, 7, 11, 12, 13, r.int(0, 120)])));
    maybe(0.4, () => (t.employment_rate_80 = r.chance(0.5)));
    a.training = t;
  });
  maybe(0.3, () => (a.entrepreneurial_intent = r.chance(0.5)));
  maybe(0.3, () => (a.subsidized_trainings_this_year = r.int(0, 3)));
  maybe(0.3, () => (a.same_occupation_level_this_year = r.chance(0.5)));
  return a;
}
