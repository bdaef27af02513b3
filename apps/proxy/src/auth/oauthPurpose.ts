/**
 * What an OAuth HTTP exchange is for, as mcpscope records it (`meta.oauth.purpose` of its
 * `http` frame): `prm` protected resource metadata (RFC 9728), `as-metadata` authorization
 * server metadata (RFC 8414, OpenID Connect Discovery), `register` Dynamic Client
 * Registration (RFC 7591), `token` / `refresh` / `client-credentials` token requests (RFC
 * 6749 §4.1.3, §6, §4.4), `authorize` a hop of the authorization request followed
 * headlessly (RFC 6749 §4.1.1).
 */
export type OAuthPurpose = "prm" | "as-metadata" | "register" | "token" | "refresh" | "client-credentials" | "authorize";

/** The body of a fetch as text, when it is one mcpscope can read without consuming anything. */
export function bodyText(body: unknown): string | undefined {
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  return undefined;
}

/**
 * Classifies a request the SDK (or mcpscope's headless authorizer) sends through a session's
 * fetch: an OAuth exchange by its URL and body, or `undefined` for MCP traffic. The SDK's
 * OAuth requests go through the transport's fetch too, so this is how they are told apart
 * from MCP requests and recorded without parsing their bodies as JSON-RPC.
 */
export function classifyOAuthRequest(url: string, init: { method?: string; body?: unknown } | undefined, mcpUrl: string): OAuthPurpose | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  if (path.includes("/.well-known/oauth-protected-resource")) return "prm";
  if (path.includes("/.well-known/oauth-authorization-server") || path.includes("/.well-known/openid-configuration")) return "as-metadata";
  const body = init?.body;
  if (body instanceof URLSearchParams) {
    const grant = body.get("grant_type");
    if (grant === "refresh_token") return "refresh";
    if (grant === "client_credentials") return "client-credentials";
    if (grant) return "token";
  }
  const method = (init?.method ?? "GET").toUpperCase();
  if (method === "POST" && typeof body === "string" && url !== mcpUrl) {
    try {
      const json = JSON.parse(body) as Record<string, unknown>;
      if (json && typeof json === "object" && !("jsonrpc" in json) && ("redirect_uris" in json || "client_name" in json || "grant_types" in json)) return "register";
    } catch {
      return undefined;
    }
  }
  return undefined;
}
