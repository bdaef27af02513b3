import type { IncomingHttpHeaders } from "node:http";

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/**
 * DNS-rebinding protection for a tap's facade (MCP 2025-11-25 "Transports → Streamable HTTP →
 * Security Warning"; MCP 2026-07-28 "Security & Endpoint"), as mcpscope's own guard does it:
 * the `Host` must be a loopback name (or an `--expose`d address) with mcpscope's port, and an
 * `Origin`, when sent, must be one of those hosts: any port, since a browser-based MCP client
 * on another local port may use the facade (with its token). A page on another site (a
 * rebinding attack names its own host) is refused.
 * @returns why the request is refused, or undefined.
 */
export function facadeRefusal(headers: IncomingHttpHeaders, port: number, extraHosts: string[] = []): string | undefined {
  const names = [...LOOPBACK, ...extraHosts.map((h) => h.toLowerCase())];
  const host = headers.host?.toLowerCase();
  if (!host || !names.some((n) => host === `${n}:${port}`)) return `Host header not allowed: ${host ?? "(none)"} (DNS-rebinding protection: use http://127.0.0.1:${port}/tap/…)`;
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  let hostname: string | undefined;
  try {
    const url = new URL(origin);
    hostname = url.protocol === "http:" || url.protocol === "https:" ? url.hostname.toLowerCase() : undefined;
  } catch {
    hostname = undefined;
  }
  if (!hostname || !names.includes(hostname)) return `Origin not allowed: ${origin} (DNS-rebinding protection: only pages on this machine may use a tap)`;
  return undefined;
}
