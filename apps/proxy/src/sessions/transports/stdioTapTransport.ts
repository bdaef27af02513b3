import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { JSONRPCMessage } from "@modelcontextprotocol/client";
import { getDefaultEnvironment } from "@modelcontextprotocol/client/stdio";
import { classifyMessage, type StdioTarget } from "@mcpscope/protocol";
import { ApiFailure } from "../../errors.js";
import type { FrameLog } from "../frameLog.js";
import { LineSplitter, OVERSIZED_PREVIEW_BYTES } from "./lineSplitter.js";
import { parseWireMessage } from "./parseWireMessage.js";
import type { ExitInfo, TappedTransport } from "./tappedTransport.js";


/** Milliseconds between SIGTERM and SIGKILL when closing a server. */
const KILL_GRACE_MS = 2000;
const STDERR_TAIL_LINES = 20;
/** Default frame size limit: 16 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * An MCP SDK `Transport` over a child process's stdio (MCP 2025-11-25 and 2026-07-28
 * "Transports → stdio") that records every byte it moves in a `FrameLog`, before any parsing:
 * each stdout line is a frame (`invalid` with a reason when it is not JSON-RPC, and then
 * not delivered to the client), each stderr line a `stderr` frame, each sent message an
 * `out` frame with the exact text written, and spawn/exit `lifecycle` frames.
 *
 * The server runs in its own process group, so closing kills its children too.
 */
export class StdioTapTransport implements TappedTransport {
  readonly kind = "stdio" as const;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  onstarted?: () => void;

  private child?: ChildProcessWithoutNullStreams;
  private exitInfo?: ExitInfo;
  private readonly stderrTail: string[] = [];
  private closed = false;
  private exited?: Promise<void>;

  constructor(
    private readonly target: StdioTarget,
    private readonly log: FrameLog,
    /** Longest stdout line delivered as a message; longer ones become `invalid` frames. */
    private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES,
  ) {}

  /** The server's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Always `null`: stderr is read by the tap and recorded as `stderr` frames. Declared
   * because the SDK recognises a stdio-shaped transport by its `pid` and `stderr`: on stdio a
   * server that does not answer the `server/discover` probe is a legacy server (fall back to
   * `initialize`), where on HTTP silence is an outage (sdkAssumptions.test.ts).
   */
  get stderr(): null {
    return null;
  }

  /** How the process ended; undefined while it runs. */
  get exit(): ExitInfo | undefined {
    return this.exitInfo;
  }

  /** The last stderr lines, newest last. */
  get lastStderr(): readonly string[] {
    return this.stderrTail;
  }

  /**
   * Spawns the server. Resolves once the process is running.
   * @throws the spawn error (`code` ENOENT when the command is not found, EACCES …).
   */
  start(): Promise<void> {
    const { command, args, env, cwd } = this.target;
    return new Promise<void>((resolve, reject) => {
      const child = spawn(command, args, {
        env: { ...getDefaultEnvironment(), ...env },
        cwd,
        stdio: ["pipe", "pipe", "pipe"],
        detached: process.platform !== "win32",
        windowsHide: true,
      });
      this.child = child;
      const stdout = new LineSplitter((text, bytes, oversized) => this.onStdoutLine(text, bytes, oversized), this.maxFrameBytes);
      const stderr = new LineSplitter((text, bytes, oversized) => this.onStderrLine(oversized ? `${text}… (${bytes} bytes, cut)` : text), this.maxFrameBytes);
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      child.stdout.on("end", () => {
        const rest = stdout.flush();
        if (rest) this.log.append({ dir: "in", kind: "invalid", raw: rest.text, bytes: rest.bytes, reason: `unterminated line at end of stdout${rest.oversized ? ` (${rest.bytes} bytes; first ${OVERSIZED_PREVIEW_BYTES} kept)` : ""}` });
      });
      child.stderr.on("end", () => {
        const rest = stderr.flush();
        if (rest) this.onStderrLine(rest.text);
      });
      child.stdin.on("error", (err) => this.onerror?.(err));

      let spawned = false;
      child.once("spawn", () => {
        spawned = true;
        this.log.append(this.lifecycle("spawned", { pid: child.pid, command, args }));
        this.onstarted?.();
        resolve();
      });
      child.once("error", (err) => {
        if (!spawned) {
          this.closed = true;
          this.log.append(this.lifecycle("error", { message: err.message, code: (err as NodeJS.ErrnoException).code }));
          reject(err);
          return;
        }
        this.onerror?.(err);
      });
      this.exited = new Promise<void>((done) => {
        child.once("close", (code, signal) => {
          if (!spawned) return done();
          this.exitInfo = { code, signal, stderrTail: [...this.stderrTail] };
          this.log.append(this.lifecycle("exited", { code, signal }));
          this.closed = true;
          this.onclose?.();
          done();
        });
      });
    });
  }

