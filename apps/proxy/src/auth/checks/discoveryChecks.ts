import type { AuthCheck } from "@mcpscope/protocol";
import type { OAuthExchangeRecord } from "../../sessions/transports/tappedFetch.js";
import { challengeParam, check, isLoopbackUrl, jsonObject, quoteList, REF } from "./check.js";

/** What a 401 or 403 challenge said (RFC 6750 §3, RFC 9728 §5.1). */
export interface Challenge {
  status: number;
  header?: string;
  resourceMetadata?: string;
  scope?: string;
  error?: string;
  /** Whether the request carried an Authorization header. */
  hadToken: boolean;
}

/** Reads a challenge from an MCP exchange's status and headers. */
export function readChallenge(status: number, responseHeaders: Record<string, string>, requestHeaders: Record<string, string>): Challenge {
  const header = responseHeaders["www-authenticate"];
  return {
    status,
    ...(header ? { header } : {}),
    ...(header && challengeParam(header, "resource_metadata") ? { resourceMetadata: challengeParam(header, "resource_metadata") } : {}),
    ...(header && challengeParam(header, "scope") ? { scope: challengeParam(header, "scope") } : {}),
    ...(header && challengeParam(header, "error") ? { error: challengeParam(header, "error") } : {}),
    hadToken: Object.keys(requestHeaders).some((h) => h.toLowerCase() === "authorization"),
  };
}

/** Checks of the 401 that starts a flow. */
export function challengeChecks(c: Challenge): AuthCheck[] {
  const checks: AuthCheck[] = [];
  if (!c.header) {
    checks.push(check("www-authenticate", "fail", "A 401 carries a WWW-Authenticate challenge", REF.rfc6750Challenge, "The 401 has no WWW-Authenticate header, so a client cannot tell it needs OAuth nor where the metadata is.", 'Answer 401 with `WWW-Authenticate: Bearer resource_metadata="<your server>/.well-known/oauth-protected-resource/<path>"`.'));
    return checks;
  }
  const scheme = c.header.split(/[\s,]/)[0] ?? "";
  checks.push(
    /^(bearer|dpop)$/i.test(scheme)
      ? check("www-authenticate", "pass", "A 401 carries a Bearer challenge", REF.rfc6750Challenge, `WWW-Authenticate: ${c.header}`)
      : check("www-authenticate", "fail", "A 401 carries a Bearer challenge", REF.rfc6750Challenge, `The challenge's scheme is ${JSON.stringify(scheme)}, not Bearer.`, "Use the Bearer scheme: `WWW-Authenticate: Bearer resource_metadata=\"…\"`."),
  );
  if (c.resourceMetadata) {
    let valid = false;
    try {
      valid = ["http:", "https:"].includes(new URL(c.resourceMetadata).protocol);
    } catch {
      valid = false;
    }
    checks.push(
      valid
        ? check("resource-metadata-param", "pass", "The challenge names the protected resource metadata", REF.rfc9728Challenge, `resource_metadata="${c.resourceMetadata}"`)
        : check("resource-metadata-param", "fail", "resource_metadata is an absolute URL", REF.rfc9728Challenge, `resource_metadata="${c.resourceMetadata}" is not an absolute http(s) URL.`, "Give the full URL of the metadata document."),
    );
  } else {
    checks.push(check("resource-metadata-param", "info", "The challenge names the protected resource metadata", REF.mcpDiscovery, "No resource_metadata parameter: clients probe the well-known URIs (path-suffixed, then root).", "Add resource_metadata=\"…\" to the challenge: clients find the metadata without guessing."));
  }
  checks.push(
    c.scope
      ? check("scope-param", "pass", "The challenge names the scopes it needs", REF.mcpScope, `scope="${c.scope}": mcpscope asks for exactly these.`)
      : check("scope-param", "warn", "The challenge names the scopes it needs (SHOULD)", REF.mcpScope, "No scope parameter: clients fall back to the metadata's scopes_supported.", 'Add scope="…" with the scopes this request needs.'),
  );
  if (c.error && !c.hadToken && c.status === 401) {
    checks.push(check("no-error-without-token", "warn", "No error code when the request had no credentials", REF.rfc6750NoError, `The request carried no token, yet the challenge says error="${c.error}". Clients must not read that as "your token is bad".`, "Leave out error= when the request has no Authorization header."));
  }
  return checks;
}

/** What a protected resource metadata document said, when one was found. */
export interface ResourceMetadata {
  url: string;
  doc?: Record<string, unknown>;
  resource?: string;
  authorizationServers?: string[];
  scopesSupported?: string[];
  /** Whether the SDK can use it (a valid RFC 9728 document whose resource matches). */
  usable: boolean;
}

