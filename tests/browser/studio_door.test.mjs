// The studio's module and the worker door's list of packs, in Node (api.md, "The studio"):
// the studio's check names each problem's line, its compile gives the very bytes `subsidy packs`
// writes for a place with that one document, and a pack of a place this build has no pack for
// is refused by the worker's module until the deployment lists it (`listPacks`, the text of
// packs/index.txt), then named by `packsFor` and added, and its estimate is the document's.
// A file of its own: the module's packs and list are the module's, so this process starts clean.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadEngine } from "./engine.mjs";
import { DIST, ROOT } from "./helpers.mjs";

const POLICY = readFileSync(join(ROOT, "policies/140502/czf-2020-12.toml"), "utf8");
const ZEZHOU = POLICY.replace('region = "140502"', 'region = "140525"').replace('id = "czf-2020-12"', 'id = "zz-studio-test"');
const WORKER = {
  region: "140525",
  date: "2021-06-01",
  employment: "enterprise_employee",
  unemployment_insurance_months: 14,
  certificate: { kind: "skill_level", level: "intermediate", via_job_training: true, issued: "2021-05-20" },
};

let studio;
let est;

before(async () => {
  studio = await import(pathToFileURL(join(DIST, "studio", "studio.js")).href);
  await studio.default({ module_or_path: readFileSync(join(DIST, "studio", "studio_bg.wasm")) });
  const { engine } = await loadEngine({ packs: false });
  est = new engine.Estimator();
});

test("check: every problem with its line; none for the real file", () => {
  assert.deepEqual(JSON.parse(studio.check(POLICY)), []);
  const broken = POLICY.replace('fact = "unemployment_insurance_months"', 'fact = "unemployment_months"');
  // The loader names the condition's table (the line of its `[[benefit.condition]]`).
  const before = broken.slice(0, broken.indexOf('"unemployment_months"')).split("\n");
  const line = before.lastIndexOf("[[benefit.condition]]") + 1;
  assert.ok(line > 0);
  const problems = JSON.parse(studio.check(broken));
  assert.ok(problems.some((p) => p.line === line && /unknown fact "unemployment_months"/.test(p.message)), JSON.stringify(problems));
  const national = JSON.parse(studio.check(POLICY.replace('region = "140502"', 'region = "000000"')));
  assert.ok(national.some((p) => /national document/.test(p.message)), JSON.stringify(national));
  assert.throws(() => studio.compile(broken), (thrown) => JSON.parse(String(thrown)).length === problems.length);
});

test("compile: the bytes `subsidy packs` writes for 晋城市城区, under the same name", () => {
  const bytes = studio.compile(POLICY);
  const name = studio.packName(bytes);
  const built = readdirSync(join(DIST, "packs")).find((n) => n.startsWith("140502."));
  assert.equal(name, built);
  assert.deepEqual(Buffer.from(bytes), readFileSync(join(DIST, "packs", built)));
});

test("a new place's pack: refused until listed, then named by packsFor, added and estimated", () => {
  const bytes = studio.compile(ZEZHOU);
  const name = studio.packName(bytes);
  assert.match(name, /^140525\.[0-9a-f]{8}\.pack$/);
  // 山西省's own pack (its 2025 figure) reaches 泽州县; the build has none for the county itself.
  const province = est.packsFor("140000");
  assert.deepEqual(est.packsFor("140525"), province, "this build has no pack for 泽州县");
  assert.throws(() => est.addPack(bytes), (e) => e.field === "pack" && /not one of this build's packs/.test(e.message));
  assert.throws(() => est.listPacks(`${name}\nnot-a-pack.txt\n`), (e) => e.field === "pack" && /index\.txt/.test(e.message));
  assert.throws(() => est.listPacks(42), (e) => e.field === "pack");
  assert.deepEqual(est.packsFor("140525"), province, "a refused list lists nothing");
  // Another pack's name for these bytes (one hex digit changed) does not admit them.
  const other = name.replace(/\.([0-9a-f])/, (_, d) => `.${d === "0" ? "1" : "0"}`);
  assert.equal(est.listPacks(`# a comment\n\n${other}\n`), 1);
  assert.throws(() => est.addPack(bytes), (e) => e.field === "pack");
  assert.equal(est.listPacks(`${other}\n${name}\n`), 1, "only the new name is new");
  assert.deepEqual(est.packsFor("140525"), [...province, `packs/${other}`, `packs/${name}`], "the province's, then in the order listed");
  assert.deepEqual(est.estimate(WORKER).packs_missing.sort(), [...province.map((p) => p.slice("packs/".length)), other, name].sort(), "the listed packs are missing before they are added");
  assert.equal(est.addPack(bytes), "140525");
  const result = est.estimate(WORKER);
  assert.equal(result.benefits.find((b) => b.id === "jc_skill_upgrade_bonus")?.amount, "1500");
  assert.equal(result.totals.worker, "1500");
  assert.deepEqual(result.packs_missing.sort(), [...province.map((p) => p.slice("packs/".length)), other].sort(), "the packs never added are still named");
});
