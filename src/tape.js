// The browser door's way out (src/tape.rs): turns the tape the wasm wrote into plain objects,
// in one call. `table` holds the strings sent once and named by number since (the catalogue's
// words, field names); `units` is this call's other text, UTF-16 (a JS string's own units, so
// decoding it is a copy), decoded in one piece and cut by `slice`.
const utf16 = new TextDecoder("utf-16le");

// A plain data property even for "__proto__", as JSON.parse makes it.
function put(object, key, value) {
  if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

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
        const list = [];
        for (let n = tape[at++]; n > 0; n--) list.push(value());
        return list;
      }
      case 10: {
        const keys = table[tape[at++]];
        const object = {};
        for (let i = 0; i < keys.length; i++) put(object, keys[i], value());
        return object;
      }
      default: {
        const keys = tape[at - 1] === 11 ? (table[tape[at++]] = []) : null;
        const object = {};
        for (let n = tape[at++]; n > 0; n--) {
          const key = value();
          if (keys) keys.push(key);
          put(object, key, value());
        }
        return object;
      }
    }
  };
  return value();
}
