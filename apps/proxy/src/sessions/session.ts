import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTaskStore } from "@modelcontextprotocol/sdk/experimental/tasks";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema, McpError, ResultSchema } from "@modelcontextprotocol/sdk/types.js";
import {
  type AnswerBody,
  type ClientBehaviour,
  ClientBehaviourSchema,
  type InboxItem,
  type JsonRpcId,
  type Root,
  type SendRequestResult,
  type SessionInfo,
  type SessionSettings,
  type SessionStatus,
  type SessionTarget,
  type TransportKind,
  type UpdateSettingsBody,
} from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { FrameFile } from "../recording/frameFile.js";
import { VERSION } from "../version.js";
import { describeExit, explainConnectFailure, stderrSuffix } from "./explainConnectFailure.js";
import { FrameLog } from "./frameLog.js";
import { holdTimeouts } from "./holdTimeouts.js";
import { Inbox } from "./inbox.js";
import { PendingIds } from "./pendingIds.js";
import { createTransports } from "./transports/createTransports.js";
import type { TappedTransport } from "./transports/tappedTransport.js";
import { redactEnv, redactHeaders } from "./transports/redactHeaders.js";

/** Default per-request timeout in milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** How long the server may take to answer `initialize`, in milliseconds. */
export const DEFAULT_INITIALIZE_TIMEOUT_MS = 30_000;

export interface SessionOptions {
  initializeTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Directory for recordings (`<createdAt>-<id>.jsonl`); none: frames stay in memory only. */
  recordingsDir?: string;
}

/**
 * What mcpscope declares in `initialize` (MCP 2025-11-25 "Lifecycle → Capability
 * Negotiation"): sampling, elicitation in form mode (with defaults applied to fields the user
 * leaves alone, SEP-1034) and URL mode, and roots with change notifications; each can be
 * switched off per session.
 */
function clientCapabilities(enabled: ClientBehaviour["capabilities"]): Record<string, unknown> {
  const taskRequests = {
    ...(enabled.sampling ? { sampling: { createMessage: {} } } : {}),
    ...(enabled.elicitation ? { elicitation: { create: {} } } : {}),
  };
  return {
    ...(enabled.sampling ? { sampling: {} } : {}),
    ...(enabled.elicitation ? { elicitation: { form: { applyDefaults: true }, url: {} } } : {}),
    ...(enabled.roots ? { roots: { listChanged: true } } : {}),
    // Tasks (MCP 2025-11-25, experimental): the server may ask mcpscope to run a sampling or
    // elicitation request as a task and poll it with tasks/get and tasks/result.
    ...(Object.keys(taskRequests).length ? { tasks: { list: {}, cancel: {}, requests: taskRequests } } : {}),
  };
}

