/**
 * What an MCP App's `_meta.ui` declares, turned into the policy its document is served with
 * (MCP Apps extension, SEP-1865 "UI Resource Format → Host Behavior" and "Security
 * Implications → Content Security Policy Enforcement"): the declared origins and nothing
 * more. Entries that are not origins (a keyword, a bare scheme, `*`, anything with a `;`,
 * a comma, a quote or whitespace, which could smuggle in directives) are left out and named
 * in `ignored`.
 */
export interface AppPolicy {
  /** The `Content-Security-Policy` of the declared domains (without the sandbox's own directives). */
  csp: string;
  /** The iframe `allow` attribute (Permissions Policy) of the declared permissions: `camera; microphone`. */
  allow: string;
  /** Declared entries left out, each saying why. */
  ignored: string[];
}

/** The `_meta.ui.csp` lists and the directives each feeds (SEP-1865 `McpUiResourceCsp`). */
const CSP_LISTS = ["connectDomains", "resourceDomains", "frameDomains", "baseUriDomains"] as const;
type CspList = (typeof CSP_LISTS)[number];

/** `_meta.ui.permissions` keys and their Permissions Policy features (SEP-1865 `McpUiResourcePermissions`). */
const PERMISSION_FEATURES: Record<string, string> = {
  camera: "camera",
  microphone: "microphone",
  geolocation: "geolocation",
  clipboardWrite: "clipboard-write",
};

/** Entries kept per list; a server declaring more is cut off (and told so). */
export const MAX_DOMAINS_PER_LIST = 64;

/**
 * An origin as a CSP source expression: `http`, `https`, `ws` or `wss`, a host (a wildcard
 * first label allowed: `https://*.example.com`), an optional port (or `:*`) and an optional
 * path of URL-safe characters. Nothing that could end a directive or a source list.
 */
const ORIGIN = /^(?:https?|wss?):\/\/(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::(?:\d{1,5}|\*))?(?:\/[a-z0-9._~%!$&()*+=:@/-]*)?$|^(?:https?|wss?):\/\/\[[0-9a-f:.]+\](?::(?:\d{1,5}|\*))?(?:\/[a-z0-9._~%!$&()*+=:@/-]*)?$/i;

function domainsOf(csp: Record<string, unknown>, list: CspList, ignored: string[]): string[] {
  const value = csp[list];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    ignored.push(`csp.${list}: not a list of origins (${JSON.stringify(value).slice(0, 80)})`);
    return [];
  }
  const kept: string[] = [];
  for (const entry of value) {
    if (typeof entry !== "string" || !ORIGIN.test(entry)) {
      ignored.push(`csp.${list}: ${JSON.stringify(entry).slice(0, 120)} is not an origin (scheme://host[:port])`);
    } else if (kept.length >= MAX_DOMAINS_PER_LIST) {
      ignored.push(`csp.${list}: ${entry} and the rest: more than ${MAX_DOMAINS_PER_LIST} origins`);
      break;
    } else if (!kept.includes(entry)) kept.push(entry);
  }
  return kept;
}

const sources = (...parts: (string | string[])[]): string => parts.flat().join(" ");

/**
 * Builds the policy of an app document from its declared `csp` and `permissions`, taken as
 * the server sent them (any shape). Without `csp`, the spec's restrictive default:
 * `default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';
 * img-src 'self' data:; media-src 'self' data:; connect-src 'none'`. With it, each list
 * adds its origins to its directives; `frame-src` is `'none'` and `base-uri` `'self'` unless
 * declared, `object-src` always `'none'`, and `connect-src` names only declared origins.
 */
export function appPolicy(csp: unknown, permissions: unknown): AppPolicy {
  const ignored: string[] = [];
  let declared: Record<CspList, string[]> | undefined;
  if (csp !== undefined && csp !== null) {
    if (typeof csp !== "object" || Array.isArray(csp)) ignored.push(`csp: not an object (${JSON.stringify(csp).slice(0, 80)})`);
    else {
      const record = csp as Record<string, unknown>;
      declared = { connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] };
      for (const list of CSP_LISTS) declared[list] = domainsOf(record, list, ignored);
      for (const key of Object.keys(record)) if (!(CSP_LISTS as readonly string[]).includes(key)) ignored.push(`csp.${key}: not a CSP list mcpscope knows`);
    }
  }
  const resources = declared?.resourceDomains ?? [];
  const connect = declared?.connectDomains ?? [];
  const frames = declared?.frameDomains ?? [];
  const bases = declared?.baseUriDomains ?? [];
  const directives = [
    "default-src 'none'",
    `script-src ${sources("'self' 'unsafe-inline'", resources)}`,
    `style-src ${sources("'self' 'unsafe-inline'", resources)}`,
    `img-src ${sources("'self' data:", resources)}`,
    `font-src ${sources("'self'", resources)}`,
    `media-src ${sources("'self' data:", resources)}`,
    `connect-src ${connect.length ? sources(connect) : "'none'"}`,
    `frame-src ${frames.length ? sources(frames) : "'none'"}`,
    "object-src 'none'",
    `base-uri ${bases.length ? sources(bases) : "'self'"}`,
  ];
  return { csp: directives.join("; "), allow: allowAttribute(permissions, ignored), ignored };
}

function allowAttribute(permissions: unknown, ignored: string[]): string {
  if (permissions === undefined || permissions === null) return "";
  if (typeof permissions !== "object" || Array.isArray(permissions)) {
    ignored.push(`permissions: not an object (${JSON.stringify(permissions).slice(0, 80)})`);
    return "";
  }
  const features: string[] = [];
  for (const [key, value] of Object.entries(permissions as Record<string, unknown>)) {
    const feature = Object.hasOwn(PERMISSION_FEATURES, key) ? PERMISSION_FEATURES[key] : undefined;
    if (!feature) ignored.push(`permissions.${key}: not a permission mcpscope knows (camera, microphone, geolocation, clipboardWrite)`);
    else if (value === undefined || value === null || value === false) continue;
    else features.push(feature);
  }
  return features.join("; ");
}
