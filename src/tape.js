// The wasm door's JS half (src/wasm/): the tape read into plain objects (src/tape/), and what
// the walk over the answers asks of a value. Why each piece is as it is: src/wasm/mod.rs and src/wasm/walk.rs.
const utf16 = new TextDecoder("utf-16le");
const float = new Float64Array(1);
const halves = new Uint32Array(float.buffer);
let tape, table, text, at, from;

// Object literals for the structs sent; each makes only the shape of its own keys.
const SHAPES = [
  (v) => ({ date: v(), region: v(), region_name: v(), benefits: v(), totals: v(), next_questions: v(), documents: v(), nothing_in_force_note: v(), packs_missing: v() }),
  (v) => ({ id: v(), title: v(), kind: v(), payee: v(), status: v(), amount: v(), amount_max: v(), amount_note: v(), missing: v(), criteria: v(), reason: v(), deadline: v(), next_step: v(), claim_window_note: v(), source: v() }),
  (v) => ({ text: v(), met: v(), cite: v(), hint: v() }),
  (v) => ({ document: v(), doc_number: v(), clause: v(), effective_from: v(), effective_to: v(), document_id: v(), issuer: v(), quote: v(), amount_cite: v(), source_grade: v(), source_warning: v(), period_note: v(), ended_note: v() }),
  (v) => ({ office: v(), how: v(), phone: v(), materials: v(), materials_cite: v(), materials_general: v(), deadline: v(), deadline_passed: v(), deadline_text: v(), deadline_cite: v() }),
  (v) => ({ worker: v(), worker_uncounted: v() }),
  (v) => ({ id: v(), title: v(), doc_number: v(), issuer: v(), region: v(), region_name: v(), issued: v(), effective_from: v(), effective_to: v(), in_force: v(), period_text: v(), period_cite: v(), period_note: v(), source: v(), source_grade: v(), incomplete: v(), incomplete_after: v(), apply: v(), benefit_count: v(), verified_on: v() }),
  (v) => ({ next: v(), answered: v() }),
  (v) => ({ fact: v(), title: v(), hint: v(), input: v(), options: v(), min: v(), max: v(), unit: v(), unknown_label: v(), themes: v() }),
  (v) => ({ id: v(), title: v() }),
  (v) => ({ value: v(), label: v(), hint: v(), theme: v() }),
  (v) => ({ fact: v(), title: v(), answer: v() }),
];
const makers = new Map(SHAPES.map((make) => [keysOf(make).join("\0"), make]));

// Copies of the parts the module recalls (src/recall.rs), one function each, as the literals
// above: V8 copies a literal of one shape ten times faster than it spreads parts of four.
// Any part without one is copied by `copierOf`'s own loop.
const COPIERS = [
  (o) => ({ document: o.document, doc_number: o.doc_number, clause: o.clause, effective_from: o.effective_from, effective_to: o.effective_to, document_id: o.document_id, issuer: o.issuer, quote: o.quote, amount_cite: o.amount_cite, source_grade: o.source_grade, source_warning: o.source_warning, period_note: o.period_note, ended_note: o.ended_note }),
  (o) => ({ text: o.text, met: o.met, cite: o.cite, hint: o.hint }),
  (o) => ({ office: o.office, how: o.how, phone: o.phone, materials: o.materials.slice(), materials_cite: o.materials_cite, materials_general: o.materials_general.slice(), deadline: o.deadline, deadline_passed: o.deadline_passed, deadline_text: o.deadline_text, deadline_cite: o.deadline_cite }),
  (o) => ({ id: o.id, title: o.title, doc_number: o.doc_number, issuer: o.issuer, region: o.region, region_name: o.region_name, issued: o.issued, effective_from: o.effective_from, effective_to: o.effective_to, in_force: o.in_force, period_text: o.period_text, period_cite: o.period_cite, period_note: o.period_note, source: o.source, source_grade: o.source_grade, incomplete: o.incomplete, incomplete_after: o.incomplete_after, apply: o.apply, benefit_count: o.benefit_count, verified_on: o.verified_on }),
];
const copiers = new Map(COPIERS.map((copy) => [Object.keys(copy(new Proxy({}, { get: () => [] }))).join("\0"), copy]));

