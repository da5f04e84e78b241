// Issue 8, at the door where each finding was made: the wasm module in Node. Every hostile
// input is refused with an Error naming the field, and after it the module still answers a
// good call correctly (no trap, no poisoned state, a new Estimator still starts).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadEngine } from "./engine.mjs";

let engine;
let est;
let expected;

const GOOD = {
  region: "140502",
  date: "2021-06-01",
  employment: "enterprise_employee",
  unemployment_insurance_months: 14,
  certificate: { kind: "skill_level", level: "intermediate", via_job_training: true, issued: "2021-05-20" },
};

before(async () => {
  ({ engine } = await loadEngine());
  est = new engine.Estimator();
  expected = est.estimate(GOOD);
  assert.equal(expected.totals.worker, "1500");
});

/**
 * `call` throws an Error whose `field` is `field` and whose message starts with `field: ` (and
 * matches `words`); then good calls still work.
 */
function refusedThenWorks(call, field, words) {
  assert.throws(call, (e) => {
    assert.ok(e instanceof Error, `an Error, not ${e}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `a trap: ${e.message}`);
    assert.equal(e.field, field, `.field of ${e.message}`);
    assert.ok(e.message.startsWith(`${field}: `), `names ${field}: ${e.message}`);
    if (words) assert.match(e.message, words);
    return true;
  });
  stillWorks();
}

function stillWorks() {
  assert.deepStrictEqual(est.estimate(GOOD), expected);
  assert.deepStrictEqual(est.estimate({ ...GOOD }), expected, "a fresh object, not the cached one");
  const fresh = new engine.Estimator();
  assert.deepStrictEqual(fresh.estimate(GOOD), expected);
  fresh.free();
}

function nested(depth, leaf, wrap) {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

test("answers nested 3,274 levels deep under an unknown key are refused, naming the path", () => {
  const deep = { salary: nested(3274, 1, (v) => [v]) };
  refusedThenWorks(() => est.estimate(deep), `salary${"[0]".repeat(31)}`, /nest deeper than 32 levels/);
  const deepObjects = { training: nested(3274, 1, (v) => ({ x: v })) };
  refusedThenWorks(() => est.questions(deepObjects), `training${".x".repeat(31)}`, /deeper than 32/);
});

test("a cyclic object (o.training = o) is refused as a cycle, naming the key", () => {
  const o = { region: "140502" };
  o.training = o;
  refusedThenWorks(() => est.estimate(o), "training", /cycle/);
  const list = [];
  list.push(list);
  refusedThenWorks(() => est.estimate({ groups: list }), "groups[0]", /cycle/);
});

test("a throwing getter names its field on the first call and on the 3,000th, and never traps", () => {
  const hostile = {
    region: "140502",
    get unemployment_insurance_months() {
      throw new Error("boom");
    },
  };
  for (let i = 0; i < 3000; i++) {
    assert.throws(
      () => (i % 2 ? est.estimate(hostile) : est.questions(hostile)),
      (e) =>
        e instanceof Error &&
        e.field === "unemployment_insurance_months" &&
        e.message === "unemployment_insurance_months: reading this answer threw: boom",
    );
  }
  stillWorks();
});

test("NaN, Infinity and -Infinity are errors naming the field, never unknown", () => {
  for (const x of [NaN, Infinity, -Infinity]) {
    refusedThenWorks(() => est.estimate({ ...GOOD, unemployment_insurance_months: x }), "unemployment_insurance_months", /not a finite number/);
    refusedThenWorks(() => est.estimate({ ...GOOD, date: x }), "date", /YYYY-MM-DD/);
    refusedThenWorks(() => est.estimate({ training: { days: x } }), "training.days", /not a finite number/);
    refusedThenWorks(() => est.estimate({ groups: [x] }), "groups[0]");
  }
});

test("a dotted top-level key and the empty key are refused by name", () => {
  refusedThenWorks(() => est.estimate({ training: { days: 60 }, "training.days": 6 }), "training.days", /a dotted name is not a key/);
  refusedThenWorks(() => est.estimate({ "": 1 }), '""', /an empty key is not a question/);
});

test("values JSON has no word for are refused by name: BigInt, symbols, functions, Maps, typed arrays", () => {
  refusedThenWorks(() => est.estimate({ age: 30n }), "age", /BigInt/);
  refusedThenWorks(() => est.estimate({ hukou: Symbol("rural") }), "hukou", /symbol/);
  refusedThenWorks(() => est.estimate({ hukou: () => "rural" }), "hukou", /function/);
  refusedThenWorks(() => est.estimate({ groups: new Uint8Array(10_000_000) }), "groups", /plain object/);
  refusedThenWorks(() => est.estimate({ certificate: new Map([["kind", "skill_level"]]) }), "certificate", /plain object/);
  assert.throws(() => est.estimate(new Map([["age", 30]])), (e) => e instanceof Error && /plain object/.test(e.message));
  stillWorks();
});

test("huge strings, huge lists and many keys are refused before they are copied", () => {
  refusedThenWorks(() => est.estimate({ hukou: "x".repeat(50_000_000) }), "hukou", /larger than 64 KB/);
  refusedThenWorks(() => est.estimate({ groups: new Array(2 ** 32 - 1) }), "groups", /at most 200/);
  const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
  assert.throws(() => est.estimate(many), (e) => e instanceof Error && e.field === null && /^100000 items are more than the answers allow \(at most 200\)/.test(e.message));
  const longKey = { ["k".repeat(1_000_000)]: 1 };
  assert.throws(() => est.estimate(longKey), (e) => e instanceof Error && /larger than 64 KB/.test(e.message));
  stillWorks();
});

test("Proxies whose traps throw, and revoked Proxies, are refused naming where they sat", () => {
  // The object's own traps name the object; a property's traps name the property.
  const traps = { ownKeys: "training", getPrototypeOf: "training", get: "training.kind", getOwnPropertyDescriptor: "training.kind" };
  for (const [trap, field] of Object.entries(traps)) {
    const proxy = new Proxy({ kind: "inclusive" }, { [trap]: () => { throw new Error(`trap ${trap}`); } });
    refusedThenWorks(() => est.estimate({ training: proxy }), field, new RegExp(`threw: trap ${trap}`));
  }
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  refusedThenWorks(() => est.estimate({ certificate: proxy }), "certificate", /threw/);
  assert.throws(() => est.estimate(proxy), (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError));
  stillWorks();
});

test("a getter that answers differently each time is read once", () => {
  let reads = 0;
  const shifty = {
    ...GOOD,
    get age() {
      reads += 1;
      return reads === 1 ? 30 : "thirty";
    },
  };
  const result = est.estimate(shifty);
  assert.equal(reads, 1);
  assert.deepStrictEqual(result.benefits, est.estimate({ ...GOOD, age: 30 }).benefits);
});

test("question() and regionName() refuse what is not a short string, and keep working", () => {
  assert.throws(() => est.question(42), (e) => e instanceof Error && e.field === null && e.message.startsWith("question: "));
  assert.throws(() => est.question("x".repeat(10_000_000)), (e) => e instanceof Error && e.message.startsWith("question: "));
  assert.throws(() => est.regionName({}), (e) => e instanceof Error && e.message.startsWith("regionName: "));
  assert.equal(est.regionName("140502"), "山西省晋城市城区");
  assert.equal(est.question("training.days").unit, "天");
});
