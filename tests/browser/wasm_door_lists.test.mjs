// Issue 20: the wasm door reads only a list's own items. A hole is refused by name, never read
// through to Array.prototype (`Array.prototype[0] = "poor_labor"` once made `new Array(1)`
// count as poor_labor) nor as null; a list's extra property, which JSON would drop in silence,
// is refused by name. After each refusal the module still answers a good call correctly.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadEngine } from "./engine.mjs";

let engine;
let est;

const POOR = { region: "140502", date: "2021-06-01", groups: ["poor_labor"] };
const NONE = { region: "140502", date: "2021-06-01", groups: [] };
let poor;
let none;

before(async () => {
  ({ engine } = await loadEngine());
  est = new engine.Estimator();
  poor = est.estimate(POOR);
  none = est.estimate(NONE);
  assert.notDeepStrictEqual(poor, none, "being poor_labor changes the estimate");
});

function refused(answers, field, words) {
  assert.throws(
    () => est.estimate(answers),
    (e) => {
      assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), String(e));
      assert.equal(e.field, field, `.field of ${e.message}`);
      assert.ok(e.message.startsWith(`${field}: `), `names ${field}: ${e.message}`);
      assert.match(e.message, words);
      return true;
    },
  );
  assert.deepStrictEqual(est.estimate(POOR), poor, "still answers a good call");
  assert.deepStrictEqual(est.estimate(NONE), none);
}

test("an inherited index is not an item: Array.prototype[0] does not fill a hole", () => {
  Array.prototype[0] = "poor_labor";
  try {
    refused({ ...NONE, groups: new Array(1) }, "groups[0]", /a hole in the list/);
    // A list that has its own items is read as before, whatever the prototype holds.
    assert.deepStrictEqual(est.estimate({ ...NONE, groups: [] }), none);
  } finally {
    delete Array.prototype[0];
  }
});

test("an index inherited from a list's own prototype is not an item either", () => {
  const list = ["veteran", "veteran"];
  delete list[1];
  Object.setPrototypeOf(list, Object.assign(Object.create(Array.prototype), { 1: "poor_labor" }));
  refused({ ...NONE, groups: list }, "groups[1]", /a hole in the list/);
});

test("holes are refused by their place, at any depth", () => {
  // eslint-disable-next-line no-sparse-arrays
  refused({ ...NONE, groups: ["poor_labor", , "veteran"] }, "groups[1]", /a hole in the list/);
  const long = ["poor_labor"];
  long.length = 3;
  refused({ ...NONE, groups: long }, "groups[1]", /a hole in the list/);
  // eslint-disable-next-line no-sparse-arrays
  refused({ ...NONE, salary: [[1, , 2]] }, "salary[0][1]", /a hole in the list/);
});

test("a list's extra properties are refused by name, string or symbol", () => {
  const noted = ["poor_labor"];
  noted.note = "low income";
  refused({ ...NONE, groups: noted }, "groups", /also has a property "note"/);
  const numbered = ["poor_labor"];
  numbered["01"] = "veteran";
  refused({ ...NONE, groups: numbered }, "groups", /also has a property "01"/);
  const marked = ["poor_labor"];
  marked[Symbol("tag")] = 1;
  refused({ ...NONE, groups: marked }, "groups", /a property named by a symbol/);
});

test("a list that is all its own items is read as before, and as the command line reads its JSON", () => {
  assert.deepStrictEqual(est.estimate({ ...NONE, groups: ["poor_labor"] }), poor);
  assert.deepStrictEqual(est.estimate(JSON.parse(JSON.stringify(POOR))), poor);
  const made = new Array(1);
  made[0] = "poor_labor";
  assert.deepStrictEqual(est.estimate({ ...NONE, groups: made }), poor);
});
