// The WebAssembly door says exactly what the command line says. Every golden case under
// tests/policies/ (and the walk profiles of the page tests) goes through both: the wasm
// module built into www/dist/pkg, loaded here from its bytes, and the native `subsidy
// estimate` command. Bad input is an Error naming the field, and never traps the module.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { DIST, ROOT, requireDist } from "./helpers.mjs";

const require = createRequire(join(ROOT, "www", "package.json"));
const { parse: parseToml } = require("smol-toml");

const SUBSIDY = join(ROOT, "target", "release", "subsidy");
let est;

before(async () => {
  requireDist();
  const engine = await import(pathToFileURL(join(DIST, "pkg", "subsidy_estimator.js")).href);
  await engine.default({ module_or_path: readFileSync(join(DIST, "pkg", "subsidy_estimator_bg.wasm")) });
  est = new engine.Estimator();
  // The native door, built from the same sources (a no-op when it is up to date).
  const build = spawnSync("cargo", ["build", "--release", "--quiet", "--bin", "subsidy"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(build.status, 0, `cargo build --bin subsidy failed:\n${build.stderr}`);
});

/**
 * The packs `region` needs (api.md, "Policy packs"), read from dist/packs/ and added: the
 * module carries the national documents only, the command line has every document.
 */
function addPacksFor(est, region) {
  if (typeof region !== "string" || region.length > 100) return;
  for (const path of est.packsFor(region)) est.addPack(readFileSync(join(DIST, path)));
}

function native(answers) {
  const out = execFileSync(SUBSIDY, ["estimate", "-"], { input: JSON.stringify(answers), encoding: "utf8" });
  return JSON.parse(out);
}

function goldenFiles(dir = join(ROOT, "tests", "policies")) {
  let files = [];
  try {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) files = files.concat(goldenFiles(path));
      else if (name.endsWith(".toml")) files.push(path);
    }
  } catch {
    // No golden cases yet: the profiles below still run.
  }
  return files;
}

/** The answers of every golden case, with the sentence that names it. */
function goldenCases() {
  const cases = [];
  for (const file of goldenFiles()) {
    const doc = parseToml(readFileSync(file, "utf8"));
    for (const c of doc.case || []) {
      // A case pinned to its own "today" cannot be replayed against the real clock.
      if (c.today) continue;
      cases.push({ where: `${relative(ROOT, file)}: ${c.says}`, answers: c.answers || {} });
    }
  }
  return cases;
}

/** The page tests' worker profiles, as answer files. */
const PROFILES = [
  {
    where: "profile (a): enterprise employee, 14 months, 中级工 via job training",
    answers: {
      region: "140502",
      date: "2021-06-01",
      employment: "enterprise_employee",
      unemployment_insurance_months: 14,
      certificate: { kind: "skill_level", level: "intermediate", via_job_training: true, issued: "2021-05-20" },
      training: { kind: "none" },
    },
  },
  {
    where: "profile (b): rural 两后生 in 劳动预备制 training for 12 months",
    answers: {
      region: "140502",
      date: "2021-06-01",
      groups: ["two_after"],
      hukou: "rural",
      training: { kind: "labor_preparation", months: 12 },
      subsidized_trainings_this_year: 0,
    },
  },
  {
    where: "profile (c): 贫困劳动力 in 普惠制 training for 10 days",
    answers: {
      region: "140502",
      date: "2021-06-01",
      groups: ["poor_labor"],
      training: { kind: "inclusive", days: 10 },
      subsidized_trainings_this_year: 0,
      same_occupation_level_this_year: false,
    },
  },
  { where: "nothing answered", answers: {} },
  { where: "only a region with no documents of its own", answers: { region: "110000", date: "2021-06-01" } },
];

