// Issue 18, point 4: every Error the wasm door throws carries the field as data, `error.field`
// (api.md, "Errors thrown to JavaScript"), an indexed item's too ("groups[1]"), or null where
// no single field is at fault; and the page finds the question from `.field`, never from the
// message (www/wording.js).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadEngine } from "./engine.mjs";
import { engineErrorSentence, fieldOf } from "../../www/wording.js";

let engine;
let est;

before(async () => {
  ({ engine } = await loadEngine());
  est = new engine.Estimator();
});

/** Bad answers and the field each error names. */
const ANSWERS = [
  [{ groups: ["poor_labor", "nope"] }, "groups[1]"],
  [{ groups: ["nope"] }, "groups[0]"],
  [{ groups: "poor_labor" }, "groups"],
  [{ training: { days: -3 } }, "training.days"],
  [{ training: { nope: 1 } }, "training.nope"],
  [{ certificate: { level: "x" } }, "certificate.level"],
  [{ certificate: { issued: "2021-13-01" } }, "certificate.issued"],
  [{ certificate: 3 }, "certificate"],
  [{ date: "2021-02-30" }, "date"],
  [{ region: "12" }, "region"],
  [{ age: 200 }, "age"],
  [{ salary: [[1]] }, "salary"],
  [{ "": 1 }, '""'],
  [42, null],
  [[1], null],
];

test("estimate and questions throw an Error whose .field names the answer, indexed items too", () => {
  for (const [answers, field] of ANSWERS) {
    for (const call of ["estimate", "questions"]) {
      assert.throws(
        () => est[call](answers),
        (e) => {
          assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), String(e));
          assert.equal(e.field, field, `${call}(${JSON.stringify(answers)}): ${e.message}`);
          // The message still names it, for people reading a log.
          if (field !== null) assert.ok(e.message.startsWith(`${field}: `), e.message);
          return true;
        },
      );
    }
  }
});

test("the other methods' errors carry .field too: pack, region, or null", () => {
  const calls = [
    [() => est.addPack(new Uint8Array([1, 2, 3])), "pack"],
    [() => est.addPack("not bytes"), "pack"],
    [() => est.listPacks("not a pack name"), "pack"],
    [() => est.packsFor(3), "region"],
    [() => est.question("nope"), null],
    [() => est.question(42), null],
    [() => est.regionName({}), null],
  ];
  for (const [call, field] of calls) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof Error, String(e));
      assert.ok("field" in e, `.field is present even when null: ${e.message}`);
      assert.equal(e.field, field, `${call}: ${e.message}`);
      return true;
    });
  }
});

test("the page finds the question from .field, not from the message", () => {
  const thrown = (answers) => {
    try {
      est.estimate(answers);
    } catch (e) {
      return e;
    }
    assert.fail(`${JSON.stringify(answers)} was accepted`);
  };
  const groups = thrown({ groups: ["poor_labor", "nope"] });
  assert.equal(fieldOf(groups), "groups", "an item's error is about its list");
  const title = est.question("groups").title.replace(/[？?]$/, "");
  const info = console.info;
  console.info = () => {};
  try {
    assert.match(engineErrorSentence(est, groups), new RegExp(title));
    const days = engineErrorSentence(est, thrown({ training: { days: -3 } }));
    assert.match(days, /请填写\d+到\d+之间的整数/);
    // A message that looks like a field but carries none names no question.
    const bare = new Error("training.days: expected a whole number");
    assert.equal(fieldOf(bare), null);
    assert.match(engineErrorSentence(est, bare), /其中一项/);
    assert.equal(fieldOf(thrown(42)), null);
  } finally {
    console.info = info;
  }
});
