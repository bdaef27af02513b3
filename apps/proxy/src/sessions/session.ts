import { randomUUID } from "node:crypto";
import type { Client } from "@modelcontextprotocol/client";
import {
  type AnswerBody,
  type AuthRunBody,
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
  type SubscriptionFilter,
  type SubscriptionState,
  type TransportKind,
  type UpdateSettingsBody,
} from "@mcpscope/protocol";
import { scrubFrame } from "../auth/oauthRedaction.js";
import { type OAuthEnvironment, SessionAuth } from "../auth/sessionAuth.js";
import { ApiFailure } from "../errors.js";
import type { FrameFile } from "../recording/frameFile.js";
import { wireFrameLine } from "../recording/wireFrameLine.js";
import { ClientTasks } from "./clientTasks.js";
import { connectSession } from "./connectSession.js";
import { DEFAULT_STDIO_PROBE_TIMEOUT_MS } from "./eraSelection.js";
import { answeredVersion, describeExit, exitDetail, explainConnectFailure, stderrSuffix } from "./explainConnectFailure.js";
import { appendLifecycle, FrameLog, recordStreamCancel } from "./frameLog.js";
import { Inbox } from "./inbox.js";
import { ListenStream } from "./listenStream.js";
import { createMcpClient } from "./mcpClient.js";
import { routeInbound } from "./notificationRouting.js";
import { PendingIds } from "./pendingIds.js";
import { createSessionRecording } from "./sessionRecording.js";
import { RequestRunner } from "./requestRunner.js";
import { ServerRequestAnswerer } from "./serverRequestAnswerer.js";
import { projectSessionInfo, type ServerIdentity, serverIdentity } from "./sessionInfo.js";
import { patchSettings, requestEnvelope, timerSettings } from "./sessionSettings.js";
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
  /** What remote sessions' OAuth shares (the callback's waiting states, credentials, the origin). */
  oauth?: OAuthEnvironment;
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
  // A cancelled 2026-07-28 Streamable HTTP request leaves no message on the wire: a lifecycle frame says so.
  private readonly runner = new RequestRunner((ids, reason) => this.server?.era === "modern" && this.transportKind === "streamable-http" && recordStreamCancel(this.log, ids, reason));
  private readonly answerer: ServerRequestAnswerer;
  private readonly listen = new ListenStream(() => this.setStatus(this.status), () => this.log.recent());
  private readonly listeners = new Set<(info: SessionInfo) => void>();
  /** OAuth of a remote session (absent for stdio, or with oauth mode `off`). */
  readonly auth?: SessionAuth;
  private connecting?: Promise<void>;

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
    const pendingIds = new PendingIds();
    this.log = new FrameLog(this.id, {
      // Whatever an OAuth session holds (tokens, codes, client secret) never reaches a frame.
      annotate: (input) => pendingIds.annotate(this.auth ? scrubFrame(input, this.auth.secrets()) : input),
      ...(options.recordingsDir ? { file: this.startRecording(options.recordingsDir) } : {}),
      // A stdio frame's raw text is its message (the line read, or the JSON written): not serialized twice.
      ...(target.transport === "stdio" ? { serialize: wireFrameLine } : {}),
    });
    if (target.transport !== "stdio" && target.oauth?.mode !== "off" && options.oauth) {
      this.auth = new SessionAuth(this.id, target, this.log, options.oauth, () => this.setStatus(this.status));
    }
    this.answerer = new ServerRequestAnswerer(this.inbox, this.behaviour, () => this.roots, (key, method) => this.runner.inputRequestOrigin(key, method));
    // A person answering the inbox must not race the waiting request's timeout (an app's
    // request waits for nothing of the server's).
    this.inbox.onChange((items) => this.runner.hold(items.some((item) => item.app === undefined)));
    this.log.onAppend(this.runner.onFrame);
  }

  private get initializeTimeoutMs(): number {
    return this.target.initializeTimeoutMs ?? this.options.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS;
  }

  /**
   * Connects: picks the revision (`auto` probes with `server/discover` and falls back to the
   * `initialize` handshake; a version is pinned) and, for a URL with transport `auto`, the
   * transport (Streamable HTTP, then HTTP+SSE after a 400/404/405). See `connectSession`.
   * An OAuth server in interactive mode: returns (status `connecting`, `auth.status`
   * `required` with the authorization URL) as soon as a person must sign in; connecting
   * completes in the background once the authorization response reaches the callback.
   * @throws ApiFailure from the connection doctor (`explainConnectFailure`, `explainAuthFailure`).
   */
  async connect(): Promise<void> {
    const connecting = this.runConnect();
    this.connecting = connecting;
    if (!this.auth) return connecting;
    let stop = () => {};
    const required = new Promise<"required">((resolve) => {
      stop = this.onChange((info) => info.auth?.status === "required" && resolve("required"));
    });
    try {
      const first = await Promise.race([connecting.then(() => "done" as const), required]);
      if (first === "required") connecting.catch(() => undefined);
    } finally {
      stop();
    }
  }

  /** Resolves once connecting (OAuth included) ended: ready, or failed (never rejects). */
  settled(): Promise<void> {
    return (this.connecting ?? Promise.resolve()).catch(() => undefined);
  }

  private async runConnect(): Promise<void> {
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
      ...(this.auth ? { auth: this.auth } : {}),
    });
    if (!outcome.ok) {
      // Closed while waiting for a sign-in: it stays closed.
      if (this.closing) return;
      const frames = this.log.since(fromSeq);
      this.observedVersion = answeredVersion(frames);
      const failure =
        outcome.error instanceof ApiFailure
          ? outcome.error
          : (this.auth?.explain(outcome.error) ?? explainConnectFailure(outcome.error, { target: this.target, frames, exit: outcome.transport?.exit, initializeTimeoutMs: this.initializeTimeoutMs }));
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
    const settings = timerSettings(this.settings, timeoutMs);
    const closedDetail = () => exitDetail(this.transport?.exit);
    const envelope = requestEnvelope(this.server?.era, this.settings, this.behaviour);
    const auth = this.auth;
    if (!auth) return this.runner.run(this.client, method, params, settings, closedDetail, envelope);
    // A 403 insufficient_scope (step-up) or a 401 mid-session makes the SDK ask for a new
    // authorization; once it is done, the request is sent again (MCP 2026-07-28
    // "Authorization → Step-Up Authorization Flow"). A few rounds at most.
    for (let round = 0; ; round++) {
      try {
        return await this.runner.run(this.client, method, params, settings, closedDetail, envelope, (err) => auth.needsAuthorization(err) && round < 2);
      } catch {
        const started = performance.now();
        const reason = auth.trace.challengeStatus === 403 ? "step-up" : "expired";
        try {
          await auth.authorize(this.transport as unknown as { finishAuth(params: URLSearchParams): Promise<void> }, reason);
        } catch (authError) {
          const failure = authError instanceof ApiFailure ? authError : (auth.explain(authError) ?? new ApiFailure("OAUTH_FAILED", String(authError)));
          return { error: { code: -32603, message: `${failure.message} ${failure.hint}`, data: { mcpscope: failure.toBody().code } }, durationMs: performance.now() - started };
        }
        if (this.status !== "ready" || !this.client) throw new ApiFailure("SESSION_NOT_READY", `The session is ${this.status}.`);
      }
    }
  }

  /**
   * Opens (or, with another filter, replaces) the session's `subscriptions/listen` stream
   * (MCP 2026-07-28 "Subscriptions"); its notifications show in the frames like any other.
   * @returns the stream's state: `open` with what the server honoured, or `failed` and why.
   * @throws ApiFailure SESSION_NOT_READY, or LISTEN_NOT_IN_REVISION on a handshake-era session.
   */
  async subscribe(filter: SubscriptionFilter): Promise<SubscriptionState> {
    if (this.status !== "ready" || !this.client) throw new ApiFailure("SESSION_NOT_READY", `The session is ${this.status}.`);
    if (this.client.getProtocolEra() !== "modern") throw new ApiFailure("LISTEN_NOT_IN_REVISION");
    return this.listen.open(this.client, filter);
  }

  /** Closes the session's `subscriptions/listen` stream, if one is open. */
  async unsubscribe(): Promise<void> {
    await this.listen.close();
  }

  /**
   * Cancels an in-flight request by the JSON-RPC id of any of its legs: the SDK sends
   * `notifications/cancelled` with the reason (on 2026-07-28 Streamable HTTP it closes the
   * request's stream instead: MCP 2026-07-28 "Cancellation") and the request answers -32800.
   * @throws ApiFailure REQUEST_NOT_IN_FLIGHT when no such request is waiting.
   */
  cancel(requestId: JsonRpcId, reason: string): void {
    // The listen stream's request is in flight for as long as the stream is open.
    if (this.listen.isListenRequest(requestId)) void this.listen.close();
    else this.runner.cancel(requestId, reason);
  }

  /** Changes the request settings for requests sent from now on. */
  updateSettings(patch: UpdateSettingsBody): SessionSettings {
    this.settings = patchSettings(this.settings, patch);
    this.setStatus(this.status);
    return this.settings;
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
   * Authorizes a connected session again from a step, with edits (the Auth tab's re-run);
   * answers once a person must sign in, or once authorized.
   * @throws ApiFailure OAUTH_NOT_AVAILABLE, OAUTH_FAILED …
   */
  async rerunAuth(body: AuthRunBody): Promise<void> {
    if (!this.auth) throw new ApiFailure("OAUTH_NOT_AVAILABLE");
    const transport = this.status === "ready" ? (this.transport as unknown as { finishAuth(params: URLSearchParams): Promise<void> }) : undefined;
    await this.auth.rerun(body, transport);
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
    await this.listen.close().catch(() => undefined);
    await this.client?.close().catch(() => undefined);
    await transport?.close().catch(() => undefined);
    this.auth?.close();
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
    const subscription = this.listen.state();
    const info = projectSessionInfo({ id, createdAt, status, transportKind, target, server, transport, negotiation, observedVersion, settings, behaviour, roots, subscription, previousId, lastSeq: this.log.lastSeq, error, errorDetail });
    return this.auth ? { ...info, auth: this.auth.info() } : info;
  }

  /** Registers a listener for status changes; returns its remover. */
  onChange(listener: (info: SessionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
    else this.setStatus(exit.code === 0 && !exit.signal ? "closed" : "failed", `The server process ${describeExit(exit)}.${stderrSuffix(exit.stderrTail)}`);
    this.log.close();
  }
}
