import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { HttpTarget } from "@mcpscope/protocol";
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
 * The SDK's Streamable HTTP client transport (MCP 2025-11-25 "Transports → Streamable
 * HTTP": POST per message, JSON or SSE answers, `Mcp-Session-Id`, the GET stream,
 * `Last-Event-ID` resumption, DELETE on close) over the tapped fetch.
 */
export function createStreamableHttpTransport(target: HttpTarget, log: FrameLog): StreamableHTTPClientTransport & TappedTransport {
  const fetch = createTappedFetch(log, { revealSecrets: target.revealSecrets });
  const transport = tap(
    new StreamableHTTPClientTransport(new URL(target.url), {
      fetch,
      requestInit: { headers: target.headers },
      reconnectionOptions: { initialReconnectionDelay: 200, maxReconnectionDelay: 5000, reconnectionDelayGrowFactor: 1.5, maxRetries: 5 },
    }),
    "streamable-http",
  );
  // A raw frame is POSTed like any message, with the session's headers; the tap records the
  // exchange and whatever the server answers.
  transport.sendRaw = async (text: string) => {
    const headers: Record<string, string> = {
      ...target.headers,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(transport.sessionId ? { "mcp-session-id": transport.sessionId } : {}),
      ...(transport.protocolVersion ? { "mcp-protocol-version": transport.protocolVersion } : {}),
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
export function createSseTransport(target: HttpTarget, log: FrameLog): SSEClientTransport & TappedTransport {
  return tap(
    new SSEClientTransport(new URL(target.url), {
      // The SDK opens the event stream through this fetch too, with the same headers.
      fetch: createTappedFetch(log, { revealSecrets: target.revealSecrets }),
      requestInit: { headers: target.headers },
    }),
    "sse",
  );
}
