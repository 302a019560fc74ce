/**
 * `JSON.stringify(value, null, 2)` in pieces, for documents larger than one string may be: V8 caps a string at
 * about 512 MB, and a plan's reachability matrix can pass that. Joined, the pieces are exactly what
 * `JSON.stringify(value, null, 2)` returns for plain data (objects, arrays, strings, numbers, booleans, null).
 */

/** Arrays at least this long are written an element at a time; shorter values are stringified whole. */
const PIECEWISE_ARRAY_LENGTH = 256;
/** Objects this near the top are opened key by key, so that a long array anywhere in them is found. */
const PIECEWISE_OBJECT_DEPTH = 3;

export function* jsonPieces(value: unknown, indent = '', depth = 0): Generator<string> {
  if (Array.isArray(value) && value.length >= PIECEWISE_ARRAY_LENGTH) {
    const inner = `${indent}  `;
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      // As JSON.stringify does: what has no JSON form is null inside an array.
      yield* jsonPieces(jsonForm(value[i]) ?? null, inner, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  if (isPlainObject(value) && depth < PIECEWISE_OBJECT_DEPTH) {
    const inner = `${indent}  `;
    let first = true;
    for (const [key, field] of Object.entries(value)) {
      const form = jsonForm(field);
      // As JSON.stringify does: a key whose value has no JSON form is left out.
      if (form === undefined) continue;
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* jsonPieces(form, inner, depth + 1);
    }
    yield first ? '{}' : `\n${indent}}`;
    return;
  }
  // A string's own line breaks are escaped in JSON, so every raw line break here is the layout's.
  const whole = JSON.stringify(value, null, 2);
  yield indent === '' ? whole : whole.replaceAll('\n', `\n${indent}`);
}

/** The value as JSON writes it, or undefined for what JSON leaves out (undefined, functions, symbols). */
function jsonForm(value: unknown): unknown {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
