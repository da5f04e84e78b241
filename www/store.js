// What the worker has told us, kept on this device only (localStorage), so that a WeChat
// reload never loses it; in kiosk mode kept in memory only (nothing is written anywhere).
// Answers are the nested JSON of api.md; `unknown` lists the facts answered "不清楚"
// (absent from the answers, and not asked again).

const KEY = "subsidy-estimator/v1";

/** Longest saved state we read back, and the deepest nesting answers can have (api.md: 3). */
export const MAX_SAVED_CHARS = 16000;
const MAX_DEPTH = 3;
const MAX_KEYS = 80;

let memoryOnly = false;

/** Kiosk mode: from now on nothing is read from or written to the device's storage. */
export function useMemoryOnly() {
  memoryOnly = true;
}

export function emptyState() {
  return { answers: {}, unknown: [], screen: { name: "start" }, history: [] };
}

/**
 * Why `value` cannot be answers (a plain object of at most three levels, a few dozen keys,
 * strings, numbers, booleans and arrays of those), or null when it can. Checked before the
 * engine ever sees it: a 5,000-deep array must be refused here, not deep inside the wasm.
 */
export function answersShapeProblem(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not an object";
  let keys = 0;
  const visit = (node, depth) => {
    if (node === null || typeof node !== "object") return null;
    if (depth > MAX_DEPTH) return "nested too deeply";
    const children = Array.isArray(node) ? node : Object.values(node);
    keys += children.length;
    if (keys > MAX_KEYS) return "too many values";
    for (const child of children) {
      const problem = visit(child, depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  return visit(value, 1);
}

const isScreen = (s) => s && typeof s === "object" && typeof s.name === "string" && (s.fact === undefined || typeof s.fact === "string");

/**
 * The saved state: `{ state, discarded }`. `discarded` is true when something was saved but
 * could not be read (damaged, too large, too deep), so the page can say so in plain words.
 */
export function loadChecked() {
  if (memoryOnly) return { state: emptyState(), discarded: false };
  let text;
  try {
    text = window.localStorage.getItem(KEY);
  } catch {
    return { state: emptyState(), discarded: false }; // storage blocked: nothing to read
  }
  if (!text) return { state: emptyState(), discarded: false };
  try {
    if (text.length > MAX_SAVED_CHARS) throw new Error("too long");
    const saved = JSON.parse(text);
    if (!saved || typeof saved !== "object" || answersShapeProblem(saved.answers)) throw new Error("bad answers");
    return {
      state: {
        answers: saved.answers,
        unknown: Array.isArray(saved.unknown) ? saved.unknown.filter((f) => typeof f === "string").slice(0, MAX_KEYS) : [],
        screen: isScreen(saved.screen) ? saved.screen : { name: "start" },
        history: Array.isArray(saved.history) ? saved.history.filter(isScreen).slice(-50) : [],
        // What the estimate's date is about ("past": a training or certificate already done).
        when: saved.when === "past" || saved.when === "planned" ? saved.when : undefined,
      },
      discarded: false,
    };
  } catch {
    clear();
    return { state: emptyState(), discarded: true };
  }
}

/** The saved state, or a fresh one when there is none or it cannot be read. */
export function load() {
  return loadChecked().state;
}

export function save(state) {
  if (memoryOnly) return;
  try {
    window.localStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Private mode or a full quota: the page still works, it just will not survive a reload.
  }
}

export function clear() {
  if (memoryOnly) return;
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to remove.
  }
}

/** The value of a dotted fact (`training.days`) in nested answers, or undefined. */
export function getFact(answers, fact) {
  let node = answers;
  for (const part of fact.split(".")) {
    if (node === null || typeof node !== "object" || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

/** A copy of `answers` with `fact` set to `value` (undefined: removed, empty parents too). */
export function withFact(answers, fact, value) {
  const copy = structuredCloneJson(answers);
  const parts = fact.split(".");
  const last = parts.pop();
  let node = copy;
  const trail = [];
  for (const part of parts) {
    if (node[part] === null || typeof node[part] !== "object" || Array.isArray(node[part])) {
      if (value === undefined) return copy;
      node[part] = {};
    }
    trail.push([node, part]);
    node = node[part];
  }
  if (value === undefined) {
    delete node[last];
    for (const [parent, part] of trail.reverse()) {
      if (Object.keys(parent[part]).length === 0) delete parent[part];
    }
  } else {
    node[last] = value;
  }
  return copy;
}

function structuredCloneJson(value) {
  return JSON.parse(JSON.stringify(value));
}
