import { randomUUID } from "node:crypto";
import type { Client } from "@modelcontextprotocol/client";
import {
  type AnswerBody,
  type ClientBehaviour,
  ClientBehaviourSchema,
  type InboxItem,
  type JsonRpcId,
  type Negotiation,
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
import type { FrameFile } from "../recording/frameFile.js";
import { ClientTasks } from "./clientTasks.js";
import { connectSession } from "./connectSession.js";
import { DEFAULT_STDIO_PROBE_TIMEOUT_MS } from "./eraSelection.js";
import { describeExit, explainConnectFailure, stderrSuffix } from "./explainConnectFailure.js";
import { appendLifecycle, FrameLog } from "./frameLog.js";
import { Inbox } from "./inbox.js";
import { createMcpClient } from "./mcpClient.js";
import { routeInbound } from "./notificationRouting.js";
import { PendingIds } from "./pendingIds.js";
import { createSessionRecording } from "./sessionRecording.js";
import { RequestRunner } from "./requestRunner.js";
import { ServerRequestAnswerer } from "./serverRequestAnswerer.js";
import { projectSessionInfo, type ServerIdentity, serverIdentity } from "./sessionInfo.js";
import type { TappedTransport } from "./transports/tappedTransport.js";
import { redactTarget } from "./transports/redactHeaders.js";

/** Default per-request timeout in milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** How long the server may take to answer `initialize` (or `server/discover`), in milliseconds. */
export const DEFAULT_INITIALIZE_TIMEOUT_MS = 30_000;

export interface SessionOptions {
  initializeTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Longest wait for a stdio server's answer to the `server/discover` probe (default 5,000 ms). */
  stdioProbeTimeoutMs?: number;
  /** Directory for recordings (`<createdAt>-<id>.jsonl`); none: frames stay in memory only. */
  recordingsDir?: string;
}

/**
 * One connection to an MCP server, owned by the proxy: the SDK v2 `Client` on a tapped
 * transport, and the session's frame log. The browser and scripts drive it over REST.
 * Connecting (era and transport fallback) is `connectSession`, running requests
 * `RequestRunner`, answering the server `ServerRequestAnswerer` and `ClientTasks`, the
 * report `projectSessionInfo`; this class holds them together and owns the status.
 */
export class Session {
  readonly id = randomUUID();
  readonly createdAt = Date.now();
  readonly log: FrameLog;
  /** Server→client requests waiting for an answer. */
  readonly inbox: Inbox;
  /** Path of the recording file, when recording. */
  recordingPath?: string;
  private status: SessionStatus = "connecting";
  private error?: string;
  private errorDetail?: { code: string; hint: string };
  private client?: Client;
  private transport?: TappedTransport;
  private transportKind: TransportKind;
  private negotiation?: Negotiation;
  private server?: ServerIdentity;
  private observedVersion?: string;
  private tasks?: ClientTasks;
  private closing = false;
  private settings: SessionSettings;
  private readonly behaviour: ClientBehaviour;
  private roots: Root[];
  private readonly runner = new RequestRunner((ids, reason) => this.recordStreamCancel(ids, reason));
  private readonly answerer: ServerRequestAnswerer;
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
      ...(options.recordingsDir ? { file: this.startRecording(options.recordingsDir) } : {}),
    });
    this.answerer = new ServerRequestAnswerer(this.inbox, this.behaviour, () => this.roots, (key, method) => this.runner.inputRequestOrigin(key, method));
    // A person answering the inbox must not race the waiting request's timeout.
    this.inbox.onChange((items) => this.runner.hold(items.length > 0));
    this.log.onAppend(this.runner.onFrame);
  }

  private get initializeTimeoutMs(): number {
    return this.target.initializeTimeoutMs ?? this.options.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS;
  }

  /**
   * Connects: picks the revision (`auto` probes with `server/discover` and falls back to the
   * `initialize` handshake; a version is pinned) and, for a URL with transport `auto`, the
   * transport (Streamable HTTP, then HTTP+SSE after a 400/404/405). See `connectSession`.
   * @throws ApiFailure from the connection doctor (`explainConnectFailure`).
   */
  async connect(): Promise<void> {
    const fromSeq = this.log.lastSeq;
    const outcome = await connectSession({
      target: this.target,
      log: this.log,
      initializeTimeoutMs: this.initializeTimeoutMs,
      stdioProbeTimeoutMs: this.options.stdioProbeTimeoutMs ?? DEFAULT_STDIO_PROBE_TIMEOUT_MS,
      newClient: (era) => createMcpClient(this.behaviour, this.answerer, era, (client) => client === this.client && this.onTransportClosed()),
      onAttempt: (transport) => {
        this.transport = transport;
        this.transportKind = transport.kind;
      },
    });
    if (!outcome.ok) {
      // The revision an initialize answer named, for a session that failed after it.
      const frames = this.log.since(fromSeq);
      const answered = frames.find((f) => f.dir === "in" && typeof (f.msg?.result as { protocolVersion?: unknown } | undefined)?.protocolVersion === "string");
      this.observedVersion = (answered?.msg?.result as { protocolVersion?: string } | undefined)?.protocolVersion;
      const failure =
        outcome.error instanceof ApiFailure
          ? outcome.error
          : explainConnectFailure(outcome.error, { target: this.target, frames, exit: outcome.transport?.exit, initializeTimeoutMs: this.initializeTimeoutMs });
      this.errorDetail = { code: failure.toBody().code, hint: failure.hint };
      this.setStatus("failed", `${failure.message} ${failure.hint}`);
      await outcome.transport?.close().catch(() => undefined);
      this.log.close();
      throw failure;
    }
    const { client, transport, negotiation } = outcome.connection;
    this.client = client;
    this.negotiation = negotiation;
    this.server = serverIdentity(client);
    const tasks = new ClientTasks((message) => transport.send(message), (method, id, params, signal) => this.answerer.answer(method, id, params, signal));
    this.tasks = tasks;
    routeInbound(transport, (request) => client.getProtocolEra() === "legacy" && tasks.handle(request));
    if (client.getProtocolEra() === "legacy") {
      appendLifecycle(this.log, { event: "initialized", transport: this.transportKind, protocolVersion: client.getNegotiatedProtocolVersion(), serverInfo: client.getServerVersion() });
    }
    this.setStatus("ready");
  }

  /**
   * Sends any client request (MCP "Base Protocol → Requests") and returns the server's
   * answer; see `RequestRunner.run` for the shapes.
   * @throws ApiFailure SESSION_NOT_READY when the session is not connected.
   */
  async request(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<SendRequestResult> {
    if (this.status !== "ready" || !this.client) {
      throw new ApiFailure("SESSION_NOT_READY", `The session is ${this.status}${this.error ? `: ${this.error}` : "."}`);
    }
    const { requestTimeoutMs, resetTimeoutOnProgress, maxTotalTimeoutMs } = this.settings;
    const settings = { idleMs: timeoutMs ?? requestTimeoutMs, resetOnProgress: resetTimeoutOnProgress, ...(maxTotalTimeoutMs === undefined ? {} : { maxTotalMs: maxTotalTimeoutMs }) };
    return this.runner.run(this.client, method, params, settings, () => {
      const exit = this.transport?.exit;
      return exit ? `: the server process ${describeExit(exit)}.${stderrSuffix(exit.stderrTail)}` : "";
    });
  }

  /**
   * Cancels an in-flight request by the JSON-RPC id of any of its legs: the SDK sends
   * `notifications/cancelled` with the reason (on 2026-07-28 Streamable HTTP it closes the
   * request's stream instead: MCP 2026-07-28 "Cancellation") and the request answers -32800.
   * @throws ApiFailure REQUEST_NOT_IN_FLIGHT when no such request is waiting.
   */
  cancel(requestId: JsonRpcId, reason: string): void {
    this.runner.cancel(requestId, reason);
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

  /** Answers a waiting server request. @throws ApiFailure INBOX_ITEM_GONE */
  answer(itemId: string, body: AnswerBody): void {
    this.inbox.answer(itemId, body);
  }

  /** Pending server requests. */
  pending(): InboxItem[] {
    return this.inbox.list();
  }

  /**
   * Replaces the roots `roots/list` answers with and, on a handshake-era connection, sends
   * `notifications/roots/list_changed` (MCP 2025-11-25 "Client Features → Roots"; 2026-07-28
   * removed the notification: the next `roots/list` input request gets the new roots).
   * @throws ApiFailure ROOTS_DISABLED when the session does not declare roots.
   */
  async setRoots(roots: Root[]): Promise<void> {
    if (!this.behaviour.capabilities.roots) throw new ApiFailure("ROOTS_DISABLED");
    this.roots = roots;
    if (this.status === "ready" && this.client?.getProtocolEra() === "legacy") await this.client.sendRootsListChanged();
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
    await this.client?.close().catch(() => undefined);
    await transport?.close().catch(() => undefined);
    appendLifecycle(this.log, { event: "closed", by: "user" });
    this.inbox.clear();
    this.tasks?.clear();
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
    const { id, createdAt, status, transportKind, server, transport, negotiation, observedVersion, settings, behaviour, roots, previousId, error, errorDetail } = this;
    const target = redactTarget(this.target);
    return projectSessionInfo({ id, createdAt, status, transportKind, target, server, transport, negotiation, observedVersion, settings, behaviour, roots, previousId, lastSeq: this.log.lastSeq, error, errorDetail });
  }

  /** Registers a listener for status changes; returns its remover. */
  onChange(listener: (info: SessionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A 2026-07-28 Streamable HTTP request is cancelled by closing its response stream, which
   * puts no message on the wire (MCP 2026-07-28 "Cancellation"): a `cancelled` lifecycle frame
   * says so in the timeline, naming the request.
   */
  private recordStreamCancel(requestIds: JsonRpcId[], reason: string): void {
    if (this.server?.era !== "modern" || this.transportKind !== "streamable-http" || requestIds.length === 0) return;
    appendLifecycle(this.log, { event: "cancelled", requestId: requestIds.at(-1), reason, via: "closed the request's response stream" });
  }

  private startRecording(dir: string): FrameFile {
    const { path, file } = createSessionRecording(dir, { id: this.id, createdAt: this.createdAt, transport: this.transportKind, target: redactTarget(this.target), ...(this.previousId ? { previousId: this.previousId } : {}) });
    this.recordingPath = path;
    return file;
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
