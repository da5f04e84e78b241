// One city's estimate in the WebAssembly module, in Node, as a page has it after choosing the
// city: the module of a built site (DIST/pkg) with the packs `packsFor(REGION)` names added
// from DIST/packs, then the median of `estimate` for {region, date} (the worst answers) and an
// employee, the cache defeated (each timed call follows one with other answers). For the
// synthetic country's city with 20 documents (benches/more-documents.sh).
//
//   node benches/wasm-city.mjs DIST REGION
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [dist, region] = [resolve(process.argv[2] || ""), process.argv[3]];
if (!process.argv[2] || !/^\d{6}$/.test(region || "")) {
  console.error("usage: node benches/wasm-city.mjs DIST REGION");
  process.exit(2);
}
const engine = await import(pathToFileURL(join(dist, "pkg", "subsidy_estimator.js")).href);
await engine.default({ module_or_path: readFileSync(join(dist, "pkg", "subsidy_estimator_bg.wasm")) });
const est = new engine.Estimator();
const paths = est.packsFor(region);
let bytes = 0;
let t = performance.now();
for (const path of paths) {
  const pack = readFileSync(join(dist, path));
  bytes += pack.length;
  est.addPack(pack);
}
const added = performance.now() - t;

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const other = { date: "2000-01-01" };
function time(rounds, answers) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    est.estimate(other);
    const t = performance.now();
    est.estimate(answers);
    times.push(performance.now() - t);
  }
  return median(times);
}
const worst = { region, date: "2021-06-01" };
const employee = {
  region,
  date: "2021-06-01",
  employment: "enterprise_employee",
  unemployment_insurance_months: 14,
  certificate: { kind: "skill_level", level: "intermediate", via_job_training: true },
};
const result = est.estimate(worst);
if (result.packs_missing?.length) throw new Error(`${region}: packs missing after adding ${paths.join(", ")}: ${result.packs_missing.join(", ")}`);
const ms = (x) => `${(x * 1000).toFixed(1)} µs`;
console.log(
  `wasm (Node ${process.versions.node}), ${region} with ${paths.length} pack(s) (${bytes} bytes, added in ${added.toFixed(1)} ms): ` +
    `${result.documents.length} documents in its estimate, ${result.benefits.length} benefits; ` +
    `estimate {region, date} median ${ms(time(21, worst))}, employee ${ms(time(21, employee))}`,
);
