import type { AuthExchange } from "@mcpscope/protocol/types";

/** Quotes a string for a POSIX shell (single quotes; embedded ones closed and escaped). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Request headers curl sets or that do not belong on a command line. */
const SKIPPED = new Set(["content-length", "host", "connection", "accept-encoding"]);

/**
 * An HTTP exchange of the Auth debugger as a curl command: method, URL, headers, body, as
 * recorded (secrets `[redacted]` unless revealed).
 */
export function toCurl(exchange: Pick<AuthExchange, "method" | "url" | "requestHeaders" | "requestBody">): string {
  const parts = ["curl", "-i"];
  if (exchange.method !== "GET") parts.push("-X", exchange.method);
  parts.push(shellQuote(exchange.url));
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    if (!SKIPPED.has(name.toLowerCase())) parts.push("-H", shellQuote(`${name}: ${value}`));
  }
  if (exchange.requestBody !== undefined && exchange.requestBody !== "") parts.push("--data-raw", shellQuote(exchange.requestBody));
  return parts.join(" ");
}
