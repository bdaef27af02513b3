import type { RJSFSchema } from "@rjsf/utils";

/**
 * Makes a tool's `inputSchema` usable by the form: drops `$id` (RJSF would resolve `$ref`s
 * against it as a remote URI) and makes sure the root is an object.
 */
export function prepareSchema(inputSchema: Record<string, unknown> | undefined): RJSFSchema {
  const { $id: _id, ...rest } = inputSchema ?? {};
  void _id;
  return { type: "object", properties: {}, ...rest } as RJSFSchema;
}

/** Drops `undefined` members (recursively) so optional fields left empty are omitted. */
export function pruneUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneUndefined);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = pruneUndefined(v);
    return out;
  }
  return value;
}
