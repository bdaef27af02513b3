import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createMcpHandler } from "@modelcontextprotocol/server";
import { buildModernServer } from "./modernServer.js";

export interface ModernHttpServer {
  /** `http://127.0.0.1:<port>/mcp` */
  url: string;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, base: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  });
}

/**
 * Serves `buildModernServer` with the SDK's `createMcpHandler` (2026-07-28 per request, and
 * handshake-era traffic statelessly unless `legacy: "reject"`) on a free loopback port, over
 * plain `node:http`: a real socket for tests.
 */
export async function startModernHttpServer(opts: { legacy?: "stateless" | "reject" } = {}): Promise<ModernHttpServer> {
  const handler = createMcpHandler(() => buildModernServer(), { legacy: opts.legacy ?? "stateless", keepAliveMs: 0 });
  const server = createServer((req, res) => {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const base = `http://${req.headers.host ?? "127.0.0.1"}`;
    void (async () => {
      try {
        const response = await handler.fetch(toRequest(req, base, abort.signal));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (!response.body) return res.end();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
        res.end();
      } catch {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    async close() {
      await handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
