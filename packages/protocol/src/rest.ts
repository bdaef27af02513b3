import { z } from "zod";
import { FrameSchema } from "./frame.js";
import { LOG_LEVELS } from "./mcpVocabulary.js";

/** `GET /api/health` response. */
export const HealthSchema = z.object({ ok: z.literal(true), version: z.string() });
export type Health = z.infer<typeof HealthSchema>;

/** Query of `GET /api/sessions/:id/frames`: frames with `seq > since`, at most `limit`. */
export const FramesQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(100_000).default(10_000),
});
export type FramesQuery = z.infer<typeof FramesQuerySchema>;

/** Response of `GET /api/sessions/:id/frames`; `lastSeq` is the newest seq recorded. */
export const FramesPageSchema = z.object({
  frames: z.array(FrameSchema),
  lastSeq: z.number().int().nonnegative(),
});
export type FramesPage = z.infer<typeof FramesPageSchema>;

/** The longest `timeoutMs` a REST request may ask for (ms): one hour. */
const MAX_REQUEST_TIMEOUT_MS = 3_600_000;

/**
 * Body of `POST /api/sessions/:id/requests`: any client→server request
 * (MCP 2025-11-25 "Base Protocol" → Requests). `timeoutMs` overrides the session's timeout.
 */
export const SendRequestBodySchema = z.object({
  method: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
  timeoutMs: z.number().int().positive().max(MAX_REQUEST_TIMEOUT_MS).optional(),
});
export type SendRequestBody = z.infer<typeof SendRequestBodySchema>;

/** JSON's objects: not null, not an array, with Object's prototype (or none). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * True exactly when `SendRequestBodySchema` accepts `value` (a test holds the two to the
 * same answers): a check without zod's cost for the REST API's hottest route, which parses
 * with the schema only to explain a body it refuses. Unlike the schema's parse it keeps
 * members the schema does not name.
 */
export function isSendRequestBody(value: unknown): value is SendRequestBody {
  if (!isPlainObject(value)) return false;
  const { method, params, timeoutMs } = value;
  if (typeof method !== "string" || method.length === 0) return false;
  if (params !== undefined && !isPlainObject(params)) return false;
  return timeoutMs === undefined || (typeof timeoutMs === "number" && Number.isSafeInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_REQUEST_TIMEOUT_MS);
}

/** A JSON-RPC error object (JSON-RPC 2.0 §5.1). */
export const JsonRpcErrorSchema = z.object({
  code: z.number(),
  message: z.string(),
  data: z.unknown().optional(),
});
export type JsonRpcError = z.infer<typeof JsonRpcErrorSchema>;

/**
 * Response of `POST /api/sessions/:id/requests`: the server's result or its JSON-RPC error,
 * and `durationMs`, milliseconds from sending the request to its answer (a ping's round trip).
 */
export const SendRequestResultSchema = z.union([
  z.object({ result: z.record(z.string(), z.unknown()), durationMs: z.number().optional() }),
  z.object({ error: JsonRpcErrorSchema, durationMs: z.number().optional() }),
]);
export type SendRequestResult = z.infer<typeof SendRequestResultSchema>;

/**
 * Every REST error (status 4xx/5xx): `code` from mcpscope's error catalog
 * (`MCPSCOPE_*`), `message` says what went wrong, `hint` what to try.
 */
export const ApiErrorSchema = z.object({
  statusCode: z.number(),
  code: z.string(),
  error: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Body of `PATCH /api/sessions/:id/settings`: the settings to change. */
export const UpdateSettingsBodySchema = z.object({
  requestTimeoutMs: z.number().int().positive().max(86_400_000).optional(),
  resetTimeoutOnProgress: z.boolean().optional(),
  maxTotalTimeoutMs: z.number().int().positive().max(86_400_000).nullable().optional(),
  /** 2026-07-28: the level every request asks the server to log at; `null` stops asking. */
  logLevel: z.enum(LOG_LEVELS).nullable().optional(),
});
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBodySchema>;

/**
 * Body of `POST /api/sessions/:id/cancel`: cancels an in-flight request mcpscope sent, by
 * its JSON-RPC id, sending `notifications/cancelled` with the reason (MCP 2025-11-25
 * "Utilities → Cancellation"). The request's own call then answers with error -32800.
 */
export const CancelRequestBodySchema = z.object({
  requestId: z.union([z.string(), z.number()]),
  reason: z.string().max(1000).default("Cancelled by the user in mcpscope"),
});
export type CancelRequestBody = z.infer<typeof CancelRequestBodySchema>;

/**
 * Body of `POST /api/sessions/:id/raw`: any text, sent to the server as one message as it
 * is (valid JSON-RPC or not), to test how the server handles it. Answers 202 with the seq of
 * the recorded frame; the server's answer, if any, shows in the frames.
 */
export const SendRawBodySchema = z.object({ text: z.string().min(1).max(16 * 1024 * 1024) });
export type SendRawBody = z.infer<typeof SendRawBodySchema>;