test("the wasm estimate deep-equals `subsidy estimate` for every golden case and profile", (t) => {
  const cases = [...goldenCases(), ...PROFILES];
  assert.ok(cases.length >= PROFILES.length);
  let compared = 0;
  for (const { where, answers } of cases) {
    let expected;
    addPacksFor(est, answers.region);
    try {
      expected = native(answers);
    } catch (error) {
      // The native door refused the answers: the wasm door must refuse them too, in the same words.
      const message = String(error.stderr || error.message).trim();
      assert.throws(() => est.estimate(answers), (e) => e instanceof Error && message.includes(e.message), where);
      compared += 1;
      continue;
    }
    assert.deepStrictEqual(est.estimate(answers), expected, where);
    compared += 1;
  }
  assert.equal(compared, cases.length);
  t.diagnostic(`${compared} answer sets compared (${cases.length - PROFILES.length} golden cases)`);
});

// The module sends a source or a criterion it has sent before as a copy of what JS built then
// (src/recall.rs): whatever a page does to one result must not reach the next.
test("each estimate's objects are its own: changing one result changes no later one", async () => {
  // A module of its own, so that the first estimate below is the one that sends each part.
  const engine = await import(pathToFileURL(join(DIST, "pkg", "subsidy_estimator.js")).href + "?fresh");
  await engine.default({ module_or_path: readFileSync(join(DIST, "pkg", "subsidy_estimator_bg.wasm")) });
  const est = new engine.Estimator();
  addPacksFor(est, "140502");
  const answers = { region: "140502", date: "2021-06-01", employment: "enterprise_employee", unemployment_insurance_months: 14, certificate: { kind: "skill_level", level: "intermediate", via_job_training: true, issued: "2021-05-20" } };
  const other = { date: "2000-01-01" };
  const vandalise = (value) => {
    if (Array.isArray(value)) value.forEach(vandalise);
    else if (value && typeof value === "object") {
      for (const key of Object.keys(value)) {
        if (value[key] && typeof value[key] === "object") vandalise(value[key]);
        else value[key] = "改过";
      }
    }
  };
  est.estimate(other);
  const first = est.estimate(answers);
  est.estimate(other);
  const second = est.estimate(answers);
  const expected = structuredClone(second);
  assert.notEqual(first.benefits[0].source, second.benefits[0].source);
  assert.notEqual(first.benefits[0].criteria[0], second.benefits[0].criteria[0]);
  vandalise(first);
  vandalise(second);
  est.estimate(other);
  assert.deepStrictEqual(est.estimate(answers), expected);
});

// The module recalls a part JS holds by its catalogue ids (src/recall.rs), and each pack added
// makes a new catalogue: the parts of the last one are forgotten then. One module, estimates
// before and after each pack, every one equal to the command line's.
test("estimates made between packs added equal `subsidy estimate`, whatever JS held before", async () => {
  const engine = await import(pathToFileURL(join(DIST, "pkg", "subsidy_estimator.js")).href + "?generations");
  await engine.default({ module_or_path: readFileSync(join(DIST, "pkg", "subsidy_estimator_bg.wasm")) });
  const est = new engine.Estimator();
  const worker = { employment: "enterprise_employee", unemployment_insurance_months: 40, certificate: { kind: "skill_level", level: "intermediate", issued: "2021-03-01" } };
  const asked = [
    { region: "330100", date: "2021-06-01", ...worker },
    { region: "330100", date: "2024-03-01", groups: ["poor_labor"] },
    { region: "140502", date: "2021-06-01", ...worker },
    { region: "140502", date: "2021-06-01", groups: ["poor_labor"], training: { kind: "inclusive", days: 12 } },
    { region: "520302", date: "2024-03-01", ...worker },
    { region: "540100", date: "2022-06-01", groups: ["veteran"], age: 30 },
  ];
  let compared = 0;
  // Each place's packs in turn (330100 has none); after each, every place whose packs are in.
  for (const region of ["330100", "520302", "140502", "540100"]) {
    addPacksFor(est, region);
    for (const answers of asked) {
      const wasm = est.estimate(answers);
      // A place whose packs are not in yet lists them, where the command line has them all.
      if (wasm.packs_missing.length) continue;
      assert.deepStrictEqual(wasm, native(answers), `${JSON.stringify(answers)} after ${region}'s packs`);
      compared++;
    }
  }
  assert.equal(compared, 2 + 3 + 5 + 6);
});

