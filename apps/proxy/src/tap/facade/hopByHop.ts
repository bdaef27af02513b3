/**
 * Headers that belong to one connection, not to the message (RFC 9110 §7.6.1 "Connection";
 * RFC 9112), plus `Proxy-Authorization`: a relay drops them and sets its own.
 */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"]);

/** The header that carries a facade's token (when it is not in the path); never forwarded. */
export const TAP_TOKEN_HEADER = "mcpscope-tap-token";

/**
 * Raw headers (`[name, value, name, value…]`, names as sent) minus hop-by-hop headers, those
 * the `Connection` header names, `Host` (the relay addresses its own upstream) and the
 * facade's token header. Everything else passes as it came, in order: `Authorization`,
 * `Mcp-Session-Id`, `MCP-Protocol-Version`, `Last-Event-ID`, cookies…
 */
export function endToEndHeaders(raw: string[], drop: string[] = []): string[] {
  const named = new Set(drop.map((d) => d.toLowerCase()));
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === "connection") for (const token of raw[i + 1]!.split(",")) named.add(token.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || named.has(name) || name === "host" || name === TAP_TOKEN_HEADER) continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}