/** Milliseconds since `started` (a `performance.now()` reading), to the microsecond. */
function millisSince(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/**
 * The progress callback of every request: setting one makes the SDK attach a progressToken;
 * the frames record the progress. One function for all requests, not a closure per call.
 */
function ignoreProgress(): void {}

/** HTTP statuses after which `auto` falls back from Streamable HTTP to HTTP+SSE (spec "Backwards Compatibility"). */
const FALLBACK_STATUSES = new Set([400, 404, 405]);

/**
 * One connection to an MCP server, owned by the proxy (docs/ARCHITECTURE.md "The shape: the proxy owns the session"): the SDK `Client`, the
 * tapped transport, and the session's frame log. The browser and scripts drive it over REST.
 */
export class Session {
  readonly id = randomUUID();
  readonly createdAt = Date.now();
  readonly log: FrameLog;
  private status: SessionStatus = "connecting";
  private error?: string;
  private client: Client;
  private transport?: TappedTransport;
  private transportKind: TransportKind;
  private protocolVersion?: string;
  private closing = false;
  private errorDetail?: { code: string; hint: string };
  private settings: SessionSettings;
  private readonly behaviour: ClientBehaviour;
  private roots: Root[];
  /** Server→client requests waiting for an answer. */
  readonly inbox: Inbox;
  private stopHoldingTimeouts?: () => void;
  private readonly inFlight = new Map<JsonRpcId, { controller: AbortController; cancelled?: string; timedOut?: string }>();
  private readonly listeners = new Set<(info: SessionInfo) => void>();

  constructor(
    readonly target: SessionTarget,
    private readonly options: SessionOptions = {},
    /** The session this one reconnects, if any. */
    readonly previousId?: string,
  ) {
    this.behaviour = ClientBehaviourSchema.parse(target.client ?? {});
    this.roots = this.behaviour.roots;
    this.inbox = new Inbox(this.id);
    this.settings = { requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, resetTimeoutOnProgress: true };
    this.transportKind = target.transport === "auto" ? "streamable-http" : target.transport;
    this.log = new FrameLog(this.id, {
      annotate: new PendingIds().annotate,
      ...(options.recordingsDir ? { file: this.createRecording(options.recordingsDir) } : {}),
    });
    this.client = this.newClient();
    this.log.onAppend((frame) => {
      if (frame.kind === "response" && frame.dir === "in" && this.protocolVersion === undefined) {
        const result = frame.msg?.result as { protocolVersion?: unknown } | undefined;
        if (typeof result?.protocolVersion === "string") this.protocolVersion = result.protocolVersion;
      }
    });
  }

  private get initializeTimeoutMs(): number {
    return this.target.initializeTimeoutMs ?? this.options.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS;
  }

  /**
   * Opens the transport and performs the initialize handshake (MCP 2025-11-25 "Lifecycle").
   * A URL with transport `auto` tries Streamable HTTP, then HTTP+SSE after a 400/404/405.
   * @throws ApiFailure from the connection doctor (`explainConnectFailure`).
   */
  async connect(): Promise<void> {
    const candidates = createTransports(this.target, this.log);
    for (let i = 0; i < candidates.length; i++) {
      const transport = candidates[i]!();
      this.transport = transport;
      this.transportKind = transport.kind;
      if (i > 0) this.client = this.newClient();
      try {
        await this.client.connect(transport, { timeout: this.initializeTimeoutMs });
        break;
      } catch (err) {
        const status = this.lastHttpStatus();
        if (i < candidates.length - 1 && status !== undefined && FALLBACK_STATUSES.has(status)) {
          const meta = { event: "fallback", from: transport.kind, to: "sse", reason: `HTTP ${status}` };
          this.log.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
          await transport.close().catch(() => undefined);
          continue;
        }
        const failure = explainConnectFailure(err, {
          target: this.target,
          frames: this.log.recent(),
          exit: transport.exit,
          initializeTimeoutMs: this.initializeTimeoutMs,
        });
        this.errorDetail = { code: failure.toBody().code, hint: failure.hint };
        this.setStatus("failed", `${failure.message} ${failure.hint}`);
        await transport.close().catch(() => undefined);
        this.log.close();
        throw failure;
      }
    }
    this.skipUnhandledNotifications();
    const meta = { event: "initialized", transport: this.transportKind, protocolVersion: this.protocolVersion, serverInfo: this.client.getServerVersion() };
    this.log.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
    this.setStatus("ready");
  }

  /**
   * Sends any client request through the SDK client and returns the server's answer
   * (MCP 2025-11-25 "Base Protocol → Requests"). Every request carries a progress token.
   * @returns `{result}` or `{error}` (a JSON-RPC error from the server, or the SDK's
   *   -32001 timeout / -32000 connection-closed error, the latter saying why it closed).
   * @throws ApiFailure SESSION_NOT_READY when the session is not connected.
   */
  async request(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<SendRequestResult> {
    if (this.status !== "ready") {
      throw new ApiFailure("SESSION_NOT_READY", `The session is ${this.status}${this.error ? `: ${this.error}` : "."}`);
    }
    const started = performance.now();
    const { requestTimeoutMs, resetTimeoutOnProgress, maxTotalTimeoutMs } = this.settings;
    // The SDK numbers requests from this counter (Protocol.request, SDK 1.32); reading it
    // first tells which JSON-RPC id this request gets, so it can be cancelled by that id.
    const id = (this.client as unknown as { _requestMessageId: number })._requestMessageId;
    const entry: { controller: AbortController; cancelled?: string; timedOut?: string } = { controller: new AbortController() };
    this.inFlight.set(id, entry);
    // The SDK checks maxTotalTimeout only when progress arrives; this timer makes it hold
    // when none does.
    const totalTimer =
      maxTotalTimeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            entry.timedOut = `Request timed out: the maximum total timeout of ${maxTotalTimeoutMs} ms passed`;
            entry.controller.abort(entry.timedOut);
          }, maxTotalTimeoutMs);
    try {
      const result = await this.client.request({ method, params }, ResultSchema, {
        timeout: timeoutMs ?? requestTimeoutMs,
        resetTimeoutOnProgress,
        ...(maxTotalTimeoutMs === undefined ? {} : { maxTotalTimeout: maxTotalTimeoutMs }),
        signal: entry.controller.signal,
        onprogress: ignoreProgress,
      });
      return { result, durationMs: millisSince(started) };
    } catch (err) {
      if (entry.cancelled !== undefined) return { error: { code: -32800, message: `Cancelled: ${entry.cancelled}` }, durationMs: millisSince(started) };
      if (entry.timedOut !== undefined) return { error: { code: -32001, message: entry.timedOut }, durationMs: millisSince(started) };
      if (err instanceof McpError) {
        const prefix = `MCP error ${err.code}: `;
        let message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
        const exit = this.transport?.exit;
        if (err.code === -32000 && exit) message = `${message}: the server process ${describeExit(exit)}.${stderrSuffix(exit.stderrTail)}`;
        return { error: { code: err.code, message, ...(err.data === undefined ? {} : { data: err.data }) }, durationMs: millisSince(started) };
      }
      return { error: { code: -32603, message: (err as Error).message }, durationMs: millisSince(started) };
    } finally {
      clearTimeout(totalTimer);
      this.inFlight.delete(id);
    }
  }

  /**
   * Cancels an in-flight request by its JSON-RPC id: the SDK sends `notifications/cancelled`
   * with the reason (MCP 2025-11-25 "Utilities → Cancellation") and the request answers
   * -32800.
   * @throws ApiFailure REQUEST_NOT_IN_FLIGHT when no such request is waiting.
   */
  cancel(requestId: JsonRpcId, reason: string): void {
    const entry = this.inFlight.get(requestId);
    if (!entry) throw new ApiFailure("REQUEST_NOT_IN_FLIGHT", `No request with id ${JSON.stringify(requestId)} is in flight in this session.`);
    entry.cancelled = reason;
    entry.controller.abort(reason);
  }

  /** Changes the request settings for requests sent from now on. */
  updateSettings(patch: UpdateSettingsBody): SessionSettings {
    const { maxTotalTimeoutMs, ...rest } = patch;
    const next: SessionSettings = { ...this.settings, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
    if (maxTotalTimeoutMs === null) delete next.maxTotalTimeoutMs;
    else if (maxTotalTimeoutMs !== undefined) next.maxTotalTimeoutMs = maxTotalTimeoutMs;
    this.settings = next;
    this.setStatus(this.status);
    return next;
  }

  /**
   * Sends any text to the server as one message, as it is (the raw-frame composer). The
   * frame is recorded by the transport's tap.
   * @throws ApiFailure SESSION_NOT_READY, or RAW_NOT_SUPPORTED on a transport that cannot.
   */
  async sendRaw(text: string): Promise<void> {
    if (this.status !== "ready" || !this.transport) throw new ApiFailure("SESSION_NOT_READY", `The session is ${this.status}.`);
    if (!this.transport.sendRaw) throw new ApiFailure("RAW_NOT_SUPPORTED", `Raw frames cannot be sent over the ${this.transport.kind} transport yet.`);
    await this.transport.sendRaw(text);
  }

  /**
   * Answers a sampling or elicitation request: with the canned answer if there is one, else
   * from the inbox. When the server asks for a task (`params.task`), answers at once with
   * the created task and stores the result when it comes; the SDK's task store then serves
   * the server's tasks/get and tasks/result.
   */
  private async answerServerRequest(
    request: { method: string; params: Record<string, unknown> },
    extra: RequestHandlerExtra<never, never>,
    canned: Record<string, unknown> | undefined,
  ): Promise<Record<string, unknown>> {
    const answer = (signal: AbortSignal) => (canned ? Promise.resolve(canned) : this.inbox.wait(request.method, extra.requestId, request.params, signal));
    const task = request.params.task as { ttl?: number } | undefined;
    const store = extra.taskStore;
    if (!task || !store) return answer(extra.signal);
    const created = await store.createTask({ ttl: task.ttl ?? null });
    answer(new AbortController().signal).then(
      (result) => store.storeTaskResult(created.taskId, "completed", result as never),
      (err: Error) => store.storeTaskResult(created.taskId, "failed", { content: [{ type: "text", text: err.message }], isError: true }),
    );
    return { task: created };
  }

  /** Answers a waiting server request. @throws ApiFailure INBOX_ITEM_GONE */
  answer(itemId: string, body: AnswerBody): void {
    this.inbox.answer(itemId, body);
  }

  /** Pending server requests. */
  pending(): InboxItem[] {
    return this.inbox.list();
  }

  /**
   * Replaces the roots `roots/list` answers with and, when connected, sends
   * `notifications/roots/list_changed` (MCP 2025-11-25 "Client Features → Roots").
   * @throws ApiFailure ROOTS_DISABLED when the session does not declare roots.
   */
  async setRoots(roots: Root[]): Promise<void> {
    if (!this.behaviour.capabilities.roots) throw new ApiFailure("ROOTS_DISABLED");
    this.roots = roots;
    if (this.status === "ready") await this.client.sendRootsListChanged();
    this.setStatus(this.status);
  }

  /** Closes the connection: DELETE for Streamable HTTP sessions, ends a stdio server process. */
  async close(): Promise<void> {
    if (this.status === "closed" || this.closing) return;
    this.closing = true;
    const transport = this.transport;
    if (transport && "terminateSession" in transport && transport.sessionId) {
      await (transport as unknown as { terminateSession(): Promise<void> }).terminateSession().catch(() => undefined);
    }
    await this.client.close().catch(() => undefined);
    await transport?.close().catch(() => undefined);
    const meta = { event: "closed", by: "user" };
    this.log.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
    this.inbox.clear();
    this.setStatus("closed");
    this.log.close();
  }

  /** Ends the connection at once (mcpscope is exiting); writes the frames not yet on disk. */
  killNow(): void {
    this.transport?.killNow();
    this.log.flush();
  }

  /** The session as the API reports it; secret header values are redacted. */
  info(): SessionInfo {
    // The reported lastSeq must be on disk (a crash of mcpscope loses nothing it has shown).
    this.log.flush();
    const serverInfo = this.client.getServerVersion();
    const capabilities = this.client.getServerCapabilities();
    const instructions = this.client.getInstructions();
    const target = this.redactedTarget();
    const pid = this.transport?.pid;
    return {
      id: this.id,
      status: this.status,
      transport: this.transportKind,
      target,
      createdAt: this.createdAt,
      ...(serverInfo ? { serverInfo } : {}),
      ...(capabilities ? { capabilities } : {}),
      ...(this.protocolVersion ? { protocolVersion: this.protocolVersion } : {}),
      ...(instructions ? { instructions } : {}),
      ...(pid !== undefined && !this.transport?.exit ? { pid } : {}),
      settings: this.settings,
      clientCapabilities: clientCapabilities(this.behaviour.capabilities),
      roots: this.roots,
      ...(this.previousId ? { previousId: this.previousId } : {}),
      lastSeq: this.log.lastSeq,
      ...(this.error ? { error: this.error } : {}),
      ...(this.errorDetail ? { errorCode: this.errorDetail.code, errorHint: this.errorDetail.hint } : {}),
    };
  }

  /** Registers a listener for status changes; returns its remover. */
  onChange(listener: (info: SessionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The target with secret env and header values redacted (docs/ARCHITECTURE.md "Security"). */
  private redactedTarget(): SessionTarget {
    return this.target.transport === "stdio"
      ? { ...this.target, env: redactEnv(this.target.env) }
      : { ...this.target, headers: redactHeaders(this.target.headers, this.target.revealSecrets) };
  }

  /** Path of the recording file, when recording. */
  recordingPath?: string;

  private createRecording(dir: string): FrameFile {
    const stamp = new Date(this.createdAt).toISOString().replace(/[:.]/g, "-");
    this.recordingPath = join(dir, `${stamp}-${this.id}.jsonl`);
    const session = { id: this.id, createdAt: this.createdAt, transport: this.transportKind, target: this.redactedTarget(), ...(this.previousId ? { previousId: this.previousId } : {}) };
    return FrameFile.create(this.recordingPath, { type: "mcpscope-recording", version: 1, session });
  }

  private newClient(): Client {
    const enabled = this.behaviour.capabilities;
    const client = new Client({ name: "mcpscope", version: VERSION }, { capabilities: clientCapabilities(enabled), taskStore: new InMemoryTaskStore() });
    const { autoAnswer } = this.behaviour;
    if (enabled.sampling) client.setRequestHandler(CreateMessageRequestSchema, (request, extra) => this.answerServerRequest(request, extra, autoAnswer.sampling) as never);
    if (enabled.elicitation) client.setRequestHandler(ElicitRequestSchema, (request, extra) => this.answerServerRequest(request, extra, autoAnswer.elicitation) as never);
    if (enabled.roots) client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: this.roots }));
    // A person answering the inbox must not race the waiting request's timeout.
    const timeouts = holdTimeouts(client, () => this.inbox.list().length > 0);
    this.stopHoldingTimeouts?.();
    this.stopHoldingTimeouts = this.inbox.onChange(() => timeouts.update());
    client.onclose = () => this.onTransportClosed();
    client.onerror = () => {
      // Transport errors are recorded as frames; the SDK's report adds nothing.
    };
    return client;
  }

  /**
   * Stops passing notifications the SDK client has no handler for (e.g. a flood of
   * `notifications/message`) to it: they are already recorded, and the SDK would run up to
   * four zod parses on each only to drop it. Progress and cancellation still reach it.
   */
  private skipUnhandledNotifications(): void {
    const transport = this.transport;
    const deliver = transport?.onmessage;
    if (!transport || !deliver) return;
    // The SDK keeps its handlers here (Protocol, SDK 1.32).
    const handlers = (this.client as unknown as { _notificationHandlers: Map<string, unknown> })._notificationHandlers;
    transport.onmessage = (message, extra) => {
      const m = message as { id?: unknown; method?: unknown };
      if (m.id === undefined && typeof m.method === "string" && !handlers.has(m.method) && !this.client.fallbackNotificationHandler) return;
      deliver(message, extra);
    };
  }

  private lastHttpStatus(): number | undefined {
    for (let i = this.log.recent().length - 1; i >= 0; i--) {
      const frame = this.log.recent()[i]!;
      if (frame.kind === "http" && typeof frame.meta?.status === "number") return frame.meta.status;
    }
    return undefined;
  }

  private setStatus(status: SessionStatus, error?: string): void {
    this.status = status;
    if (error !== undefined) this.error = error;
    const info = this.info();
    for (const listener of this.listeners) listener(info);
  }

  private onTransportClosed(): void {
    if (this.status !== "ready" || this.closing) return;
    const exit = this.transport?.exit;
    if (!exit) this.setStatus("failed", "The connection to the server closed.");
    else {
      const clean = exit.code === 0 && !exit.signal;
      this.setStatus(clean ? "closed" : "failed", `The server process ${describeExit(exit)}.${stderrSuffix(exit.stderrTail)}`);
    }
    this.log.close();
  }
}
