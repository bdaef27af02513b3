/** A form value as the JSON editor shows it: pretty-printed, `undefined` members left out. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2);
}

/** What the JSON editor's text means for the form: an object, or why it is not one. */
export type ParsedJson = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/**
 * Parses the JSON editor's text. The text is JSON, so `"a\"b"` is the string a"b: nothing is
 * escaped twice. Only an object can be the form's value (tool arguments are an object).
 */
export function parseJsonText(text: string): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `Not valid JSON: ${(err as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: `The arguments must be a JSON object, not ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}.` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
