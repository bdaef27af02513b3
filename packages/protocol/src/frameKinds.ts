// Frame vocabulary as plain values, without zod: the browser imports these through
// `@mcpscope/protocol/types`; `frame.ts` builds its schemas from the same lists.

/**
 * Frame directions (see `FrameDirSchema`): `out` client→server, `in` server→client, `meta` an
 * event; `app` and `host` are the postMessage traffic between an MCP App and mcpscope as its
 * host (MCP Apps extension `io.modelcontextprotocol/ui`, SEP-1865): `app` app→host, `host`
 * host→app.
 */
export const FRAME_DIRS = ["out", "in", "meta", "app", "host"] as const;

/**
 * Frame kinds (see `FrameKindSchema`): the four JSON-RPC 2.0 message types (JSON-RPC 2.0
 * §4–§5), then `invalid`, `stderr`, `lifecycle` and `http`.
 */
export const FRAME_KINDS = ["request", "response", "error", "notification", "invalid", "stderr", "lifecycle", "http"] as const;

/** Lifecycle event names carried in `meta.event` of `lifecycle` frames. */
export const LIFECYCLE_EVENTS = ["spawned", "probe", "fallback", "initialized", "negotiated", "cancelled", "exited", "closed", "error", "auth"] as const;

/**
 * Classifies a parsed JSON-RPC message (JSON-RPC 2.0 §4–§5). An error response with
 * `"id": null` is an `error` (JSON-RPC 2.0 §5: the id is null when the request's id could
 * not be determined); a result with a null id, or a request with one, is none of the shapes.
 * @returns the frame kind, or `undefined` when the object is none of the four shapes.
 */
export function classifyMessage(msg: {
  id?: unknown;
  method?: unknown;
  result?: unknown;
  error?: unknown;
}): "request" | "response" | "error" | "notification" | undefined {
  const hasId = msg.id !== undefined && msg.id !== null;
  if (typeof msg.method === "string") return hasId ? "request" : "notification";
  if (msg.error !== undefined && (hasId || msg.id === null)) return "error";
  if (hasId && "result" in msg) return "response";
  return undefined;
}