  /** Writes one message as a line and records it exactly as written. */
  async send(message: JSONRPCMessage): Promise<void> {
    const child = this.child;
    if (!child || this.closed || !child.stdin.writable) {
      throw new Error("Not connected: the server process is not running");
    }
    const raw = JSON.stringify(message);
    // Written first and recorded right after, in the same turn: the server starts on the
    // message while it is recorded, and its answer (read on a later turn) still follows it.
    const written = new Promise<void>((resolve, reject) => {
      child.stdin.write(raw + "\n", (err) => (err ? reject(err) : resolve()));
    });
    this.log.append({ dir: "out", kind: classifyMessage(message) ?? "invalid", raw, msg: message });
    await written;
  }

  /**
   * Writes any text as one line (the raw-frame composer): recorded as sent, even when it
   * is not valid JSON-RPC. Text with line breaks would reach the server as several lines
   * while the timeline showed one frame, so valid JSON is compacted first and anything
   * else with a line break is refused.
   * @throws ApiFailure RAW_MULTILINE for text with a line break that is not valid JSON.
   */
  async sendRaw(text: string): Promise<void> {
    const child = this.child;
    if (!child || this.closed || !child.stdin.writable) throw new Error("Not connected: the server process is not running");
    const raw = oneLine(text);
    const parsed = parseWireMessage(raw);
    this.log.append(
      parsed.ok
        ? { dir: "out", kind: parsed.kind, raw, msg: parsed.msg }
        : { dir: "out", kind: "invalid", raw, reason: parsed.reason },
    );
    await new Promise<void>((resolve, reject) => child.stdin.write(raw + "\n", (err) => (err ? reject(err) : resolve())));
  }

  /**
   * Ends the server: closes stdin, sends SIGTERM to its process group, and SIGKILL after a
   * grace period (MCP 2025-11-25 "Lifecycle → Shutdown → stdio"). Resolves once it exited.
   */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exitInfo || !this.exited) return;
    child.stdin.end();
    this.signal("SIGTERM");
    const timer = setTimeout(() => this.signal("SIGKILL"), KILL_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills the process group at once (used when mcpscope itself exits). */
  killNow(): void {
    this.signal("SIGKILL");
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      if (process.platform !== "win32") process.kill(-pid, sig);
      else this.child?.kill(sig);
    } catch {
      // Already gone.
    }
  }

  private onStdoutLine(text: string, bytes: number, oversized: boolean): void {
    if (oversized) {
      const reason = `line of ${bytes} bytes exceeds the ${this.maxFrameBytes}-byte frame limit: not delivered; its first ${OVERSIZED_PREVIEW_BYTES} bytes are kept`;
      this.log.append({ dir: "in", kind: "invalid", raw: text, bytes, reason });
      return;
    }
    const line = text.endsWith("\r") ? text.slice(0, -1) : text;
    const parsed = parseWireMessage(line);
    if (!parsed.ok) {
      const reason = text.includes("\uFFFD") ? `${parsed.reason} (contains invalid UTF-8)` : parsed.reason;
      this.log.append({ dir: "in", kind: "invalid", raw: text, bytes, reason });
      return;
    }
    this.log.append({ dir: "in", kind: parsed.kind, raw: text, bytes, msg: parsed.msg });
    this.onmessage?.(parsed.msg as JSONRPCMessage);
  }

  private onStderrLine(text: string): void {
    this.stderrTail.push(text);
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    this.log.append({ dir: "in", kind: "stderr", raw: text });
  }

  private lifecycle(event: string, details: Record<string, unknown>) {
    const meta = { event, ...details };
    return { dir: "meta" as const, kind: "lifecycle" as const, raw: JSON.stringify(meta), meta };
  }
}

/**
 * The text as one stdio line (MCP 2025-11-25 "Transports → stdio": messages are
 * newline-delimited and contain no embedded newlines): valid JSON spread over several lines
 * is compacted; other text with a line break is refused.
 * @throws ApiFailure RAW_MULTILINE
 */
export function oneLine(text: string): string {
  if (!/[\r\n]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    throw new ApiFailure("RAW_MULTILINE");
  }
}