/** Whether `resource` may name the MCP server at `mcpUrl`: same origin, and a path that is a prefix of it (the SDK's checkResourceAllowed). */
export function resourceMatches(resource: string, mcpUrl: string): boolean {
  try {
    const r = new URL(resource);
    const m = new URL(mcpUrl);
    if (r.origin !== m.origin) return false;
    const rp = r.pathname.endsWith("/") ? r.pathname : `${r.pathname}/`;
    const mp = m.pathname.endsWith("/") ? m.pathname : `${m.pathname}/`;
    return mp.startsWith(rp);
  } catch {
    return false;
  }
}

/** Checks of the protected resource metadata probes (RFC 9728). */
export function resourceMetadataChecks(probes: OAuthExchangeRecord[], mcpUrl: string, challenge: Challenge | undefined): { checks: AuthCheck[]; found?: ResourceMetadata } {
  const checks: AuthCheck[] = [];
  const tried = probes.map((p) => `${p.url} → ${p.status ?? p.error}`).join("; ");
  const hit = probes.find((p) => p.status === 200);
  if (challenge?.resourceMetadata) {
    const named = probes.find((p) => p.url === challenge.resourceMetadata);
    if (named && named.status !== 200) {
      checks.push(check("prm-named-url", "fail", "The metadata the challenge names is served", REF.rfc9728Challenge, `${named.url} answered ${named.status ?? named.error}.`, "Serve the metadata document at the URL the challenge names, or fix the URL."));
    }
  }
  if (!hit) {
    checks.push(
      check(
        "prm-found",
        "fail",
        "The server publishes protected resource metadata",
        `${REF.rfc9728Metadata}; ${REF.mcpDiscovery}`,
        `No metadata document: ${tried || "nothing was fetched"}. The SDK then takes the MCP server's origin for the authorization server (the 2025-03-26 fallback), so later steps fail at the wrong host.`,
        `Serve {"resource": "${mcpUrl}", "authorization_servers": ["<issuer>"]} at ${wellKnownFor(mcpUrl)} (or the root /.well-known/oauth-protected-resource), and name it in the 401's resource_metadata.`,
      ),
    );
    return { checks };
  }
  checks.push(check("prm-found", "pass", "The server publishes protected resource metadata", REF.rfc9728Metadata, `Found at ${hit.url}${probes.length > 1 ? ` (tried: ${tried})` : ""}.`));
  const doc = jsonObject(hit.responseBody);
  if (!doc) {
    checks.push(check("prm-json", "fail", "The metadata is a JSON object", REF.rfc9728Metadata, "The document is not a JSON object; the SDK ignores it and falls back to the MCP server's origin.", "Serve application/json with a JSON object."));
    return { checks, found: { url: hit.url, usable: false } };
  }
  let usable = true;
  const resource = doc.resource;
  if (typeof resource !== "string") {
    usable = false;
    checks.push(check("prm-resource", "fail", "resource is present (REQUIRED)", REF.rfc9728Metadata, resource === undefined ? "The document has no resource member. The SDK silently drops such a document and falls back to the MCP server's origin as authorization server." : `resource is ${JSON.stringify(resource)}, not a string.`, `Add "resource": "${mcpUrl}".`));
  } else if (!resourceMatches(resource, mcpUrl)) {
    usable = false;
    checks.push(check("prm-resource", "fail", "resource identifies this MCP server", REF.rfc9728Validation, `resource is ${resource}, but this server is ${mcpUrl}: a token for that resource would be for another server, so clients must refuse.`, `Set "resource" to this server's canonical URL, ${mcpUrl}.`));
  } else {
    checks.push(check("prm-resource", "pass", "resource identifies this MCP server", REF.rfc9728Validation, `resource: ${resource}`));
  }
  const servers = doc.authorization_servers;
  let authorizationServers: string[] | undefined;
  if (!Array.isArray(servers)) {
    usable = false;
    checks.push(check("prm-authorization-servers", "fail", "authorization_servers is an array of issuer URLs", `${REF.rfc9728Metadata}; ${REF.mcpDiscovery}`, servers === undefined ? "The document has no authorization_servers." : `authorization_servers is ${JSON.stringify(servers)} (a ${typeof servers}), not an array. The SDK silently drops the document and falls back to the MCP server's origin.`, typeof servers === "string" ? `Write it as an array: "authorization_servers": [${JSON.stringify(servers)}].` : 'Add "authorization_servers": ["<issuer of your authorization server>"].'));
  } else if (servers.length === 0 || !servers.every((s) => typeof s === "string")) {
    usable = false;
    checks.push(check("prm-authorization-servers", "fail", "authorization_servers names at least one authorization server", REF.mcpDiscovery, `authorization_servers is ${JSON.stringify(servers)}.`, "List the issuer URL of at least one authorization server."));
  } else {
    authorizationServers = servers;
    checks.push(check("prm-authorization-servers", "pass", "authorization_servers names the authorization server", REF.mcpDiscovery, `${quoteList(servers)}${servers.length > 1 ? "; mcpscope uses the first" : ""}.`));
  }
  const scopes = doc.scopes_supported;
  let scopesSupported: string[] | undefined;
  if (scopes !== undefined) {
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === "string")) {
      usable = false;
      checks.push(check("prm-scopes-supported", "fail", "scopes_supported is an array of strings", REF.rfc9728Metadata, `scopes_supported is ${JSON.stringify(scopes)}.`, typeof scopes === "string" ? `Write it as an array: ${JSON.stringify(scopes.split(" "))}.` : "Make it an array of scope strings."));
    } else {
      scopesSupported = scopes;
      checks.push(check("prm-scopes-supported", "info", "scopes_supported (the scopes for basic use)", REF.mcpScope, scopes.length ? quoteList(scopes) : "empty"));
      if (scopes.includes("offline_access")) checks.push(check("prm-offline-access", "warn", "offline_access is not a resource scope (SHOULD NOT)", REF.mcpRefresh, "scopes_supported lists offline_access: refresh tokens are not a resource requirement.", "Remove offline_access from the resource metadata; the authorization server's metadata lists it."));
    }
  }
  if (!usable) checks.push(check("prm-usable", "fail", "The client can use the metadata", REF.rfc9728Metadata, "This document is invalid, so the SDK ignores it and takes the MCP server's origin for the authorization server; the flow then fails further on (typically a 404 at /register or at the metadata URLs)."));
  return { checks, found: { url: hit.url, doc, ...(typeof resource === "string" ? { resource } : {}), ...(authorizationServers ? { authorizationServers } : {}), ...(scopesSupported ? { scopesSupported } : {}), usable } };
}

