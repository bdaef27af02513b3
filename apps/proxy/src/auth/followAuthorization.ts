import type { FetchLike } from "@modelcontextprotocol/client";
import { CookieJar } from "tough-cookie";

/** Most redirects followed from the authorization URL to the redirect URI. */
export const MAX_AUTHORIZATION_HOPS = 10;

/** How following an authorization URL ended. */
export type FollowOutcome =
  /** The authorization server redirected to the redirect URI: its query (code, state, iss; or error). */
  | { kind: "callback"; params: URLSearchParams; hops: number }
  /** It answered a page for a person (a login or consent form). */
  | { kind: "interaction"; status: number; url: string; hops: number }
  /** It answered an error, or redirected too often. */
  | { kind: "error"; message: string; hops: number };

function sameEndpoint(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname === b.pathname;
}

/**
 * Follows an authorization URL the way a browser would, without one (headless mode, for CI
 * and scripts): GET with `redirect: manual` and a cookie jar, at most
 * `MAX_AUTHORIZATION_HOPS` redirects, and stops at the first `Location` that points at the
 * redirect URI, reading its query without requesting it (RFC 6749 §4.1.2). A page with
 * status 200 means the authorization server wants a person; other statuses are errors.
 * Only `http:` and `https:` URLs are followed.
 */
export async function followAuthorization(authorizationUrl: URL, redirectUrl: string, fetchFn: FetchLike): Promise<FollowOutcome> {
  const jar = new CookieJar();
  const redirect = new URL(redirectUrl);
  let url = authorizationUrl;
  for (let hops = 0; hops <= MAX_AUTHORIZATION_HOPS; hops++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") return { kind: "error", message: `the authorization server redirected to a ${url.protocol} URL`, hops };
    if (sameEndpoint(url, redirect)) return { kind: "callback", params: url.searchParams, hops };
    const cookie = await jar.getCookieString(url.href);
    let response: Response;
    try {
      response = await fetchFn(url, { method: "GET", redirect: "manual", headers: { accept: "text/html,application/json;q=0.9", ...(cookie ? { cookie } : {}) } });
    } catch (err) {
      return { kind: "error", message: `could not reach ${url.origin}: ${err instanceof Error ? err.message : String(err)}`, hops };
    }
    for (const set of response.headers.getSetCookie()) await jar.setCookie(set, url.href, { ignoreError: true });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      url = new URL(location, url);
      continue;
    }
    const body = await response.text().catch(() => "");
    if (response.status === 200) return { kind: "interaction", status: response.status, url: url.href, hops };
    const preview = body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
    return { kind: "error", message: `the authorization endpoint answered HTTP ${response.status}${preview ? `: ${preview}` : ""}`, hops };
  }
  return { kind: "error", message: `more than ${MAX_AUTHORIZATION_HOPS} redirects without reaching the redirect URI`, hops: MAX_AUTHORIZATION_HOPS };
}
