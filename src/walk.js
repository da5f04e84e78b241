// The browser door's way in (src/wasm.rs, `Walk`): two questions the walk over the answers asks
// of each value, each one call where the walk made five to eight (typeof checks, a string's
// length, a property descriptor and its `enumerable`, each a crossing).

/** Stands for an own property that is hidden (not enumerable) or missing. */
const HIDDEN = Symbol("hidden");

/** A string's length in UTF-16 units, or a negative code for what else `value` is. */
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

/** `object[key]` where it is an own enumerable property, read once; else `HIDDEN`. Asks what
 * `Reflect.getOwnPropertyDescriptor` asks (the same Proxy trap), then `Reflect.get`. */
export function enumerable(object, key) {
  return isEnumerable.call(object, key) ? Reflect.get(object, key) : HIDDEN;
}
