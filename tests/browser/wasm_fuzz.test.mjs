// A bounded fuzz of the wasm door with hostile values (deep nesting, cycles, throwing getters,
// Proxies, NaN, huge strings and lists, symbols, BigInt, typed arrays, shifty getters, random
// keys and values), a known-good call checked after every batch; and random workers' answers
// through both doors, the wasm equal to the command line. Seeded: a failure names its seed.
// WASM_FUZZ_SECONDS (default 20) sets the hostile part's time; WASM_FUZZ_SEED its seed.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { buildNative, loadEngine, native, profile, random } from "./engine.mjs";

const SECONDS = Number(process.env.WASM_FUZZ_SECONDS || 20);
const SEED = Number(process.env.WASM_FUZZ_SEED || Date.now() % 1e9);

let engine;
let wasm;
let est;

const GOOD = {
  region: "140502",
  date: "2021-06-01",
  groups: ["two_after"],
  hukou: "rural",
  training: { kind: "labor_preparation", months: 12 },
  subsidized_trainings_this_year: 0,
};
let expected;

before(async () => {
  ({ engine, wasm } = await loadEngine());
  est = new engine.Estimator();
  expected = est.estimate(GOOD);
  buildNative();
});

const KEYS = ["region", "date", "age", "hukou", "groups", "employment", "unemployment_insurance_months", "certificate", "training", "kind", "days", "months", "level", "", "training.days", "__proto__", "constructor", "toString", "x"];

/** Sets an own property without running any setter (`__proto__` included). */
function put(object, key, value) {
  return Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** One hostile value, built by `r`; `depth` keeps the builder itself bounded. */
function hostile(r, depth = 0) {
  const leafs = [
    () => NaN, () => Infinity, () => -Infinity, () => -0, () => 2 ** 53 + 1, () => 1e308, () => r.int(-5, 5000),
    () => 10n ** 30n, () => Symbol("s"), () => () => 1, () => undefined, () => null, () => r.chance(0.5),
    () => "x".repeat(r.pick([0, 1, 100, 70_000, 3_000_000])), () => r.pick(["140502", "2021-06-01", "rural", "\ud800", "\u0000", "inclusive"]),
    () => new Uint8Array(r.pick([0, 5, 1_000_000])), () => new Float64Array(3), () => new Map(), () => new Set([1]), () => new Date(),
    () => new (class Answers {})(), () => new String("140502"), () => new Number(3), () => Object.create(null),
  ];
  const shapes = [
    () => nest(r, r.int(20, 5000)),
    () => cycle(r),
    () => throwingGetter(r),
    () => proxy(r, depth),
    () => shiftyGetter(r),
    () => new Array(r.pick([201, 5000, 2 ** 32 - 1])),
    () => Array.from({ length: r.int(0, 250) }, () => r.pick(["veteran", 1, null])),
    () => Array.from({ length: r.int(0, 300) }, (_, i) => i).reduce((o, i) => put(o, `${r.pick(KEYS)}${i % 3 ? "" : i}`, r.int(0, 9)), {}),
    () => ({ [Symbol("k")]: 1, ok: 1 }),
    () => Object.defineProperty({}, "hidden", { value: 1, enumerable: false }),
  ];
  if (depth < 3 && r.chance(0.5)) {
    const obj = {};
    for (let i = r.int(1, 4); i > 0; i--) put(obj, r.pick(KEYS), hostile(r, depth + 1));
    return r.chance(0.2) ? [obj] : obj;
  }
  return r.chance(0.5) ? r.pick(leafs)() : r.pick(shapes)();
}

function nest(r, depth) {
  let v = 1;
  for (let i = 0; i < depth; i++) v = r.chance(0.5) ? [v] : put({}, r.pick(KEYS), v);
  return v;
}

function cycle(r) {
  const o = { region: "140502" };
  const inner = r.chance(0.5) ? { kind: o } : [o];
  put(o, r.pick(KEYS), inner);
  return o;
}

function throwingGetter(r) {
  const thrown = r.pick([new Error("boom"), "a string", null, undefined, 42, new Proxy({}, { get() { throw new Error("again"); } })]);
  return Object.defineProperty({ region: "140502" }, r.pick(KEYS) || "x", {
    enumerable: true,
    get() {
      throw thrown;
    },
  });
}

function proxy(r, depth) {
  const trap = r.pick(["ownKeys", "get", "getOwnPropertyDescriptor", "getPrototypeOf", "has", "none", "revoked"]);
  const target = r.chance(0.3) ? [1, 2] : { kind: "inclusive", days: 3 };
  if (trap === "revoked") {
    const { proxy: p, revoke } = Proxy.revocable(target, {});
    revoke();
    return p;
  }
  const handler = trap === "none" ? {} : { [trap]() { throw new Error(`trap ${trap}`); } };
  if (r.chance(0.3)) handler.get = () => hostile(r, depth + 1);
  return new Proxy(target, handler);
}

function shiftyGetter(r) {
  let n = 0;
  return Object.defineProperty({}, r.pick(KEYS) || "x", {
    enumerable: true,
    get() {
      n += 1;
      return n % 2 ? r.int(0, 100) : "shifty";
    },
  });
}

function callIsSafe(call, where) {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof Error, `${where}: threw a non-Error ${String(e)}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${where}: trapped: ${e.message}`);
    assert.ok(typeof e.message === "string" && e.message.length > 0 && e.message.length < 2000, `${where}: message ${e.message?.length}`);
  }
}

