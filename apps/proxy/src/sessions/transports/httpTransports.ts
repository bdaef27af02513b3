import { SSEClientTransport, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import type { HttpTarget } from "@mcpscope/protocol";
import type { SessionAuth } from "../../auth/sessionAuth.js";
import type { FrameLog } from "../frameLog.js";
import { createTappedFetch } from "./tappedFetch.js";
import type { TappedTransport } from "./tappedTransport.js";

function tap<T extends StreamableHTTPClientTransport | SSEClientTransport>(transport: T, kind: TappedTransport["kind"]): T & TappedTransport {
  return Object.assign(transport, {
    kind,
    killNow: () => {
      void transport.close();
    },
  }) as T & TappedTransport;
}

/**
 * The standard headers a 2026-07-28 POST carries beside its body (MCP 2026-07-28
 * "Transports → Streamable HTTP → Standard headers"): `Mcp-Method`, and `Mcp-Name` for
 * requests naming a tool, prompt or resource. Empty for text that is not a JSON-RPC request.
 */
function standardHeaders(text: string): Record<string, string> {
  let msg: { method?: unknown; params?: { name?: unknown; uri?: unknown } };
  try {
    msg = JSON.parse(text) as typeof msg;
  } catch {
    return {};
  }
  if (typeof msg?.method !== "string") return {};
  const name = msg.params?.name ?? msg.params?.uri;
  return { "mcp-method": msg.method, ...(typeof name === "string" ? { "mcp-name": name } : {}) };
}

/**
 * The SDK's Streamable HTTP client transport (MCP 2025-11-25 and 2026-07-28 "Transports →
 * Streamable HTTP": POST per message, JSON or SSE answers, `Mcp-Session-Id` and the GET
 * stream on handshake-era servers, `Last-Event-ID` resumption, DELETE on close) over the
 * tapped fetch, authorizing through `auth`'s OAuth provider when given.
 */
export function createStreamableHttpTransport(target: HttpTarget, log: FrameLog, auth?: SessionAuth): StreamableHTTPClientTransport & TappedTransport {
  const fetch = createTappedFetch(log, { revealSecrets: target.revealSecrets, ...(auth ? { oauth: auth.tap() } : {}) });
  const transport = tap(
    new StreamableHTTPClientTransport(new URL(target.url), {
      fetch,
      ...(auth ? { authProvider: auth.provider } : {}),
      requestInit: { headers: target.headers },
      reconnectionOptions: { initialReconnectionDelay: 200, maxReconnectionDelay: 5000, reconnectionDelayGrowFactor: 1.5, maxRetries: 5 },
    }),
    "streamable-http",
  );
  // A raw frame is POSTed like any message, with the session's headers; the tap records the
  // exchange and whatever the server answers.
  transport.sendRaw = async (text: string) => {
    const version = transport.protocolVersion;
    const token = auth?.provider.tokens()?.access_token;
    const headers: Record<string, string> = {
      ...target.headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(transport.sessionId ? { "mcp-session-id": transport.sessionId } : {}),
      ...(version ? { "mcp-protocol-version": version } : {}),
      ...(version && version >= "2026-07-28" ? standardHeaders(text) : {}),
    };
    const response = await fetch(target.url, { method: "POST", headers, body: text });
    await response.text();
  };
  return transport;
}

/**
 * The SDK's legacy HTTP+SSE client transport (MCP 2024-11-05 "Transports → HTTP with SSE":
 * GET the SSE stream, POST to the announced endpoint) over the tapped fetch.
 */
export function createSseTransport(target: HttpTarget, log: FrameLog, auth?: SessionAuth): SSEClientTransport & TappedTransport {
  return tap(
    new SSEClientTransport(new URL(target.url), {
      // The SDK opens the event stream through this fetch too, with the same headers.
      fetch: createTappedFetch(log, { revealSecrets: target.revealSecrets, ...(auth ? { oauth: auth.tap() } : {}) }),
      ...(auth ? { authProvider: auth.provider } : {}),
      requestInit: { headers: target.headers },
    }),
    "sse",
  );
}
