// Policy packs at the wasm door (api.md, "Policy packs"), in Node: the module alone knows the
// national documents and says which packs a place misses; `loadPlace` fetches a place's packs
// from the built site and then the estimate equals the command line's; `packsFor` names a
// province's, city's and county's packs and nothing for a place without documents; a pack
// damaged at every byte (cut short, flipped, extra bytes, another format version, another
// build's pack) is refused with `field = "pack"` and the estimator keeps its answers.
// A file of its own: the module's packs are the module's, so this process starts without any.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { buildNative, loadEngine, native } from "./engine.mjs";
import { DIST, startServer } from "./helpers.mjs";

const JINCHENG = {
  region: "140502",
  date: "2021-06-01",
  employment: "enterprise_employee",
  unemployment_insurance_months: 14,
  certificate: { kind: "skill_level", level: "intermediate", via_job_training: true, issued: "2021-05-20" },
};

let engine;
let est;
let server;
let packs;
let nationalOnly;

before(async () => {
  ({ engine } = await loadEngine({ packs: false }));
  est = new engine.Estimator();
  packs = readdirSync(join(DIST, "packs")).filter((n) => n.endsWith(".pack")).sort();
  buildNative();
  server = await startServer();
});

after(() => server?.close());

const packOf = (code) => {
  const name = packs.find((n) => n.startsWith(`${code}.`));
  assert.ok(name, `dist/packs/ has a pack for ${code}`);
  return name;
};

test("before its pack, 晋城市城区 gets the national lines only and the estimate names the missing pack", () => {
  nationalOnly = est.estimate(JINCHENG);
  assert.deepEqual(nationalOnly.packs_missing, [packOf("140000"), packOf("140502")], "山西's pack (its own figure for the national subsidy), then 晋城市城区's");
  assert.ok(nationalOnly.benefits.length > 0);
  assert.ok(nationalOnly.documents.every((d) => d.region === "000000"), "national documents only");
  assert.ok(nationalOnly.benefits.some((b) => b.id === "cn_skill_upgrade_subsidy"));
  assert.equal(nationalOnly.benefits.find((b) => b.id === "jc_skill_upgrade_bonus"), undefined);
  assert.deepEqual(est.estimate({ region: "330100" }).packs_missing, [], "杭州市: no pack exists");
});

test("packsFor: nothing for a place without documents, a county, a city, a province", () => {
  assert.deepEqual(est.packsFor("330100"), [], "杭州市");
  assert.deepEqual(est.packsFor("330106"), [], "杭州市西湖区");
  assert.deepEqual(est.packsFor("000000"), []);
  assert.deepEqual(est.packsFor("140502"), [`packs/${packOf("140000")}`, `packs/${packOf("140502")}`], "晋城市城区, a county: its province's pack first");
  assert.deepEqual(est.packsFor("520300"), [`packs/${packOf("520000")}`, `packs/${packOf("520300")}`], "遵义市, a city: its province's pack first");
  assert.deepEqual(est.packsFor("520302"), [`packs/${packOf("520000")}`, `packs/${packOf("520300")}`], "a district of 遵义市");
  assert.deepEqual(est.packsFor("540000"), [`packs/${packOf("540000")}`], "西藏自治区, a province");
  assert.deepEqual(est.packsFor("540102"), [`packs/${packOf("540000")}`], "a district of 拉萨市");
  assert.throws(() => est.packsFor(42), (e) => e instanceof Error && e.field === "region");
});

/** FNV-1a 64, as src/policy/pack.rs: to make a well-formed pack of another build. */
function fnv(bytes) {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h;
}

function refused(bytes, words, where) {
  assert.throws(
    () => est.addPack(bytes),
    (e) => {
      assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `${where}: ${e}`);
      assert.equal(e.field, "pack", `${where}: ${e.message}`);
      assert.ok(e.message.startsWith("pack: "), `${where}: ${e.message}`);
      if (words) assert.match(e.message, words, where);
      return true;
    },
  );
}

test("a pack damaged at every byte is refused with field = pack, and the estimator keeps its answers", () => {
  const good = new Uint8Array(readFileSync(join(DIST, "packs", packOf("140502"))));
  for (let cut = 0; cut < good.length; cut += 1) refused(good.slice(0, cut), null, `cut at ${cut}`);
  const copy = good.slice();
  for (let at = 0; at < copy.length; at += 1) {
    copy[at] ^= 0x5a;
    refused(copy, null, `flipped at ${at}`);
    copy[at] ^= 0x5a;
  }
  const longer = new Uint8Array(good.length + 1);
  longer.set(good);
  refused(longer, /damaged/, "one byte more");
  const version = good.slice();
  version[4] += 1;
  refused(version, /format version/, "another format version");
  // Another build's pack: a changed document with its hash made right again reads back, but
  // its name is none of this build's.
  const other = good.slice();
  const text = new TextEncoder().encode("晋城");
  const at = good.findIndex((_, i) => text.every((b, j) => good[i + j] === b));
  other.set(new TextEncoder().encode("晋中"), at);
  new DataView(other.buffer).setBigUint64(11, fnv(other.subarray(19)), true);
  refused(other, /not one of this build's packs/, "another build's pack");
  refused("a string", /Uint8Array/, "not bytes");
  refused(undefined, /Uint8Array/, "nothing");
  // Nothing of the damaged packs was added.
  assert.deepStrictEqual(est.estimate(JINCHENG), nationalOnly);
});

test("loadPlace fetches 晋城市城区's pack from the built site; then the estimate equals the command line's", async () => {
  const added = await engine.loadPlace(est, "140502", server.url);
  assert.deepEqual(added, ["140000", "140502"]);
  const got = est.estimate(JINCHENG);
  assert.deepEqual(got.packs_missing, []);
  assert.equal(got.totals.worker, "1500");
  const expected = native(JINCHENG);
  assert.ok(expected.ok, expected.message);
  assert.deepStrictEqual(got, expected.value);
  // Added again: nothing changes; a place without packs: nothing fetched.
  await engine.loadPlace(est, "140502", server.url);
  assert.deepEqual(await engine.loadPlace(est, "330100", server.url), []);
  assert.deepStrictEqual(est.estimate(JINCHENG), expected.value);
  // A pack that cannot be fetched: an Error with field = pack, and the estimator keeps working.
  await assert.rejects(engine.loadPlace(est, "540000", `${server.url}nowhere/`), (e) => e.field === "pack" && /HTTP 404/.test(e.message));
  assert.deepStrictEqual(est.estimate(JINCHENG), expected.value);
});
