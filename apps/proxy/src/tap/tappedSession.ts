import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Frame, SessionInfo, SessionSettings, SessionStatus, SessionTarget, TapInfo, TransportKind } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { ReadOnlySession } from "../sessions/readOnlySession.js";
import { FrameFile } from "../recording/frameFile.js";
import { type FrameInput, FrameLog } from "../sessions/frameLog.js";
import { PendingIds } from "../sessions/pendingIds.js";
import { redactEnv, redactHeaders } from "../sessions/transports/redactHeaders.js";
import { TapHandshakeWatcher } from "./tapHandshake.js";

export interface TappedSessionOptions {
  /** Where the recording goes (`<createdAt>-<id>.jsonl`); none: frames stay in memory. */
  recordingsDir?: string;
  /** The transport between the client and the server (stdio for the shim). */
  transport: TransportKind;
  /** The server's process id, when mcpscope knows it. */
  serverPid?: number;
  /** How frames are written to the recording (`FrameLogOptions.serialize`). */
  serialize?: (frame: Frame) => string;
}

const SETTINGS: SessionSettings = { requestTimeoutMs: 60_000, resetTimeoutOnProgress: true };

/**
 * A tapped session: a real MCP client talks to a real server through the `mcpscope tap` shim
 * or a tap's HTTP facade, and this records what crosses the wire. mcpscope is not the client
 * here, so the session is read-only (like a recording) but live: frames keep arriving until
 * the connection ends. The handshake (client and server identity, capabilities, revision)
 * is read from the frames as they are recorded.
 */
export class TappedSession extends ReadOnlySession {
  readonly id = randomUUID();
  readonly createdAt = Date.now();
  readonly log: FrameLog;
  /** Path of the recording file, when recording. */
  recordingPath?: string;
  /** Tapped sessions have no inbox: the client answers the server's requests. */
  readonly inbox = { onChange: () => () => undefined };
  private status: SessionStatus = "ready";
  private error?: string;
  private serverPid?: number;
  private readonly watcher = new TapHandshakeWatcher();
  private readonly listeners = new Set<(info: SessionInfo) => void>();
  private readonly endListeners = new Set<() => void>();

  constructor(
    readonly target: SessionTarget,
    private readonly tap: TapInfo,
    private readonly options: TappedSessionOptions,
  ) {
    super();
    this.serverPid = options.serverPid;
    this.log = new FrameLog(this.id, {
      annotate: new PendingIds().annotate,
      ...(options.serialize ? { serialize: options.serialize } : {}),
      ...(options.recordingsDir ? { file: this.createRecording(options.recordingsDir) } : {}),
    });
    this.log.onAppend((frame) => {
      if (this.watcher.see(frame)) this.changed();
    });
  }

  /** True until the connection ended (or mcpscope stopped recording it). */
  get live(): boolean {
    return this.status === "ready" || this.status === "connecting";
  }

  /** Records one frame, stamped now (the HTTP facade, which sees the bytes itself). */
  append(input: FrameInput): Frame | undefined {
    if (!this.live) return undefined;
    return this.log.append(input);
  }

  /** Records a frame read and stamped elsewhere (the shim's upload), already validated. */
  appendStamped(input: FrameInput): void {
    this.log.append(input);
  }

  /** Sets the server's process id (e.g. once a bridged stdio server has spawned). */
  setServerPid(pid: number | undefined): void {
    this.serverPid = pid;
    this.changed();
  }

  /**
   * Ends the session: `closed` when the connection ended cleanly, `failed` (with why) when
   * the server crashed or the tap vanished. Flushes and closes the recording.
   */
  end(status: "closed" | "failed", error?: string): void {
    if (!this.live) return;
    this.status = status;
    if (error) this.error = error;
    this.serverPid = undefined;
    this.log.close();
    this.changed();
    for (const listener of this.endListeners) listener();
  }

  /** Registers a listener told once when the session ends; returns its remover. */
  onEnd(listener: () => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  info(): SessionInfo {
    this.log.flush();
    const h = this.watcher.handshake;
    const tap: TapInfo = { ...this.tap, ...(h.client ? { client: h.client } : {}) };
    return {
      id: this.id,
      status: this.status,
      transport: this.options.transport,
      target: this.redactedTarget(),
      createdAt: this.createdAt,
      ...(h.serverInfo ? { serverInfo: h.serverInfo } : {}),
      ...(h.capabilities ? { capabilities: h.capabilities } : {}),
      ...(h.protocolVersion ? { protocolVersion: h.protocolVersion } : {}),
      ...(h.instructions ? { instructions: h.instructions } : {}),
      ...(h.clientCapabilities ? { clientCapabilities: h.clientCapabilities } : {}),
      ...(this.serverPid !== undefined && this.live ? { pid: this.serverPid } : {}),
      settings: SETTINGS,
      lastSeq: this.log.lastSeq,
      ...(this.error ? { error: this.error } : {}),
      tap,
    };
  }

  protected refusal(): ApiFailure {
    return readOnly();
  }

  /**
   * Stops recording (the user closed the session, or mcpscope is stopping). The client and
   * server are not touched: the relay goes on, unrecorded here (the shim records the rest in
   * a local recording).
   */
  async close(): Promise<void> {
    if (!this.live) return;
    const meta = { event: "closed", by: "mcpscope", detail: "mcpscope stopped recording this tapped session; the client and server were not touched" };
    this.log.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
    this.end("closed", "mcpscope stopped recording this tapped session (the client and server went on).");
  }

  /** mcpscope is exiting: writes the frames not yet on disk. */
  killNow(): void {
    this.log.flush();
  }

  /** Registers a listener for changes; returns its remover. */
  onChange(listener: (info: SessionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (this.listeners.size === 0) return;
    const info = this.info();
    for (const listener of this.listeners) listener(info);
  }

  private redactedTarget(): SessionTarget {
    return this.target.transport === "stdio"
      ? { ...this.target, env: redactEnv(this.target.env) }
      : { ...this.target, headers: redactHeaders(this.target.headers, this.target.revealSecrets) };
  }

  private createRecording(dir: string): FrameFile {
    const stamp = new Date(this.createdAt).toISOString().replace(/[:.]/g, "-");
    this.recordingPath = join(dir, `${stamp}-${this.id}.jsonl`);
    const session = { id: this.id, createdAt: this.createdAt, transport: this.options.transport, target: this.redactedTarget(), tap: this.tap };
    return FrameFile.create(this.recordingPath, { type: "mcpscope-recording", version: 1, session });
  }
}

function readOnly(): ApiFailure {
  return new ApiFailure("TAP_READ_ONLY");
}