// The question lists cross by the same tape, their words numbered by content (src/tape/).
test("the wasm questions deep-equal `subsidy questions` for every golden case", () => {
  let compared = 0;
  for (const { where, answers } of goldenCases()) {
    addPacksFor(est, answers.region);
    const out = execFileSync(SUBSIDY, ["questions", "-"], { input: JSON.stringify(answers), encoding: "utf8" });
    assert.deepStrictEqual(est.questions(answers), JSON.parse(out), where);
    compared++;
  }
  assert.ok(compared > 0);
});

test("questions() lists what is still worth asking and what has been answered", () => {
  const q = est.questions({ region: "140502", date: "2021-06-01" });
  assert.ok(q.next.length > 0, "a worker in 晋城市城区 on 2021-06-01 has questions to answer");
  for (const question of q.next) {
    assert.match(question.fact, /^[a-z0-9_.]+$/);
    assert.ok(question.title.endsWith("？"), `${question.fact} is asked as a question`);
    assert.ok(["choice", "multi", "number", "date", "region"].includes(question.input));
  }
  assert.deepEqual(
    q.answered.map((a) => a.fact),
    ["region", "date"],
  );
  assert.equal(q.answered[0].answer, "山西省晋城市城区");
  // With no region, the national 技能提升补贴 (listed for every region, api.md) still applies:
  // the region comes first, and each other question is a fact some benefit is missing.
  const none = est.questions({}).next.map((x) => x.fact);
  assert.equal(none[0], "region", "the place is asked first");
  const missing = new Set(est.estimate({}).benefits.flatMap((b) => b.missing));
  for (const fact of none.slice(1)) assert.ok(missing.has(fact), `${fact} is asked because some benefit needs it`);
  assert.ok(none.length > 1, "the national line's facts are asked too");
});

test("the region picker lists every province, and names codes in words", () => {
  const provinces = est.regions();
  assert.equal(provinces.length, 34);
  const shanxi = provinces.find((p) => p.code === "140000");
  const jincheng = shanxi.cities.find((c) => c.code === "140500");
  assert.ok(jincheng.districts.some((d) => d.code === "140502" && d.name === "城区"));
  assert.equal(est.regionName("140502"), "山西省晋城市城区");
  assert.match(est.today(), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(est.question("training.days").unit, "天");
  assert.throws(() => est.question("no.such.fact"), /^Error: no\.such\.fact/);
});

const BAD = [
  [{ training: { days: -3 } }, "training.days"],
  [{ region: "1405" }, "region"],
  [{ groups: ["x"] }, "groups"],
  [{ foo: 1 }, "foo"],
  [{ date: "2021-02-30" }, "date"],
  [{ unemployment_insurance_months: 1.5 }, "unemployment_insurance_months"],
  [{ hukou: "martian" }, "hukou"],
  [{ certificate: { via_job_training: "yes" } }, "certificate.via_job_training"],
];

test("bad input throws an Error whose message starts with the field, and the module keeps working", () => {
  const good = PROFILES[0].answers;
  const before = est.estimate(good);
  for (const [answers, field] of BAD) {
    assert.throws(
      () => est.estimate(answers),
      (e) => e instanceof Error && e.message.startsWith(field),
      `${JSON.stringify(answers)} should be refused naming ${field}`,
    );
    assert.throws(() => est.questions(answers), (e) => e instanceof Error && e.message.startsWith(field));
    // The same Estimator still answers a good input afterwards: nothing trapped.
    assert.deepStrictEqual(est.estimate(good), before);
  }
  assert.throws(() => est.estimate("not an object"), (e) => e instanceof Error && e.message.length > 0);
  assert.throws(() => est.estimate([1, 2]), Error);
  assert.throws(() => est.estimate(42), Error);
  assert.deepStrictEqual(est.estimate(good), before);
  assert.equal(before.totals.worker, "1500");
});
