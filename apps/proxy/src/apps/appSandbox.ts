import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One app document the sandbox serves. */
interface AppDocumentEntry {
  html: string;
  /** The full `Content-Security-Policy` header value. */
  csp: string;
}

/** The sandbox attribute mcpscope gives app iframes, and the `sandbox` CSP directive the document carries. */
export const APP_SANDBOX_FLAGS = "allow-scripts allow-forms";

/** Documents held at once; registering one more drops the oldest. */
export const MAX_APP_DOCUMENTS = 64;
/** UTF-16 code units of HTML held at once, all documents together; past it the oldest go. */
export const MAX_APP_DOCUMENT_CHARS = 64 * 1024 * 1024;

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];
/** The loopback names a CSP source can carry: its grammar has no IPv6 literals, so not `[::1]`. */
export const CSP_LOOPBACK_NAMES = ["127.0.0.1", "localhost"];
const DOCUMENT_PATH = /^\/apps\/([A-Za-z0-9_-]{43})$/;

export interface AppSandboxOptions {
  /** Extra host names (without port) of an explicit non-loopback bind, as for the main guard. */
  extraHosts?: string[];
}

/**
 * The sandbox origin of MCP Apps (MCP Apps extension, SEP-1865 "Sandbox proxy"): a second
 * HTTP server on its own loopback port that serves nothing but app documents, each at an
 * unguessable URL, with its `Content-Security-Policy` as a response header. The header ends
 * in `sandbox allow-scripts allow-forms`, so the document runs in an opaque origin however it
 * is loaded (no cookies, no storage, no same-origin access to anything), and
 * `frame-ancestors` names only mcpscope's own origins. The main app never serves app HTML:
 * mcpscope's origin, cookie and API stay out of the app's reach (docs/SECURITY.md).
 */
export class AppSandbox {
  private readonly documents = new Map<string, AppDocumentEntry>();
  private chars = 0;
  private server?: Server;
  private listening?: { host: string; port: number };

  constructor(private readonly options: AppSandboxOptions = {}) {}

  /** Starts listening on `host` (a free port); resolves with the port. */
  async listen(host: string): Promise<number> {
    if (this.listening) return this.listening.port;
    const server = createServer((request, response) => this.handle(request, response));
    server.keepAliveTimeout = 5_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ port: 0, host }, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    this.listening = { host, port };
    return port;
  }

  /** The sandbox's port, once listening. */
  get port(): number | undefined {
    return this.listening?.port;
  }

  /**
   * The origins the sandbox answers on, as CSP sources (for mcpscope's own `frame-src`; an
   * IPv6 literal cannot be one), empty until it listens.
   */
  origins(): string[] {
    const port = this.listening?.port;
    if (port === undefined) return [];
    return [...CSP_LOOPBACK_NAMES, ...(this.options.extraHosts ?? [])].filter((name) => !name.includes(":")).map((name) => `http://${name}:${port}`);
  }

  /**
   * Holds a document and returns its id (32 random bytes, base64url): the document is at
   * `/apps/<id>` on the sandbox's port until released or pushed out by newer ones.
   * `csp` is the complete header value.
   */
  register(html: string, csp: string): string {
    const id = randomBytes(32).toString("base64url");
    this.documents.set(id, { html, csp });
    this.chars += html.length;
    for (const oldest of this.documents.keys()) {
      if (oldest === id || (this.documents.size <= MAX_APP_DOCUMENTS && this.chars <= MAX_APP_DOCUMENT_CHARS)) break;
      this.release(oldest);
    }
    return id;
  }

  /** Drops a document; true when it was held. */
  release(id: string): boolean {
    const entry = this.documents.get(id);
    if (!entry) return false;
    this.documents.delete(id);
    this.chars -= entry.html.length;
    return true;
  }

  /** How many documents are held. */
  get size(): number {
    return this.documents.size;
  }

  /** Stops listening and drops every document. */
  async close(): Promise<void> {
    this.documents.clear();
    this.chars = 0;
    const server = this.server;
    this.server = undefined;
    this.listening = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const refuse = (status: number, text: string) => {
      response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" });
      response.end(text);
    };
    const port = this.listening?.port;
    const host = request.headers.host?.toLowerCase();
    const hosts = [...LOOPBACK_NAMES, ...(this.options.extraHosts ?? [])].map((n) => `${n}:${port}`.toLowerCase());
    // DNS rebinding: only mcpscope's loopback names reach a document.
    if (!host || !hosts.includes(host)) return refuse(403, "Host not allowed.");
    if (request.method !== "GET" && request.method !== "HEAD") return refuse(405, "The app sandbox serves app documents only (GET).");
    // Only as a frame: never as a top-level page, a script or an image of another page.
    const dest = request.headers["sec-fetch-dest"];
    if (dest !== undefined && dest !== "iframe") return refuse(403, "App documents load only in mcpscope's app frame.");
    const match = DOCUMENT_PATH.exec((request.url ?? "").split("?")[0]!);
    const entry = match ? this.documents.get(match[1]!) : undefined;
    if (!entry) return refuse(404, "No such app document (it was released, or mcpscope restarted): open the app again.");
    response.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": entry.csp,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cross-Origin-Resource-Policy": "same-site",
      "Cache-Control": "no-store",
    });
    response.end(request.method === "HEAD" ? undefined : entry.html);
  }
}
