import { z } from "zod";

/**
 * Direction of a frame: `out` is client→server (mcpscope to the MCP server), `in` is
 * server→client, `meta` is an event mcpscope observed about the connection itself.
 */
export const FrameDirSchema = z.enum(["out", "in", "meta"]);
export type FrameDir = z.infer<typeof FrameDirSchema>;

/**
 * What a frame is. The first four are JSON-RPC 2.0 message types (JSON-RPC 2.0 §4–§5;
 * MCP 2025-11-25 "Base Protocol"): `error` is a response carrying `error` instead of
 * `result`. `invalid` is a line that is not a JSON-RPC message, `stderr` one line of the
 * server's standard error, `lifecycle` a connection event, `http` one HTTP exchange.
 */
export const FrameKindSchema = z.enum([
  "request",
  "response",
  "error",
  "notification",
  "invalid",
  "stderr",
  "lifecycle",
  "http",
]);
export type FrameKind = z.infer<typeof FrameKindSchema>;

/** A JSON-RPC id: string or integer (JSON-RPC 2.0 §4; MCP forbids null ids). */
export const JsonRpcIdSchema = z.union([z.string(), z.number()]);
export type JsonRpcId = z.infer<typeof JsonRpcIdSchema>;

/**
 * A parsed JSON-RPC 2.0 message, kept loose: the frame records what the server sent. `id` is
 * `null` only on an error response to a request whose id could not be read (JSON-RPC 2.0
 * §5, e.g. a parse error, or an HTTP 4xx answer to a POST).
 */
export const JsonRpcMessageSchema = z
  .object({
    jsonrpc: z.literal("2.0"),
    id: JsonRpcIdSchema.nullable().optional(),
    method: z.string().optional(),
    params: z.unknown().optional(),
    result: z.unknown().optional(),
    error: z
      .object({ code: z.number(), message: z.string(), data: z.unknown().optional() })
      .optional(),
  })
  .passthrough();
export type JsonRpcMessage = z.infer<typeof JsonRpcMessageSchema>;

/**
 * One unit on the wire, or one event about it, appended to its session's log and never
 * mutated.
 *
 * - `seq`: 1, 2, 3 … contiguous per session.
 * - `ts`: epoch milliseconds with sub-millisecond precision (fractional).
 * - `raw`: the exact text on the wire, without the line terminator (for `lifecycle` and
 *   `http` frames, a JSON rendering of `meta`).
 * - `bytes`: UTF-8 byte length of `raw` as it crossed the wire.
 * - `msg`: the parsed JSON-RPC message, exactly `JSON.parse(raw)` (so a reader may drop it
 *   and parse `raw` again, as `@mcpscope/timeline`'s `FrameColumns` does); absent for `invalid`,
 *   `stderr`, `lifecycle`, `http`.
 * - `reason`: why an `invalid` frame is invalid.
 * - `meta`: structured details of `lifecycle` and `http` frames.
 */
export const FrameSchema = z.object({
  sessionId: z.string(),
  seq: z.number().int().positive(),
  ts: z.number(),
  dir: FrameDirSchema,
  kind: FrameKindSchema,
  raw: z.string(),
  bytes: z.number().int().nonnegative(),
  msg: JsonRpcMessageSchema.optional(),
  reason: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type Frame = z.infer<typeof FrameSchema>;

/** Lifecycle event names carried in `meta.event` of `lifecycle` frames. */
export const LifecycleEventSchema = z.enum([
  "spawned",
  "probe",
  "fallback",
  "initialized",
  "negotiated",
  "cancelled",
  "exited",
  "closed",
  "error",
]);
export type LifecycleEvent = z.infer<typeof LifecycleEventSchema>;

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
