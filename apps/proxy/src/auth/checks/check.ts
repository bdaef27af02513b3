import type { AuthCheck, AuthVerdict } from "@mcpscope/protocol";

/** References the checks cite. */
export const REF = {
  mcpDiscovery: "MCP 2026-07-28 Authorization → Authorization Server Discovery",
  mcpScope: "MCP 2026-07-28 Authorization → Scope Selection Strategy",
  mcpResource: "MCP 2026-07-28 Authorization → Resource Parameter Implementation (RFC 8707 §2)",
  mcpIss: "MCP 2026-07-28 Authorization → Authorization Response Validation (RFC 9207 §2.4)",
  mcpPkce: "MCP 2026-07-28 Security Considerations → Authorization Code Protection",
  mcpRegistration: "MCP 2026-07-28 Authorization → Client Registration",
  mcpStepUp: "MCP 2026-07-28 Authorization → Step-Up Authorization Flow",
  mcpRefresh: "MCP 2026-07-28 Authorization → Refresh Tokens",
  mcpTokens: "MCP 2026-07-28 Authorization → Access Token Usage",
  rfc9728Challenge: "RFC 9728 §5.1 (WWW-Authenticate resource_metadata)",
  rfc9728Metadata: "RFC 9728 §2 (protected resource metadata)",
  rfc9728Validation: "RFC 9728 §3.3 (resource must match)",
  rfc8414Metadata: "RFC 8414 §2 (authorization server metadata)",
  rfc8414Issuer: "RFC 8414 §3.3 (issuer must match)",
  rfc6750Challenge: "RFC 6750 §3 (WWW-Authenticate: Bearer)",
  rfc6750NoError: "RFC 6750 §3.1 (no error code without credentials)",
  rfc7591: "RFC 7591 §3.2 (client registration response)",
  rfc7636: "RFC 7636 §4 (PKCE S256)",
  rfc6749Authz: "RFC 6749 §4.1.1 (authorization request)",
  rfc6749State: "RFC 6749 §10.12 (state)",
  rfc6749Token: "RFC 6749 §5.1 (token response)",
  rfc6749TokenError: "RFC 6749 §5.2 (token error response)",
  rfc6749ClientAuth: "RFC 6749 §2.3 (client authentication)",
  rfc6749Refresh: "RFC 6749 §6 (refreshing an access token)",
  rfc9207: "RFC 9207 §2 (iss in the authorization response)",
} as const;

/** Builds a check. */
export function check(id: string, verdict: AuthVerdict, rule: string, ref: string, detail: string, fix?: string): AuthCheck {
  return { id, verdict, rule, ref, detail, ...(fix && verdict !== "pass" ? { fix } : {}) };
}

/** The worst verdict of a list of checks (`fail` > `warn` > `pass` > `info`). */
export function worst(checks: readonly AuthCheck[], fallback: AuthVerdict = "info"): AuthVerdict {
  const order: AuthVerdict[] = ["fail", "warn", "pass", "info"];
  for (const v of order) if (checks.some((c) => c.verdict === v)) return v;
  return fallback;
}

/** Parses a JSON text into an object, or undefined. */
export function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `"a", "b"` for a list. */
export function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

/** Reads `name="value"` or `name=value` out of a WWW-Authenticate header (RFC 9110 §11.6.1). */
export function challengeParam(header: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|[\\s,])${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,]+))`, "i").exec(header);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Whether a URL's host is loopback (RFC 8252 §7.3). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host === "::1";
  } catch {
    return false;
  }
}
