import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { StdioTarget } from "@mcpscope/protocol";
import { LineSplitter } from "../../sessions/transports/lineSplitter.js";
import { recordBody } from "../../sessions/transports/tappedFetch.js";
import { classifyLine } from "../classifyLine.js";
import { MAX_LINE_BYTES } from "../chunkFramer.js";
import type { FacadeClient, FacadeSessions } from "./facadeSessions.js";
import { jsonRpcRefusal } from "./httpRelay.js";
import { serverEnvironment } from "./serverEnvironment.js";
import type { TapDefinition } from "./tapRegistry.js";

/** Milliseconds between closing a bridged server's stdin and SIGTERM, then SIGKILL. */
const CLOSE_GRACE_MS = 2000;
/** Server messages kept for a client's GET stream while none is open. */
const BACKLOG_LIMIT = 1000;
/** Largest request body read. */
const MAX_BODY = 16 * 1024 * 1024;

type Message = { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: { _meta?: { progressToken?: unknown } } };

/** An SSE answer stream of one POST, waiting for the answers to its requests. */
interface Stream {
  res: ServerResponse;
  /** Ids (as sent to the server) still unanswered. */
  waiting: Set<string>;
  progressTokens: Set<string>;
  exchange: number;
  /** 2026-07-28: closing the stream cancels its requests. */
  cancelOnClose: boolean;
}

const key = (id: unknown) => JSON.stringify(id);

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on("error", () => resolve(undefined));
  });
}