test(`hostile values never trap the module, and a good call after every batch is correct (seed ${SEED})`, (t) => {
  const r = random(SEED);
  const started = Date.now();
  const memoryBefore = wasm.memory.buffer.byteLength;
  let calls = 0;
  let batches = 0;
  while (Date.now() - started < SECONDS * 1000) {
    for (let i = 0; i < 25; i++) {
      const answers = r.chance(0.8) ? hostile(r) : put({ ...GOOD }, r.pick(KEYS), hostile(r));
      const where = `seed ${SEED}, batch ${batches}, call ${i}`;
      callIsSafe(() => est.estimate(answers), where);
      callIsSafe(() => est.questions(answers), where);
      calls += 2;
    }
    batches += 1;
    assert.deepStrictEqual(est.estimate(GOOD), expected, `seed ${SEED}: after batch ${batches}`);
    assert.deepStrictEqual(est.estimate({ ...GOOD }), expected);
  }
  const fresh = new engine.Estimator();
  assert.deepStrictEqual(fresh.estimate(GOOD), expected);
  const grown = (wasm.memory.buffer.byteLength - memoryBefore) / 2 ** 20;
  assert.ok(grown < 64, `the module's memory grew by ${grown} MB`);
  assert.ok(batches >= 5, `only ${batches} batches ran`);
  t.diagnostic(`${calls} hostile calls in ${batches} batches over ${SECONDS} s (seed ${SEED}); memory grew ${grown.toFixed(1)} MB`);
});

test(`random workers' answers: the wasm door equals the command line (seed ${SEED})`, (t) => {
  const r = random(SEED + 1);
  const count = Number(process.env.WASM_FUZZ_PROFILES || 150);
  let refused = 0;
  for (let i = 0; i < count; i++) {
    const answers = profile(r);
    const where = `seed ${SEED + 1}, profile ${i}: ${JSON.stringify(answers)}`;
    const cli = native(answers);
    if (cli.ok) {
      assert.deepStrictEqual(est.estimate(answers), cli.value, where);
    } else {
      refused += 1;
      assert.throws(() => est.estimate(answers), (e) => e instanceof Error && cli.message.includes(e.message), where);
    }
  }
  t.diagnostic(`${count} profiles compared (${refused} refused by both doors)`);
});
