// What the worker has told us, kept on this device only (localStorage), so that a WeChat
// reload never loses it. Answers are the nested JSON of api.md; `unknown` lists the facts
// answered "不清楚" (absent from the answers, and not asked again).

const KEY = "subsidy-estimator/v1";

export function emptyState() {
  return { answers: {}, unknown: [], screen: { name: "start" }, history: [] };
}

/** The saved state, or a fresh one when there is none or it cannot be read. */
export function load() {
  try {
    const saved = JSON.parse(window.localStorage.getItem(KEY) || "null");
    if (saved && typeof saved === "object" && saved.answers && typeof saved.answers === "object") {
      return {
        answers: saved.answers,
        unknown: Array.isArray(saved.unknown) ? saved.unknown.filter((f) => typeof f === "string") : [],
        screen: saved.screen && typeof saved.screen.name === "string" ? saved.screen : { name: "start" },
        history: Array.isArray(saved.history) ? saved.history.slice(-50) : [],
      };
    }
  } catch {
    // Storage blocked or the saved text is damaged: start afresh rather than fail.
  }
  return emptyState();
}

export function save(state) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Private mode or a full quota: the page still works, it just will not survive a reload.
  }
}

export function clear() {
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
