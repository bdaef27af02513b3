import { type CallToolRequest, type Client, ProtocolError, type RequestOptions, SdkError, SdkErrorCode, type StandardSchemaV1 } from "@modelcontextprotocol/client";
import type { Frame, JsonRpcError, JsonRpcId, SendRequestResult } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { RequestTimers, type TimerSettings } from "./requestTimers.js";
import { ToolIndex } from "./toolIndex.js";

/**
 * Takes any result object as it is (a Standard Schema, standardschema.dev, without a parse):
 * mcpscope shows what the server sent; judging it is the UI's job.
 */
const AnyResultSchema: StandardSchemaV1<Record<string, unknown>> = {
  "~standard": {
    version: 1,
    vendor: "mcpscope",
    validate: (value) =>
      typeof value === "object" && value !== null && !Array.isArray(value) ? { value: value as Record<string, unknown> } : { issues: [{ message: "a result must be a JSON object" }] },
  },
};

/**
 * The timeout given to the SDK for every request: the largest delay `setTimeout` takes
 * (about 24.8 days), so the SDK's own timer never fires. The session's timers decide
 * (`RequestTimers`), and end a request by aborting its signal.
 */
export const SDK_TIMEOUT_NEVER_MS = 2_147_483_647;

type ProgressToken = string | number;

/** Unaborted controllers kept for reuse (more requests than this in flight get new ones). */
const SPARE_CONTROLLERS = 8;

/** A request mcpscope sent and is waiting on: every leg of it, when it takes several rounds. */
interface InFlight {
  token: ProgressToken;
  /** JSON-RPC ids of its legs, oldest first (a 2026-07-28 `input_required` retry is a new leg). */
  ids: JsonRpcId[];
  controller: AbortController;
  timers?: RequestTimers;
  cancelled?: string;
  timedOut?: string;
  /** `key → method` of the input requests of its latest `input_required` answer. */
  inputRequests: Map<string, string>;
  /** The result of a leg answered with a task handle (`resultType: "task"`, SEP-2663), as recorded. */
  taskResult?: Record<string, unknown>;
}

/** Where an embedded input request (MCP 2026-07-28 "Multi Round-Trip Requests") came from. */
export interface InputRequestOrigin {
  /** JSON-RPC id of the leg that answered `input_required`. */
  requestId: JsonRpcId;
  progressToken: ProgressToken;
}

