import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { McpError, ResultSchema } from "@modelcontextprotocol/sdk/types.js";
import type { SendRequestResult, SessionInfo, SessionStatus, StdioTarget } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { VERSION } from "../version.js";
import { FrameLog } from "./frameLog.js";
import { StdioTapTransport } from "./stdioTapTransport.js";

/** Default per-request timeout in milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** How long the server may take to answer `initialize`, in milliseconds. */
export const DEFAULT_INITIALIZE_TIMEOUT_MS = 30_000;

export interface SessionOptions {
  initializeTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/**
 * One connection to an MCP server, owned by the proxy (DESIGN.md): the SDK `Client`, the
 * tapped transport, and the session's frame log. The browser and scripts drive it over REST.
 */
export class Session {
  readonly id = randomUUID();
  readonly createdAt = Date.now();
  readonly log: FrameLog;
  private status: SessionStatus = "connecting";
  private error?: string;
  private readonly client: Client;
  private readonly transport: StdioTapTransport;
  private protocolVersion?: string;
  private readonly listeners = new Set<(info: SessionInfo) => void>();

  constructor(
    readonly target: StdioTarget,
    private readonly options: SessionOptions = {},
  ) {
    this.log = new FrameLog(this.id);
    this.transport = new StdioTapTransport(target, this.log);
    this.client = new Client({ name: "mcpscope", version: VERSION }, { capabilities: {} });
    this.client.onclose = () => this.onTransportClosed();
    this.client.onerror = () => {
      // Transport errors are recorded as frames; the SDK's report adds nothing.
    };
    this.log.onAppend((frame) => {
      if (frame.kind === "response" && frame.dir === "in" && this.protocolVersion === undefined) {
        const result = frame.msg?.result as { protocolVersion?: unknown } | undefined;
        if (typeof result?.protocolVersion === "string") this.protocolVersion = result.protocolVersion;
      }
    });
  }

  /**
   * Spawns the server and performs the initialize handshake (MCP 2025-11-25 "Lifecycle").
   * @throws ApiFailure COMMAND_NOT_FOUND, SPAWN_FAILED, INITIALIZE_TIMEOUT or CONNECT_FAILED,
   *   with a message that names the cause (exit code, last stderr lines).
   */
  async connect(): Promise<void> {
    try {
      await this.client.connect(this.transport, {
        timeout: this.options.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS,
      });
    } catch (err) {
      const failure = this.explainConnectFailure(err);
      this.setStatus("failed", `${failure.message} ${failure.hint}`);
      await this.transport.close();
      throw failure;
    }
    this.log.append({
      dir: "meta",
      kind: "lifecycle",
      raw: JSON.stringify({ event: "initialized", protocolVersion: this.protocolVersion }),
      meta: { event: "initialized", protocolVersion: this.protocolVersion, serverInfo: this.client.getServerVersion() },
    });
    this.setStatus("ready");
  }

