/** Keys whose values change from run to run and are ignored by default when comparing. */
export const VOLATILE_KEYS = ["progressToken", "timestamp", "sessionId", "taskId", "createdAt", "lastUpdatedAt", "requestId"];

/**
 * A JSON value with `ignore`d keys removed at any depth and object keys sorted, so two
 * values compare equal as text exactly when they are equal as data.
 */
export function normalize(value: unknown, ignore: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, ignore));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (ignore.has(key)) continue;
    out[key] = normalize((value as Record<string, unknown>)[key], ignore);
  }
  return out;
}

/** Paths (`a.b[2].c`) where two normalized values differ; at most `max`. */
export function differingPaths(a: unknown, b: unknown, path = "", max = 20, out: string[] = []): string[] {
  if (out.length >= max) return out;
  if (Object.is(a, b)) return out;
  const bothObjects = a !== null && b !== null && typeof a === "object" && typeof b === "object";
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) {
    out.push(path || "(value)");
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n && out.length < max; i++) differingPaths(a[i], b[i], `${path}[${i}]`, max, out);
    return out;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    if (out.length >= max) break;
    differingPaths((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key, max, out);
  }
  return out;
}