/** Milliseconds since `started` (a `performance.now()` reading), to the microsecond. */
function millisSince(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/**
 * Runs the requests a session sends, without reading any SDK internals. Every request gets
 * its own `_meta.progressToken` (MCP 2025-11-25 "Utilities → Progress") unless the caller
 * gave one; the JSON-RPC id the SDK chose is learnt from the recorded outgoing frame that
 * carries the token (so a request can be cancelled by the id the timeline shows), and so are
 * the ids of later legs of a multi-round-trip request, which repeat the original params and
 * with them the token. Progress is routed by token from the recorded frames to the request's
 * timers. Timeouts are the runner's own (`RequestTimers`): it ends a request by aborting the
 * SDK call's signal, after which the SDK sends `notifications/cancelled` with the reason (or,
 * on a 2026-07-28 Streamable HTTP connection, closes the request's stream).
 */
export class RequestRunner {
  private readonly tools = new ToolIndex();
  private readonly byToken = new Map<ProgressToken, InFlight>();
  private readonly byId = new Map<JsonRpcId, InFlight>();
  private holding = false;
  private counter = 0;
  /**
   * Controllers of requests that ended without being aborted, for the next requests. On
   * Node 20 a fresh `AbortSignal` per request (with the SDK's listener on it) outlives V8's
   * young-generation collections and is promoted to the old generation with what it
   * reaches, where it stays until the next full GC: measured with the SDK alone, ~5× the
   * bytes promoted per scavenge of the same calls on one reused signal, so the proxy's
   * memory grew with the number of calls. A signal never aborted can carry any number of
   * requests, one after another; an aborted one is dropped.
   */
  private readonly spareControllers: AbortController[] = [];

  /** @param onAbort told of each request the runner ends (cancelled or timed out): its ids and the reason. */
  constructor(private readonly onAbort?: (requestIds: JsonRpcId[], reason: string) => void) {}

  /**
   * Sends a request through the SDK client and waits for its answer.
   * @param closedDetail words to add when the connection closed under the request.
   * @param envelope `_meta` keys to add to the request (a 2026-07-28 session's log level and
   *   capabilities); the caller's own `_meta` keys win.
   * @param rethrow errors to throw rather than answer as JSON-RPC errors (the session's OAuth re-authorization).
   * @returns `{result}` or `{error}` (the server's JSON-RPC error; -32001 for a timeout;
   *   -32800 when cancelled; -32000 when the connection closed; -32603 for local failures,
   *   `data.sdkError` naming the SDK's error code), and `durationMs` to the answer. A task
   *   handle (`resultType: "task"`, which the SDK does not take) is answered as the result.
   */
  async run(
    client: Client,
    method: string,
    params: Record<string, unknown> | undefined,
    settings: TimerSettings,
    closedDetail?: () => string,
    envelope?: Record<string, unknown>,
    rethrow?: (err: unknown) => boolean,
  ): Promise<SendRequestResult> {
    const started = performance.now();
    const meta = { ...envelope, ...(params?._meta as Record<string, unknown> | undefined) };
    const given = meta.progressToken;
    const token: ProgressToken = typeof given === "string" || typeof given === "number" ? given : `mcpscope-${++this.counter}`;
    const entry: InFlight = { token, ids: [], controller: this.spareControllers.pop() ?? new AbortController(), inputRequests: new Map() };
    entry.timers = new RequestTimers(settings, (reason) => {
      entry.timedOut = reason;
      this.onAbort?.(entry.ids, reason);
      entry.controller.abort(reason);
    }, this.holding);
    this.byToken.set(token, entry);
    try {
      const withToken = { ...params, _meta: { ...meta, progressToken: token } };
      const result = await this.send(client, method, withToken, { signal: entry.controller.signal, timeout: SDK_TIMEOUT_NEVER_MS });
      return { result, durationMs: millisSince(started) };
    } catch (err) {
      const durationMs = millisSince(started);
      if (entry.cancelled !== undefined) return { error: { code: -32800, message: `Cancelled: ${entry.cancelled}` }, durationMs };
      if (entry.timedOut !== undefined) return { error: { code: -32001, message: entry.timedOut }, durationMs };
      if (entry.taskResult && err instanceof SdkError && err.code === SdkErrorCode.UnsupportedResultType) return { result: entry.taskResult, durationMs };
      if (rethrow?.(err)) throw err;
      return { error: toJsonRpcError(err, closedDetail), durationMs };
    } finally {
      entry.timers.clear();
      if (this.byToken.get(token) === entry) this.byToken.delete(token);
      for (const id of entry.ids) if (this.byId.get(id) === entry) this.byId.delete(id);
      // The SDK has removed its listener by now (it settles the call's promise after that).
      if (!entry.controller.signal.aborted && this.spareControllers.length < SPARE_CONTROLLERS) this.spareControllers.push(entry.controller);
    }
  }

  /**
   * Any request goes out through `Client.request` with a schema that takes any result: the
   * timeline and the UI show and judge what the server sent. A 2026-07-28 `tools/call` goes
   * through `Client.callTool` with the tool's listed definition instead, so the SDK mirrors
   * `x-mcp-header` arguments into `Mcp-Param-*` headers (SEP-2243) and, when the server
   * still answers HeaderMismatch, refreshes `tools/list` and retries once.
   */
  private send(client: Client, method: string, params: Record<string, unknown>, options: RequestOptions): Promise<Record<string, unknown>> {
    if (method === "tools/call" && client.getProtocolEra() === "modern") {
      const toolDefinition = this.tools.definition(params.name);
      return client.callTool(params as CallToolRequest["params"], { ...options, ...(toolDefinition ? { toolDefinition } : {}) });
    }
    return client.request({ method, params }, AnyResultSchema, options);
  }

  /**
   * Cancels an in-flight request by the JSON-RPC id of any of its legs (MCP 2025-11-25
   * "Utilities → Cancellation"); the request then answers -32800 with the reason.
   * @throws ApiFailure REQUEST_NOT_IN_FLIGHT when no such request is waiting.
   */
  cancel(requestId: JsonRpcId, reason: string): void {
    const entry = this.byId.get(requestId);
    if (!entry || entry.controller.signal.aborted) {
      throw new ApiFailure("REQUEST_NOT_IN_FLIGHT", `No request with id ${JSON.stringify(requestId)} is in flight in this session.`);
    }
    entry.cancelled = reason;
    this.onAbort?.(entry.ids, reason);
    entry.controller.abort(reason);
  }

  /** Holds (a person is answering the inbox) or releases every request's idle timer. */
  hold(holding: boolean): void {
    this.holding = holding;
    for (const entry of this.byToken.values()) entry.timers?.hold(holding);
  }

  /**
   * The call an embedded input request belongs to: the in-flight request whose latest
   * `input_required` answer asked for `key` with `method` (the oldest such, when several did).
   */
  inputRequestOrigin(key: string, method: string): InputRequestOrigin | undefined {
    for (const entry of this.byToken.values()) {
      if (entry.inputRequests.get(key) === method) {
        entry.inputRequests.delete(key);
        return { requestId: entry.ids.at(-1)!, progressToken: entry.token };
      }
    }
    return undefined;
  }

  /** Reads each recorded frame: ids of outgoing legs, progress, `input_required` rounds. */
  onFrame = (frame: Frame): void => {
    const msg = frame.msg;
    if (!msg) return;
    this.tools.onFrame(frame);
    if (this.byToken.size === 0) return;
    if (frame.dir === "out") {
      if (frame.kind !== "request" || msg.id === undefined || msg.id === null) return;
      const token = (msg.params as { _meta?: { progressToken?: unknown } } | undefined)?._meta?.progressToken;
      const entry = token === undefined ? undefined : this.byToken.get(token as ProgressToken);
      if (!entry || this.byId.has(msg.id)) return;
      entry.ids.push(msg.id);
      this.byId.set(msg.id, entry);
      return;
    }
    if (frame.dir !== "in") return;
    if (frame.kind === "notification") {
      if (msg.method !== "notifications/progress") return;
      const token = (msg.params as { progressToken?: unknown } | undefined)?.progressToken;
      this.byToken.get(token as ProgressToken)?.timers?.progress();
      return;
    }
    if (frame.kind !== "response" || msg.id === undefined || msg.id === null) return;
    const entry = this.byId.get(msg.id);
    const result = msg.result as { resultType?: unknown; inputRequests?: Record<string, { method?: unknown }> } | undefined;
    if (entry && result?.resultType === "task") entry.taskResult = result;
    if (!entry || result?.resultType !== "input_required") return;
    entry.inputRequests.clear();
    for (const [key, request] of Object.entries(result.inputRequests ?? {})) {
      if (typeof request?.method === "string") entry.inputRequests.set(key, request.method);
    }
    entry.timers?.restart();
  };
}

/**
 * A failed SDK call as a JSON-RPC error object (JSON-RPC 2.0 §5.1): the server's own error
 * as it sent it; the SDK's local failures with the conventional codes.
 */
export function toJsonRpcError(err: unknown, closedDetail?: () => string): JsonRpcError {
  if (err instanceof ProtocolError) return { code: err.code, message: err.message, ...(err.data === undefined ? {} : { data: err.data }) };
  if (err instanceof SdkError) {
    if (err.code === SdkErrorCode.ConnectionClosed) return { code: -32000, message: `${err.message}${closedDetail?.() ?? ""}` };
    if (err.code === SdkErrorCode.RequestTimeout) return { code: -32001, message: err.message };
    return { code: -32603, message: err.message, data: { sdkError: err.code, ...(err.data === undefined ? {} : { detail: err.data }) } };
  }
  return { code: -32603, message: err instanceof Error ? err.message : String(err) };
}
