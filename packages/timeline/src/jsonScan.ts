// Small helpers that walk JSON text without building values: where a string or a value
// ends. They assume the text is JSON as a JSON writer makes it (no whitespace between
// tokens); a caller falls back to JSON.parse when a helper returns -1.

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Index of the quote closing the JSON string whose contents start at `i` (just after its
 * opening quote), or -1 when there is none.
 */
export function stringEnd(text: string, i: number): number {
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    let b = q - 1;
    while (text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q;
    i = q + 1;
  }
}

/**
 * Index just after the JSON value starting at `i` (a string, object, array, number, `true`,
 * `false` or `null`), not looking at or past `end`; -1 when it does not end before `end`.
 * Objects and arrays are matched by bracket depth outside strings; their contents are not
 * otherwise checked.
 */
export function valueEnd(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) {
    const q = stringEnd(text, i + 1);
    return q < 0 || q >= end ? -1 : q + 1;
  }
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < end; j++) {
      const d = text.charCodeAt(j);
      if (d === QUOTE) {
        const q = stringEnd(text, j + 1);
        if (q < 0 || q >= end) return -1;
        j = q;
      } else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < end) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93) break;
    j++;
  }
  return j > i ? j : -1;
}

const POW10 = /* @__PURE__ */ Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number of JSON number text [i, j), or NaN when it is not one (no whitespace, no
 * `Infinity`). A decimal whose digits make an integer below 2^53 (an epoch time in
 * milliseconds with three decimals, say) is computed as that integer divided by a power of
 * ten, both exact, so the one rounding gives exactly what `Number()` gives; others go
 * through `Number()`.
 */
export function numberAt(text: string, i: number, j: number): number {
  if (j <= i) return NaN;
  let k = i;
  const negative = text.charCodeAt(k) === 45;
  if (negative) k++;
  let n = 0;
  let digits = 0;
  let scale = -1;
  let plain = true;
  for (; k < j; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      n = n * 10 + c - 48;
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else if (c === 101 || c === 69 || c === 43 || c === 45) plain = false; // e E + -: an exponent
    else return NaN;
  }
  if (digits === 0) return NaN;
  // Every step of n was exact while the result stays a safe integer (below 2^53).
  if (plain && n <= Number.MAX_SAFE_INTEGER && scale <= 22) {
    const value = scale > 0 ? n / POW10[scale]! : n;
    return negative ? -value : value;
  }
  return Number(text.slice(i, j));
}

/** A non-negative integer of plain digits [i, j), or -1. */
export function digitsAt(text: string, i: number, j: number): number {
  if (j <= i || j - i > 15) return -1;
  let n = 0;
  for (let k = i; k < j; k++) {
    const d = text.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The string value of JSON string contents [i, j) (unescaped when it has escapes). */
export function stringAt(text: string, i: number, j: number): string {
  const s = text.slice(i, j);
  return s.includes("\\") ? (JSON.parse(`"${s}"`) as string) : s;
}
