import type { TransportKind } from "@mcpscope/protocol";
import type { SessionManager } from "../../sessions/sessionManager.js";
import { TappedSession } from "../tappedSession.js";
import { ExchangeRecorder } from "./exchangeRecorder.js";
import type { TapDefinition, TapRegistry } from "./tapRegistry.js";

/** Milliseconds without traffic after which a facade's stateless session ends. */
export const STATELESS_IDLE_MS = 5 * 60_000;

/** One client connection through a facade: its tapped session and its HTTP exchanges. */
export class FacadeClient {
  private exchanges = 0;
  /** Legacy HTTP+SSE: the upstream URL the client's messages go to (from the `endpoint` event). */
  upstreamEndpoint?: URL;
  /** Exchanges under way. */
  open = 0;
  /** A bridged stdio server: the `Mcp-Session-Id` mcpscope gave this client. */
  sessionIdHeader?: string;

  constructor(readonly session: TappedSession) {}

  /** A recorder for the next exchange. */
  exchange(request: { method: string; url: string; headers: Record<string, string> }): ExchangeRecorder {
    return new ExchangeRecorder(this.session, ++this.exchanges, request);
  }
}

function hasInitialize(body: Buffer): boolean {
  if (body.length === 0 || body.length > 1024 * 1024) return false;
  try {
    const value = JSON.parse(body.toString("utf8")) as unknown;
    const messages = Array.isArray(value) ? value : [value];
    return messages.some((m) => typeof m === "object" && m !== null && (m as { method?: unknown }).method === "initialize");
  } catch {
    return false;
  }
}

/**
 * Which tapped session each request through a facade belongs to. Streamable HTTP: a client
 * session is its `Mcp-Session-Id` (from the `initialize` answer); requests without one that
 * are not an `initialize` (MCP 2026-07-28 is stateless) share one session per facade, which
 * ends after five minutes without traffic. HTTP+SSE: one session per event stream.
 */
export class FacadeSessions {
  private readonly byMcpSessionId = new Map<string, FacadeClient>();
  private readonly bySessionId = new Map<string, FacadeClient>();
  private stateless?: FacadeClient;
  private idleTimer?: NodeJS.Timeout;

  constructor(
    private readonly tap: TapDefinition,
    private readonly sessions: SessionManager,
    private readonly registry: TapRegistry,
  ) {}

  /** A new client session, listed in mcpscope at once. */
  open(transport: TransportKind, serverPid?: number): FacadeClient {
    const session = new TappedSession(this.tap.upstream, { name: this.tap.name, kind: "http" }, { recordingsDir: this.sessions.recordingsDir, transport, serverPid });
    const client = new FacadeClient(session);
    this.bySessionId.set(session.id, client);
    session.onEnd(() => this.bySessionId.delete(session.id));
    this.sessions.register(session);
    this.registry.addSession(this.tap.name, session.id);
    return client;
  }

  /** The client session of a tapped session id (legacy HTTP+SSE messages carry it). */
  get(sessionId: string): FacadeClient | undefined {
    return this.bySessionId.get(sessionId);
  }

  /** The client session a Streamable HTTP request belongs to, opened when new. */
  forStreamable(mcpSessionId: string | undefined, body: Buffer, transport: TransportKind = "streamable-http"): FacadeClient {
    if (mcpSessionId) {
      const known = this.byMcpSessionId.get(mcpSessionId);
      if (known?.session.live) return known;
      // A session that began before this mcpscope watched (or one it closed): recorded from here.
      const joined = this.open(transport);
      this.bind(joined, mcpSessionId);
      return joined;
    }
    if (hasInitialize(body)) return this.open(transport);
    if (!this.stateless?.session.live) this.stateless = this.open(transport);
    return this.stateless;
  }

  /** Links a client session to the `Mcp-Session-Id` its server gave it. */
  bind(client: FacadeClient, mcpSessionId: string): void {
    if (this.byMcpSessionId.get(mcpSessionId) === client) return;
    this.byMcpSessionId.set(mcpSessionId, client);
    client.session.onEnd(() => {
      if (this.byMcpSessionId.get(mcpSessionId) === client) this.byMcpSessionId.delete(mcpSessionId);
    });
  }

  /** An exchange of `client` starts or ends: keeps the stateless session's idle clock. */
  activity(client: FacadeClient, delta: 1 | -1): void {
    client.open += delta;
    if (client !== this.stateless) return;
    clearTimeout(this.idleTimer);
    if (client.open > 0) return;
    this.idleTimer = setTimeout(() => {
      if (client.open === 0) client.session.end("closed", "No traffic for five minutes: this stateless session ended (the next request starts another).");
    }, STATELESS_IDLE_MS);
    this.idleTimer.unref();
  }

  /** Ends every client session (the facade is deleted). */
  endAll(reason: string): void {
    clearTimeout(this.idleTimer);
    for (const client of this.bySessionId.values()) client.session.end("closed", reason);
  }
}
