/**
 * What "Save to collection…" saves: a request as it was sent (method and params, without
 * `_meta`) and, when it was answered, its answer and round trip, which seed the assertions.
 */
export interface SaveSource {
  method: string;
  params: Record<string, unknown>;
  answer?: { result: Record<string, unknown> } | { error: { code: number; message: string } };
  /** Round trip in milliseconds. */
  durationMs?: number;
  /** The item name offered (a tool's or prompt's name, a URI). */
  suggestedName: string;
  /** A schema results should match (a tool's `outputSchema`), offered at `/structuredContent`. */
  outputSchema?: Record<string, unknown>;
}

/** A request's params as a collection keeps them: without `_meta` (a progress token is per call). */
export function savedParams(params: unknown): Record<string, unknown> {
  if (params === null || typeof params !== "object" || Array.isArray(params)) return {};
  const { _meta: _ignored, ...rest } = params as Record<string, unknown>;
  return rest;
}
