/** Elicitation content: what a form-mode `elicitation/create` accepts back (flat primitives, string arrays). */
export type ElicitationContent = Record<string, unknown>;

/**
 * Fills the `default` of each property of an elicitation's `requestedSchema` into the
 * content for every field the user left alone (absent or `undefined`), as clients that
 * declare `elicitation.form.applyDefaults` promise (MCP 2025-11-25 "Client Features →
 * Elicitation", SEP-1034). Values the user gave, including `false`, `0` and `""`, are kept.
 * Pure: returns a new object, undefined members dropped.
 */
export function applyElicitationDefaults(requestedSchema: unknown, content: ElicitationContent | undefined): ElicitationContent {
  const out: ElicitationContent = {};
  for (const [key, value] of Object.entries(content ?? {})) if (value !== undefined) out[key] = value;
  const properties = (requestedSchema as { properties?: unknown } | null | undefined)?.properties;
  if (!properties || typeof properties !== "object") return out;
  for (const [key, property] of Object.entries(properties as Record<string, unknown>)) {
    if (out[key] !== undefined || !property || typeof property !== "object" || !("default" in property)) continue;
    const fallback = (property as { default?: unknown }).default;
    if (fallback !== undefined) out[key] = structuredClone(fallback);
  }
  return out;
}