function wellKnownFor(mcpUrl: string): string {
  try {
    const u = new URL(mcpUrl);
    return `${u.origin}/.well-known/oauth-protected-resource${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "/.well-known/oauth-protected-resource";
  }
}

/** What authorization server metadata said, when found. */
export interface AsMetadata {
  url: string;
  expectedIssuer: string;
  doc: Record<string, unknown>;
}

/** The issuer a metadata URL was built from (RFC 8414 §3.1, OIDC Discovery §4): the inverse of the well-known insertion/appending. */
export function issuerOfMetadataUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    const path = u.pathname;
    for (const prefix of ["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"]) {
      if (path.startsWith(prefix)) return `${u.origin}${path.slice(prefix.length)}`;
    }
    const appended = path.indexOf("/.well-known/openid-configuration");
    if (appended > 0) return `${u.origin}${path.slice(0, appended)}`;
  } catch {
    return undefined;
  }
  return undefined;
}

function sameIssuer(actual: unknown, expected: string): boolean {
  return typeof actual === "string" && (actual === expected || actual === expected.replace(/\/$/, "") || `${actual}/` === expected);
}

/** Checks of the authorization server metadata probes (RFC 8414, OpenID Connect Discovery). */
export function asMetadataChecks(probes: OAuthExchangeRecord[], preregistered: boolean): { checks: AuthCheck[]; found?: AsMetadata } {
  const checks: AuthCheck[] = [];
  const tried = probes.map((p) => `${p.url} → ${p.status ?? p.error}`).join("; ");
  const hit = probes.find((p) => p.status === 200 && jsonObject(p.responseBody));
  if (!hit) {
    checks.push(check("as-found", "fail", "The authorization server publishes its metadata", `${REF.rfc8414Metadata}; ${REF.mcpDiscovery}`, `No metadata: ${tried}.`, "Serve RFC 8414 metadata at /.well-known/oauth-authorization-server (with the issuer's path inserted after it), or OpenID Connect Discovery at /.well-known/openid-configuration; check that authorization_servers in the resource metadata names the right issuer."));
    return { checks };
  }
  const doc = jsonObject(hit.responseBody)!;
  const expectedIssuer = issuerOfMetadataUrl(hit.url) ?? hit.url;
  checks.push(check("as-found", "pass", "The authorization server publishes its metadata", REF.rfc8414Metadata, `Found at ${hit.url}${probes.length > 1 ? ` (tried: ${tried})` : ""}.`));
  checks.push(
    sameIssuer(doc.issuer, expectedIssuer)
      ? check("as-issuer", "pass", "issuer is the identifier the metadata URL was built from", REF.rfc8414Issuer, `issuer: ${String(doc.issuer)}`)
      : check("as-issuer", "fail", "issuer is the identifier the metadata URL was built from", REF.rfc8414Issuer, `The document says issuer ${JSON.stringify(doc.issuer)}, but it was fetched for ${expectedIssuer}. Clients must not use such metadata (it could send codes to another server).`, `Set "issuer" to exactly ${expectedIssuer} (or list the issuer your metadata names in the resource metadata's authorization_servers).`),
  );
  const missing = ["authorization_endpoint", "token_endpoint"].filter((f) => typeof doc[f] !== "string");
  checks.push(
    missing.length === 0
      ? check("as-endpoints", "pass", "authorization_endpoint and token_endpoint are given", REF.rfc8414Metadata, `authorization_endpoint: ${String(doc.authorization_endpoint)}; token_endpoint: ${String(doc.token_endpoint)}`)
      : check("as-endpoints", "fail", "authorization_endpoint and token_endpoint are given", REF.rfc8414Metadata, `Missing: ${missing.join(", ")}.`, `Add ${missing.join(" and ")} to the metadata.`),
  );
  const responseTypes = doc.response_types_supported;
  if (!Array.isArray(responseTypes) || !responseTypes.includes("code")) {
    checks.push(check("as-response-types", "fail", 'response_types_supported includes "code" (REQUIRED)', REF.rfc8414Metadata, `response_types_supported is ${JSON.stringify(responseTypes)}; the SDK refuses a server without "code".`, 'Add "response_types_supported": ["code"].'));
  }
  const methods = doc.code_challenge_methods_supported;
  if (methods === undefined) {
    checks.push(check("as-pkce", "fail", "code_challenge_methods_supported declares S256", `${REF.mcpPkce}; ${REF.rfc7636}`, "The metadata has no code_challenge_methods_supported, so the server does not declare PKCE support: MCP clients must refuse to proceed, and mcpscope does. (The SDK alone would go on.)", 'Add "code_challenge_methods_supported": ["S256"] to the metadata (and enforce PKCE).'));
  } else if (!Array.isArray(methods) || !methods.includes("S256")) {
    checks.push(check("as-pkce", "fail", "code_challenge_methods_supported declares S256", `${REF.mcpPkce}; ${REF.rfc7636}`, `code_challenge_methods_supported is ${JSON.stringify(methods)}: no S256. MCP clients must use S256 (plain is not allowed).`, 'Support S256 and list it: "code_challenge_methods_supported": ["S256"].'));
  } else {
    checks.push(check("as-pkce", "pass", "code_challenge_methods_supported declares S256", REF.mcpPkce, `code_challenge_methods_supported: ${quoteList(methods)}`));
  }
  if (typeof doc.token_endpoint === "string" && !doc.token_endpoint.startsWith("https:") && !isLoopbackUrl(doc.token_endpoint)) {
    checks.push(check("as-token-endpoint-tls", "fail", "The token endpoint uses TLS", "MCP 2026-07-28 Security Considerations → Communication Security", `${doc.token_endpoint} is plain http off loopback; the SDK refuses to send credentials there.`, "Serve the token endpoint over https."));
  }
  const cimd = doc.client_id_metadata_document_supported === true;
  const dcr = typeof doc.registration_endpoint === "string";
  checks.push(
    cimd || dcr || preregistered
      ? check("as-client-identity", "info", "A client can get an identity", REF.mcpRegistration, [cimd && "Client ID Metadata Documents supported", dcr && `Dynamic Client Registration at ${String(doc.registration_endpoint)}`, preregistered && "a pre-registered client is configured"].filter(Boolean).join("; ") + ".")
      : check("as-client-identity", "fail", "A client can get an identity", REF.mcpRegistration, "The server supports neither Client ID Metadata Documents nor Dynamic Client Registration, and no pre-registered client is configured.", "Pre-register mcpscope with the authorization server (redirect URI shown in the Auth tab) and give its id: --client-id (and --client-secret), or enable CIMD (client_id_metadata_document_supported) or DCR."),
  );
  checks.push(
    doc.authorization_response_iss_parameter_supported === true
      ? check("as-iss-supported", "pass", "The server advertises iss in authorization responses", REF.rfc9207, "authorization_response_iss_parameter_supported: true; mcpscope rejects a response without iss.")
      : check("as-iss-supported", "info", "The server advertises iss in authorization responses (SHOULD)", REF.mcpIss, "authorization_response_iss_parameter_supported is not true; an iss that is present is still compared.", 'Send iss in authorization responses and advertise "authorization_response_iss_parameter_supported": true (RFC 9207).'),
  );
  const authMethods = doc.token_endpoint_auth_methods_supported;
  if (Array.isArray(authMethods)) checks.push(check("as-token-auth-methods", "info", "Token endpoint client authentication methods", REF.rfc6749ClientAuth, quoteList(authMethods)));
  return { checks, found: { url: hit.url, expectedIssuer, doc } };
}
