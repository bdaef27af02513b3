/** A usage error in the arguments given on the command line; its message says how to fix it. */
export class ArgumentsError extends Error {}

/**
 * `--args <json>`: a JSON object.
 * @throws ArgumentsError when the text is not JSON or not an object.
 */
export function parseArgsJson(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ArgumentsError(`--args is not JSON: ${(err as Error).message}. Quote it for the shell: --args '{"message":"hi"}'.`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ArgumentsError(`--args must be a JSON object, e.g. --args '{"message":"hi"}', not ${JSON.stringify(value)}.`);
  return value as Record<string, unknown>;
}

function typesOf(schema: unknown): string[] {
  if (schema === null || typeof schema !== "object") return [];
  const s = schema as { type?: unknown; enum?: unknown[]; const?: unknown; anyOf?: unknown[]; oneOf?: unknown[] };
  if (typeof s.type === "string") return [s.type];
  if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === "string");
  if (s.const !== undefined) return [typeof s.const];
  if (Array.isArray(s.enum) && s.enum.length) return [...new Set(s.enum.map((v) => (v === null ? "null" : typeof v)))];
  const union = s.anyOf ?? s.oneOf;
  return Array.isArray(union) ? [...new Set(union.flatMap(typesOf))] : [];
}

function typed(key: string, text: string, schema: unknown): unknown {
  const types = typesOf(schema);
  if (types.length === 1 && types[0] === "string") return text;
  if (types.length === 1 && (types[0] === "number" || types[0] === "integer")) {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n)) throw new ArgumentsError(`--arg ${key}: the tool's inputSchema says ${types[0]}, and "${text}" is not a number.`);
    return n;
  }
  if (types.length === 1 && types[0] === "boolean") {
    if (text === "true" || text === "false") return text === "true";
    throw new ArgumentsError(`--arg ${key}: the tool's inputSchema says boolean: give true or false, not "${text}".`);
  }
  // An object, array, null, a union or no schema: JSON when it parses; a union with string keeps other text as a string.
  try {
    return JSON.parse(text);
  } catch {
    if (types.length === 0 || types.includes("string")) return text;
    throw new ArgumentsError(`--arg ${key}: the tool's inputSchema says ${types.join(" or ")}: give it as JSON, e.g. --arg '${key}=[1,2]' (or ${key}:=<json>).`);
  }
}

/**
 * `--arg key=value` (repeatable): each value typed by the property's schema in the tool's
 * `inputSchema` (numbers, booleans, JSON for objects and arrays; text for strings);
 * `key:=<json>` always takes JSON. Without a schema for the key, a value that parses as JSON
 * is that JSON, else the text.
 * @throws ArgumentsError naming the argument when a value does not fit its schema.
 */
export function parseArgPairs(pairs: readonly string[], inputSchema?: Record<string, unknown>): Record<string, unknown> {
  const properties = (inputSchema?.properties ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const json = /^([^=:]+):=(.*)$/s.exec(pair);
    if (json) {
      try {
        out[json[1]!] = JSON.parse(json[2]!);
      } catch (err) {
        throw new ArgumentsError(`--arg ${json[1]}:= takes JSON: ${(err as Error).message}.`);
      }
      continue;
    }
    const at = pair.indexOf("=");
    if (at <= 0) throw new ArgumentsError(`--arg takes key=value (or key:=<json>), got "${pair}".`);
    const key = pair.slice(0, at);
    const text = pair.slice(at + 1);
    out[key] = inputSchema ? typed(key, text, properties[key]) : text;
  }
  return out;
}
