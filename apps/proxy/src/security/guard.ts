import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiFailure } from "../errors.js";
import { tokenMatches } from "./tokens.js";

export interface GuardOptions {
  token: string;
  /** The read-only token of viewer links (team demos): GET and the live stream only. */
  viewerToken?: string;
  /** The port the proxy listens on, or a function giving it once known. */
  port: () => number;
  /** Extra host names (without port) the Host header may carry, e.g. an explicit LAN bind. */
  extraHosts?: string[];
}

/** Who a request comes from: the token's holder, or a viewer link's (read-only). */
export type Role = "presenter" | "viewer";

declare module "fastify" {
  interface FastifyRequest {
    role?: Role;
  }
}

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/** Name of the auth cookie; per port, so two mcpscope instances keep their own. */
export function cookieName(port: number): string {
  return `mcpscope_token_${port}`;
}

/** Paths reachable without the token: health, and the static web app (it holds no data). */
function isPublic(url: string): boolean {
  if (url === "/api/health" || url.startsWith("/api/health?")) return true;
  return !url.startsWith("/api/") && url !== "/api";
}

/**
 * The login part of a page URL: the `token` query parameter, and where to go once it is a
 * cookie — the same path and query without `token` (a path starting `//` becomes `/`, so the
 * redirect never leaves the origin). Undefined when the URL carries no token.
 */
export function tokenLogin(url: string): { token: string; location: string } | undefined {
  const queryAt = url.indexOf("?");
  if (queryAt < 0) return undefined;
  const query = new URLSearchParams(url.slice(queryAt + 1));
  const token = query.get("token");
  if (token === null) return undefined;
  query.delete("token");
  let path = url.slice(0, queryAt);
  if (path === "/index.html" || !path.startsWith("/") || path.startsWith("//") || path.includes("\\")) path = "/";
  const rest = query.toString();
  return { token, location: rest ? `${path}?${rest}` : path };
}

/**
 * The proxy's `onRequest` guard (docs/ARCHITECTURE.md "Security"), in this order:
 * 1. Host allow-list (loopback names with the port): DNS-rebinding defence → 403.
 * 2. Origin allow-list: a foreign or `null` Origin, or a cross-site `Sec-Fetch-Site` → 403.
 * 3. Token: `Authorization: Bearer <token>` or the httpOnly cookie, compared in constant
 *    time → 401. A page URL with `?token=…` (`/?token=…`, or a deep link such as
 *    `/sessions/<id>?tool=echo&token=…`) swaps a valid token for the cookie and redirects to
 *    the same page without the token (see `tokenLogin`).
 */
export function registerGuard(app: FastifyInstance, opts: GuardOptions): void {
  let cached: { port: number; hosts: Set<string> } | undefined;
  const allowedHosts = (): Set<string> => {
    const port = opts.port();
    if (cached?.port !== port) {
      const names = [...LOOPBACK_NAMES, ...(opts.extraHosts ?? [])];
      cached = { port, hosts: new Set(names.map((n) => `${n}:${port}`.toLowerCase())) };
    }
    return cached.hosts;
  };

  const roleOf = (presented: string | undefined): Role | undefined =>
    tokenMatches(presented, opts.token) ? "presenter" : opts.viewerToken && tokenMatches(presented, opts.viewerToken) ? "viewer" : undefined;
  const cookieToken = (request: FastifyRequest): string | undefined => {
    const header = request.headers.cookie;
    return header === undefined ? undefined : app.parseCookie(header)[cookieName(opts.port())];
  };

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    // A tap's HTTP facade (/tap/<name>/…) is an MCP endpoint for other clients: it checks Host,
    // Origin and its own per-tap token itself (routes/tapFacade.ts), never this API's token.
    if (request.url.startsWith("/tap/")) return;
    const hosts = allowedHosts();
    const host = request.headers.host?.toLowerCase();
    if (!host || !hosts.has(host)) throw new ApiFailure("FORBIDDEN_HOST", `Host header not allowed: ${host ?? "(none)"}.`);

    const url = request.url;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      let originHost: string | undefined;
      try {
        const parsed = new URL(origin);
        originHost = parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.host.toLowerCase() : undefined;
      } catch {
        originHost = undefined;
      }
      if (!originHost || !hosts.has(originHost)) {
        throw new ApiFailure("FORBIDDEN_ORIGIN", `Cross-origin request refused (Origin: ${origin}).`);
      }
    }
    const fetchSite = request.headers["sec-fetch-site"];
    // The OAuth redirect URI is reached by a cross-site top-level navigation from the
    // authorization server: `state` guards it (routes/oauth.ts), not the cookie or Fetch Metadata.
    const oauthLanding = request.method === "GET" && (url.startsWith("/oauth/callback") || url === "/oauth/close.js");
    if ((fetchSite === "cross-site" || fetchSite === "same-site") && !oauthLanding) {
      throw new ApiFailure("FORBIDDEN_ORIGIN", `Cross-site request refused (Sec-Fetch-Site: ${fetchSite}).`);
    }

    if (request.method === "GET" && isPublic(url) && url.includes("?")) {
      const login = tokenLogin(url);
      if (login) {
        if (!roleOf(login.token)) throw new ApiFailure("UNAUTHORIZED", "The token in the URL is not this mcpscope's token.");
        reply.setCookie(cookieName(opts.port()), login.token, { httpOnly: true, sameSite: "strict", path: "/" });
        return reply.redirect(login.location, 302);
      }
    }
    if (isPublic(url)) return;

    const auth = request.headers.authorization;
    // Scripts send a bearer token; only the browser's requests need their cookies parsed.
    const presented = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : cookieToken(request);
    const role = roleOf(presented);
    if (!role) throw new ApiFailure("UNAUTHORIZED");
    request.role = role;
    if (role === "viewer" && request.method !== "GET") {
      throw new ApiFailure("READ_ONLY", `Viewers cannot ${request.method} ${url.split("?")[0]}: this is a read-only viewer link.`);
    }
  });
}
