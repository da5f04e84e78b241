// The browser door's way out (src/tape/): turns the tape the wasm wrote into plain objects,
// in one call. `table` holds what was sent once and is named by number since (the catalogue's
// words, field names, struct shapes); `units` is this call's other text, UTF-16, decoded (a
// copy) in one piece and cut by `slice`.
const utf16 = new TextDecoder("utf-16le");

export function build(tape, units, table) {
  const text = units.length ? utf16.decode(units) : "";
  const float = new Float64Array(1);
  const halves = new Uint32Array(float.buffer);
  let at = 0;
  let from = 0;
  const slice = (end) => {
    const s = text.slice(from, end);
    from = end;
    return s;
  };
  const value = () => {
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
      default: {
        // 9: keys and values; 11: the same, its keys kept as a shape; 10: a shape's values.
        const op = tape[at - 1];
        const keys = op === 10 ? table[tape[at++]] : [];
        if (op === 11) table[tape[at++]] = keys;
        const object = {};
        for (let i = 0, n = op === 10 ? keys.length : tape[at++]; i < n; i++) {
          if (op !== 10) keys.push(value());
          const key = keys[i];
          // A plain data property even for "__proto__", as JSON.parse makes it.
          if (key === "__proto__") Object.defineProperty(object, key, { value: value(), enumerable: true, writable: true, configurable: true });
          else object[key] = value();
        }
        return object;
      }
    }
  };
  return value();
}
