// A kiosk's wipe at the wasm door, in Node: with zeroFreedMemory on, `forget()` leaves nothing of
// a visitor's estimate in the module's memory, in place (the kiosk's own place, no reload). The
// page's kiosk test (surprises.test.mjs) scans memory after a wipe that reloads the page, a
// fresh module; this one scans the same module before and after `forget()`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadEngine } from "./engine.mjs";

/** Whether `name` lies anywhere in the module's memory, as UTF-8 or as UTF-16. */
function inMemory(wasm, name) {
  const bytes = new Uint8Array(wasm.memory.buffer);
  const has = (needle) => {
    outer: for (let i = bytes.indexOf(needle[0]); i !== -1; i = bytes.indexOf(needle[0], i + 1)) {
      for (let j = 1; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
      return true;
    }
    return false;
  };
  const utf8 = new TextEncoder().encode(name);
  const utf16 = new Uint8Array(new Uint16Array([...name].map((c) => c.charCodeAt(0))).buffer);
  return { utf8: has(utf8), utf16: has(utf16) };
}

test("forget() after an estimate and its questions leaves the visitor's place nowhere in the module's memory, and the module still answers the same", async () => {
  const { engine, wasm } = await loadEngine();
  const est = new engine.Estimator();
  est.zeroFreedMemory();
  // The kiosk test's visitor's place: its full name is composed for the estimate
  // (regions::full_name), never one of the catalogue's words (its packs' are 贵州省, 贵州省遵义市).
  const answers = { region: "520302", date: "2021-06-01", employment: "enterprise_employee", unemployment_insurance_months: 40 };
  const place = "贵州省遵义市红花岗区";
  assert.deepEqual(inMemory(wasm, place), { utf8: false, utf16: false }, "not in memory before the visitor");
  const first = est.estimate(answers);
  assert.equal(first.region_name, place);
  const asked = est.questions(answers);
  assert.ok(asked.answered.some((a) => a.answer.includes("红花岗区")), JSON.stringify(asked.answered));
  const before = inMemory(wasm, place);
  assert.ok(before.utf8 || before.utf16, "the visitor's place is in memory before the wipe: the scan can find it");
  est.forget();
  assert.deepEqual(inMemory(wasm, place), { utf8: false, utf16: false }, `nothing of ${place} after forget()`);
  // The parts and words JS holds still mean what they meant: the same estimate again.
  assert.deepStrictEqual(est.estimate(answers), first);
  est.forget();
  assert.deepEqual(inMemory(wasm, place), { utf8: false, utf16: false }, "nor after a second visitor's wipe");
});