  /**
   * Sends any client request through the SDK client and returns the server's answer
   * (MCP 2025-11-25 "Base Protocol → Requests"). Every request carries a progress token.
   * @returns `{result}` or `{error}` (a JSON-RPC error from the server, or mcpscope's own
   *   -32001 timeout / -32000 connection-closed error).
   * @throws ApiFailure SESSION_NOT_READY when the session is not connected.
   */
  async request(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<SendRequestResult> {
    if (this.status !== "ready") {
      throw new ApiFailure("SESSION_NOT_READY", `The session is ${this.status}${this.error ? `: ${this.error}` : "."}`);
    }
    try {
      const result = await this.client.request({ method, params } as never, ResultSchema, {
        timeout: timeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        onprogress: () => {
          // Setting a callback makes the SDK attach a progressToken; the frames record progress.
        },
      });
      return { result: result as Record<string, unknown> };
    } catch (err) {
      if (err instanceof McpError) {
        const prefix = `MCP error ${err.code}: `;
        const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
        return { error: { code: err.code, message, ...(err.data === undefined ? {} : { data: err.data }) } };
      }
      return { error: { code: -32603, message: (err as Error).message } };
    }
  }

  /** Closes the connection and ends the server process. */
  async close(): Promise<void> {
    if (this.status === "closed") return;
    await this.client.close();
    await this.transport.close();
    this.setStatus("closed");
  }

  /** Kills the server at once (mcpscope is exiting). */
  killNow(): void {
    this.transport.killNow();
  }

  /** The session as the API reports it. */
  info(): SessionInfo {
    const serverInfo = this.client.getServerVersion();
    const capabilities = this.client.getServerCapabilities();
    const instructions = this.client.getInstructions();
    return {
      id: this.id,
      status: this.status,
      transport: "stdio",
      target: this.target,
      createdAt: this.createdAt,
      ...(serverInfo ? { serverInfo } : {}),
      ...(capabilities ? { capabilities: capabilities as Record<string, unknown> } : {}),
      ...(this.protocolVersion ? { protocolVersion: this.protocolVersion } : {}),
      ...(instructions ? { instructions } : {}),
      ...(this.transport.pid !== undefined && !this.transport.exit ? { pid: this.transport.pid } : {}),
      lastSeq: this.log.lastSeq,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** Registers a listener for status changes; returns its remover. */
  onChange(listener: (info: SessionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setStatus(status: SessionStatus, error?: string): void {
    this.status = status;
    if (error !== undefined) this.error = error;
    const info = this.info();
    for (const listener of this.listeners) listener(info);
  }

  private onTransportClosed(): void {
    if (this.status !== "ready") return;
    const exit = this.transport.exit;
    if (!exit) return this.setStatus("closed");
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const clean = exit.code === 0 && !exit.signal;
    this.setStatus(clean ? "closed" : "failed", `The server process ${how}.${stderrSuffix(exit.stderrTail)}`);
  }

  private explainConnectFailure(err: unknown): ApiFailure {
    const e = err as NodeJS.ErrnoException;
    const { command } = this.target;
    if (e?.code === "ENOENT" && e.syscall?.startsWith("spawn")) {
      return new ApiFailure("COMMAND_NOT_FOUND", `Command not found: ${command}`);
    }
    if (e?.code === "EACCES") {
      return new ApiFailure("SPAWN_FAILED", `Permission denied running ${command}`, "Make the file executable (chmod +x) or run it through its interpreter, e.g. node server.js.");
    }
    if (e?.code && e.syscall?.startsWith("spawn")) {
      return new ApiFailure("SPAWN_FAILED", `Could not start ${command}: ${e.message}`);
    }
    const exit = this.transport.exit;
    const invalid = this.log.frames.find((f) => f.kind === "invalid" && f.dir === "in");
    if (exit) {
      const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
      return new ApiFailure(
        "CONNECT_FAILED",
        `The server process ${how} before completing initialize.${stderrSuffix(exit.stderrTail)}`,
        invalid
          ? `It also wrote non-protocol text to stdout (${JSON.stringify(invalid.raw.slice(0, 80))}): MCP servers on stdio must write only JSON-RPC messages to stdout and log to stderr.`
          : "Check the command and arguments; the stderr lines above and in the timeline say why it stopped.",
      );
    }
    if (err instanceof McpError && err.code === -32001) {
      return new ApiFailure(
        "INITIALIZE_TIMEOUT",
        `The server did not answer initialize within ${(this.options.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS) / 1000} s.`,
        invalid
          ? `It wrote non-protocol text to stdout (${JSON.stringify(invalid.raw.slice(0, 80))}): is it an MCP server speaking stdio?`
          : undefined,
      );
    }
    if (err instanceof Error && /protocol version/i.test(err.message)) {
      return new ApiFailure("CONNECT_FAILED", err.message, "The server answered with a protocol version mcpscope does not support (2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05).");
    }
    return new ApiFailure("CONNECT_FAILED", `Initialize failed: ${(err as Error)?.message ?? String(err)}`);
  }
}

function stderrSuffix(lines: readonly string[]): string {
  const tail = lines.slice(-5).filter((l) => l.trim() !== "");
  return tail.length ? ` Last stderr lines:\n${tail.join("\n")}` : "";
}