/** One server process bridged to HTTP clients: one client session, or the shared stateless one. */
class BridgedProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly streams = new Set<Stream>();
  private getStream?: ServerResponse;
  private backlog: string[] = [];
  /** Shared (stateless) process: the ids the server sees are the bridge's own. */
  private nextId = 1;
  private readonly originalIds = new Map<string, unknown>();
  private exchanges = 0;
  exited = false;

  constructor(
    target: StdioTarget,
    readonly client: FacadeClient,
    private readonly shared: boolean,
    onExit: () => void,
  ) {
    const session = client.session;
    this.child = spawn(target.command, target.args, { env: serverEnvironment(target.env), cwd: target.cwd, stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    this.child.once("spawn", () => {
      const meta = { event: "spawned", pid: this.child.pid, command: target.command, args: target.args };
      session.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
      session.setServerPid(this.child.pid);
    });
    const stdout = new LineSplitter((text, _bytes, oversized) => !oversized && this.fromServer(text), MAX_LINE_BYTES);
    const stderr = new LineSplitter((text) => session.append({ dir: "in", kind: "stderr", raw: text }), MAX_LINE_BYTES);
    this.child.stdout.on("data", (c: Buffer) => stdout.push(c));
    this.child.stderr.on("data", (c: Buffer) => stderr.push(c));
    this.child.stdin.on("error", () => undefined);
    const exited = (meta: Record<string, unknown>, failed: boolean, why: string) => {
      if (this.exited) return;
      this.exited = true;
      session.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
      for (const stream of this.streams) stream.res.end();
      this.getStream?.end();
      session.end(failed ? "failed" : "closed", why);
      onExit();
    };
    this.child.once("error", (err) => exited({ event: "error", message: err.message }, true, `The server could not be started: ${err.message}`));
    this.child.once("close", (code, signal) => exited({ event: "exited", code, signal }, code !== 0 || signal !== null, signal ? `The server process was killed by ${signal}.` : `The server process exited with code ${String(code)}.`));
  }

  /** A POST's messages: written to the server; answered on an SSE stream when they hold requests. */
  post(res: ServerResponse, body: Buffer, messages: Message[], headers: Record<string, string>, protocolVersion: string | undefined): void {
    const exchange = ++this.exchanges;
    const session = this.client.session;
    if (session.live) recordBody(session.log, "out", body.toString("utf8"), exchange);
    const requests = messages.filter((m) => typeof m.method === "string" && m.id !== undefined && m.id !== null);
    const stream: Stream = { res, waiting: new Set(), progressTokens: new Set(), exchange, cancelOnClose: (protocolVersion ?? "") >= "2026-07-28" };
    const lines: string[] = [];
    for (const m of messages) {
      let message = m;
      if (this.shared && requests.includes(m)) {
        const id = this.nextId++;
        this.originalIds.set(key(id), m.id);
        message = { ...m, id };
      }
      if (requests.includes(m)) stream.waiting.add(key(message.id));
      const token = m.params?._meta?.progressToken;
      if (token !== undefined) stream.progressTokens.add(key(token));
      lines.push(message === m && messages.length === 1 && !/[\r\n]/.test(body.toString("utf8")) ? body.toString("utf8") : JSON.stringify(message));
    }
    this.child.stdin.write(lines.join("\n") + "\n");
    const meta = { exchange, method: "POST", url: `stdio: ${this.child.spawnfile}`, requestHeaders: headers, status: requests.length ? 200 : 202 };
    session.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta });
    if (requests.length === 0) {
      res.writeHead(202).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-accel-buffering": "no", ...(this.shared ? {} : { "mcp-session-id": this.client.sessionIdHeader! }) });
    res.flushHeaders();
    this.streams.add(stream);
    res.on("close", () => {
      if (!this.streams.delete(stream) || stream.waiting.size === 0) return;
      if (!stream.cancelOnClose || this.exited) return;
      // MCP 2026-07-28: closing a request's stream cancels it; on stdio, that is a notification.
      for (const id of stream.waiting) this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: JSON.parse(id) as unknown, reason: "The client closed the request's stream." } })}\n`);
    });
  }

  /** The client's GET stream: what the server sends outside any request's stream. */
  listen(res: ServerResponse): void {
    this.getStream?.end();
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-accel-buffering": "no" });
    res.flushHeaders();
    this.getStream = res;
    res.on("close", () => {
      if (this.getStream === res) this.getStream = undefined;
    });
    for (const line of this.backlog.splice(0)) res.write(`event: message\ndata: ${line}\n\n`);
  }

  /** Ends the server: stdin closed, then SIGTERM, then SIGKILL (MCP "Transports → stdio → Shutdown"). */
  close(): void {
    if (this.exited) return;
    this.child.stdin.end();
    const term = setTimeout(() => this.child.kill("SIGTERM"), CLOSE_GRACE_MS);
    const kill = setTimeout(() => this.child.kill("SIGKILL"), 2 * CLOSE_GRACE_MS);
    term.unref();
    kill.unref();
    this.child.once("close", () => {
      clearTimeout(term);
      clearTimeout(kill);
    });
  }

  private fromServer(text: string): void {
    const line = classifyLine(text);
    const session = this.client.session;
    if (line.kind === "invalid") {
      session.append({ dir: "in", kind: "invalid", raw: text, reason: `${line.reason} (not delivered)` });
      return;
    }
    const msg = line.msg as Message;
    let out = text.endsWith("\r") ? text.slice(0, -1) : text;
    let stream: Stream | undefined;
    if (line.kind === "response" || line.kind === "error") {
      const id = key(msg.id);
      stream = [...this.streams].find((s) => s.waiting.has(id));
      if (this.shared && this.originalIds.has(id)) {
        out = JSON.stringify({ ...msg, id: this.originalIds.get(id) });
        this.originalIds.delete(id);
      }
      stream?.waiting.delete(id);
    } else {
      const token = msg.params?._meta?.progressToken ?? (msg.params as { progressToken?: unknown } | undefined)?.progressToken;
      // Progress goes with its request; anything else with the only request under way, if
      // there is one; otherwise on the GET stream (a stdio server says nothing of which
      // request a log line belongs to).
      stream = token !== undefined ? [...this.streams].find((s) => s.progressTokens.has(key(token))) : undefined;
      if (!stream && this.streams.size === 1) stream = [...this.streams][0];
    }
    if (session.live) recordBody(session.log, "in", out, stream?.exchange ?? 0);
    if (stream) {
      stream.res.write(`event: message\ndata: ${out}\n\n`);
      if (stream.waiting.size === 0) {
        this.streams.delete(stream);
        stream.res.end();
      }
    } else if (this.getStream) this.getStream.write(`event: message\ndata: ${out}\n\n`);
    else if (this.backlog.length < BACKLOG_LIMIT) this.backlog.push(out);
  }
}

/**
 * A tap's facade in front of a stdio server: an MCP Streamable HTTP endpoint (MCP 2025-11-25
 * "Transports → Streamable HTTP") bridged to the server's stdin and stdout. Each client
 * session (an `initialize`, answered with a new `Mcp-Session-Id`) gets a server process of
 * its own; requests without a session (MCP 2026-07-28 is stateless) share one process, their
 * ids renumbered on the way in and restored on the way out. A POST with requests is answered
 * with an SSE stream that carries their responses and their progress, and ends with the last
 * response; what the server sends outside any request goes on the client's GET stream.
 */
export class StdioBridge {
  private readonly processes = new Map<string, BridgedProcess>();
  private shared?: BridgedProcess;

  constructor(
    private readonly tap: TapDefinition,
    private readonly sessions: FacadeSessions,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = this.tap.upstream as StdioTarget;
    const sessionId = req.headers["mcp-session-id"] as string | undefined;
    const known = sessionId ? this.processes.get(sessionId) : undefined;
    if (sessionId && !known) return jsonRpcRefusal(res, 404, "Session not found: it ended (its server process exited) or never existed. Start a new one with initialize.");
    if (req.method === "DELETE") {
      if (!known) return jsonRpcRefusal(res, 400, "DELETE needs the Mcp-Session-Id of the session to end.");
      known.close();
      res.writeHead(200).end();
      return;
    }
    if (req.method === "GET") {
      if (!known) return jsonRpcRefusal(res, 405, "GET opens a session's stream: send its Mcp-Session-Id (stateless requests have no stream of their own).");
      known.listen(res);
      return;
    }
    if (req.method !== "POST") return jsonRpcRefusal(res, 405, `${req.method} is not an MCP method here: POST messages, GET a session's stream, DELETE a session.`);
    const body = await readBody(req);
    if (!body) return jsonRpcRefusal(res, 413, "The request body is too large or broken.");
    let messages: Message[];
    try {
      const value = JSON.parse(body.toString("utf8")) as unknown;
      messages = (Array.isArray(value) ? value : [value]) as Message[];
      if (messages.length === 0 || messages.some((m) => typeof m !== "object" || m === null)) throw new Error("not a JSON-RPC message");
    } catch (err) {
      return jsonRpcRefusal(res, 400, `Parse error: the body is not a JSON-RPC message (${(err as Error).message}).`);
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    const protocolVersion = headers["mcp-protocol-version"];
    let bridged = known;
    if (!bridged && messages.some((m) => m.method === "initialize")) {
      const client = this.sessions.open("streamable-http");
      client.sessionIdHeader = randomUUID();
      const id = client.sessionIdHeader;
      bridged = new BridgedProcess(target, client, false, () => this.processes.delete(id));
      this.processes.set(id, bridged);
    }
    if (!bridged) {
      if (!this.shared || this.shared.exited) {
        const client = this.sessions.open("streamable-http");
        const shared = new BridgedProcess(target, client, true, () => {
          if (this.shared === shared) this.shared = undefined;
        });
        this.shared = shared;
      }
      bridged = this.shared;
    }
    bridged.post(res, body, messages, headers, protocolVersion);
  }

  /** Ends every bridged server (the tap is deleted, or mcpscope stops). */
  close(): void {
    for (const p of this.processes.values()) p.close();
    this.shared?.close();
  }
}
