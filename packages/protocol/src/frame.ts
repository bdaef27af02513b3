import { z } from "zod";
import { classifyMessage, FRAME_DIRS, FRAME_KINDS, LIFECYCLE_EVENTS } from "./frameKinds.js";

/**
 * Direction of a frame: `out` is client→server (mcpscope to the MCP server), `in` is
 * server→client, `meta` is an event mcpscope observed about the connection itself; `app` is
 * an MCP App's message to mcpscope as its host and `host` mcpscope's message to the app
 * (postMessage, MCP Apps SEP-1865 "Transport Layer"), posted by the page that hosts the app.
 */
export const FrameDirSchema = z.enum(FRAME_DIRS);
export type FrameDir = z.infer<typeof FrameDirSchema>;

/**
 * What a frame is. The first four are JSON-RPC 2.0 message types (JSON-RPC 2.0 §4–§5;
 * MCP 2025-11-25 "Base Protocol"): `error` is a response carrying `error` instead of
 * `result`. `invalid` is a line that is not a JSON-RPC message, `stderr` one line of the
 * server's standard error, `lifecycle` a connection event, `http` one HTTP exchange.
 */
export const FrameKindSchema = z.enum(FRAME_KINDS);
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

const JSON_RPC_KINDS = FRAME_KINDS.slice(0, 4);

/**
 * One unit on the wire, or one event about it, appended to its session's log and never
 * mutated.
 *
 * - `seq`: 1, 2, 3 … contiguous per session.
 * - `ts`: epoch milliseconds with sub-millisecond precision (fractional).
 * - `raw`: the exact text on the wire, without the line terminator (for `lifecycle` and
 *   `http` frames, a JSON rendering of `meta`; for `app` and `host` frames, the JSON of the
 *   message posted, which postMessage carries as a structured clone rather than text).
 * - `bytes`: UTF-8 byte length of `raw` as it crossed the wire.
 * - `msg`: the parsed JSON-RPC message, exactly `JSON.parse(raw)` (so a reader may drop it
 *   and parse `raw` again, as `@mcpscope/timeline`'s `FrameColumns` does); absent for `invalid`,
 *   `stderr`, `lifecycle`, `http`.
 *   For `request`, `response`, `error` and `notification` frames it is required, and
 *   `classifyMessage(msg)` equals `kind`; only an `error`'s `msg.id` may be `null`.
 * - `reason`: why an `invalid` frame is invalid.
 * - `meta`: structured details of `lifecycle` and `http` frames; on `app` and `host` frames,
 *   the app instance (`app`, unique per rendered app) and its `resourceUri`.
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
}).superRefine((frame, ctx) => {
  // A JSON-RPC kind names what `msg` is: a reader may rely on it (e.g. a request's method).
  if (!(JSON_RPC_KINDS as readonly string[]).includes(frame.kind)) return;
  const actual = frame.msg && classifyMessage(frame.msg);
  if (actual !== frame.kind) {
    ctx.addIssue({ code: "custom", path: frame.msg ? ["kind"] : ["msg"], message: frame.msg ? `kind is "${frame.kind}" but msg is ${actual ? `a ${actual}` : "no JSON-RPC request, response or notification"}` : `a ${frame.kind} frame must carry its parsed message` });
  } else if (frame.msg?.id === null && frame.kind !== "error") {
    // Only an error may answer with a null id (JSON-RPC 2.0 §5); the wire parser records a
    // notification with `"id": null` as `invalid`.
    ctx.addIssue({ code: "custom", path: ["msg", "id"], message: `a ${frame.kind} cannot have a null id (only an error can)` });
  }
});
export type Frame = z.infer<typeof FrameSchema>;

/** Lifecycle event names carried in `meta.event` of `lifecycle` frames. */
export const LifecycleEventSchema = z.enum(LIFECYCLE_EVENTS);
export type LifecycleEvent = z.infer<typeof LifecycleEventSchema>;