function keysOf(make) {
  return Object.keys(make(() => null));
}

function makerOf(keys) {
  const make = makers.get(keys.join("\0"));
  if (make === undefined) return null;
  const made = keysOf(make);
  return made.length === keys.length && made.every((key, i) => key === keys[i]) ? make : null;
}

export function build(words, units, kept) {
  tape = words;
  table = kept;
  text = units.length ? utf16.decode(units) : "";
  at = from = 0;
  const built = value();
  tape = table = text = null;
  return built;
}

function value() {
  switch (tape[at++]) {
    case 0: return null;
    case 1: return true;
    case 2: return false;
    case 3: return tape[at++] | 0;
    case 4: halves[0] = tape[at++]; halves[1] = tape[at++]; return float[0];
    case 5: return table[tape[at++]];
    case 6: return slice(tape[at++]);
    case 7: { const k = tape[at++]; return (table[k] = slice(tape[at++])); }
    case 8: {
      const list = new Array(tape[at++]);
      for (let i = 0; i < list.length; i++) list[i] = value();
      return list;
    }
    // 10: a shape's values; 9: keys and values; 11: the same, its keys kept as a shape.
    case 10: return shaped(table[tape[at++]]);
    // 12: a copy of a part kept; 13: a part to keep, and a copy of it.
    case 12: { const kept = table[tape[at++]]; return kept.copy(kept.part); }
    case 13: {
      const k = tape[at++];
      const part = value();
      const kept = (table[k] = { part, copy: copierOf(part) });
      return kept.copy(part);
    }
    default: return keyed(tape[at - 1]);
  }
}

// A part's values are plain, or lists of plain values: a copy two levels deep is its own.
function copierOf(part) {
  const copy = copiers.get(Object.keys(part).join("\0"));
  if (copy !== undefined) return copy;
  const lists = Object.keys(part).filter((key) => Array.isArray(part[key]));
  return (kept) => {
    const part = { ...kept };
    for (const key of lists) part[key] = part[key].slice();
    return part;
  };
}

function slice(end) {
  const s = text.slice(from, end);
  from = end;
  return s;
}

function shaped(keys) {
  let make = keys.make;
  if (make === undefined) make = keys.make = makerOf(keys);
  if (make !== null) return make(value);
  const object = {};
  for (let i = 0; i < keys.length; i++) put(object, keys[i]);
  return object;
}

function keyed(op) {
  const keys = [];
  if (op === 11) table[tape[at++]] = keys;
  const object = {};
  for (let i = 0, n = tape[at++]; i < n; i++) {
    keys.push(value());
    put(object, keys[i]);
  }
  return object;
}

// A plain data property even for "__proto__", as JSON.parse makes it.
function put(object, key) {
  if (key === "__proto__") Object.defineProperty(object, key, { value: value(), enumerable: true, writable: true, configurable: true });
  else object[key] = value();
}

const HIDDEN = Symbol();

/** A string's length, or a negative code for what else `value` is. */
export function kind(value) {
  if (value === undefined || value === null) return -1;
  switch (typeof value) {
    case "string": return value.length;
    case "boolean": return value ? -3 : -2;
    case "number": return -4;
    case "bigint": return -5;
    case "symbol": return value === HIDDEN ? -9 : -6;
    case "function": return -7;
    case "object": return -8;
    default: return -10;
  }
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

/** `object[key]` if an own enumerable property, else HIDDEN. */
export function enumerable(object, key) {
  return isEnumerable.call(object, key) ? Reflect.get(object, key) : HIDDEN;
}
