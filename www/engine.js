// The engine in the page: loading it, and its answers to `questions` for the last few answers
// asked about.

/**
 * The engine: its glue and the wasm, whose download began with the page (index.html preloads
 * it; this fetch takes that response). The glue compiles it as it arrives where the browser
 * can (`instantiateStreaming`), else from the bytes (some Android WebViews). `alongside`: a
 * promise to wait for as well (the results screen's modules, when the page opens on it).
 */
export async function loadEngine(alongside = null) {
  const [engine, response] = await Promise.all([
    import("./pkg/subsidy_estimator.js"),
    fetch(new URL("./pkg/subsidy_estimator_bg.wasm", import.meta.url)),
    alongside,
  ]);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  await engine.default({ module_or_path: response });
  loadPlace = engine.loadPlace;
  return new engine.Estimator();
}

/** The package's `loadPlace(est, region, base)` once the engine is loaded (places.js). */
let loadPlace = null;
export const placeLoader = () => loadPlace;

/**
 * `est.questions(answers)`, remembered for the last few answers asked about: one screen
 * change needs it several times, each call runs the whole estimate (slow on a cheap phone),
 * and the answer a worker has ticked or typed is worked out before they tap 继续 (prepare()).
 */
const ASKED_KEPT = 6;
const asked = new Map();
export function questionsOf(est, answers) {
  const key = JSON.stringify(answers);
  let result = asked.get(key);
  if (result === undefined) {
    result = est.questions(answers);
    if (asked.size >= ASKED_KEPT) asked.delete(asked.keys().next().value);
  } else {
    asked.delete(key); // kept as the latest
  }
  asked.set(key, result);
  return result;
}

/** Nothing of the answers kept (清除, and the kiosk's wipe between visitors). */
export function forgetQuestions() {
  asked.clear();
}
