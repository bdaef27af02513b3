import { createHash } from "node:crypto";
import type { AuthCheck } from "@mcpscope/protocol";
import type { OAuthExchangeRecord } from "../../sessions/transports/tappedFetch.js";
import type { ClientSource } from "../sessionOAuthProvider.js";
import { check, isLoopbackUrl, jsonObject, quoteList, REF } from "./check.js";

/** A JSON member as text for a message: strings as they are, anything else as JSON. */
function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Checks of the client identity: a registration exchange, or the identity mcpscope chose. */
export function clientChecks(source: ClientSource, clientId: string, registration?: OAuthExchangeRecord): AuthCheck[] {
  if (source === "preregistered" || source === "client_credentials") {
    return [check("client-preregistered", "info", "A pre-registered client", REF.mcpRegistration, `client_id ${clientId}, given to mcpscope (no registration request).`)];
  }
  if (source === "cimd") {
    return [check("client-cimd", "info", "A Client ID Metadata Document", REF.mcpRegistration, `client_id is the document's URL, ${clientId}; the authorization server fetches it to learn mcpscope's name and redirect URIs.`)];
  }
  if (!registration) return [check("client-dcr", "info", "Dynamic Client Registration", REF.rfc7591, `client_id ${clientId}.`)];
  const checks: AuthCheck[] = [];
  const sent = jsonObject(registration.requestBody) ?? {};
  checks.push(check("dcr-application-type", typeof sent.application_type === "string" ? "pass" : "warn", "The registration names application_type", `${REF.mcpRegistration} (OpenID Connect Registration §2)`, `application_type: ${JSON.stringify(sent.application_type)}, redirect_uris: ${JSON.stringify(sent.redirect_uris)}`));
  const status = registration.status;
  const body = jsonObject(registration.responseBody);
  if (status === undefined) {
    checks.push(check("dcr-response", "fail", "The registration endpoint answers", REF.rfc7591, `The request failed: ${registration.error}.`, "Check the registration_endpoint URL in the metadata."));
    return checks;
  }
  if (status >= 400) {
    const error = body?.error ? `${text(body.error)}${body.error_description ? `: ${text(body.error_description)}` : ""}` : (registration.responseBody ?? "").slice(0, 200);
    const redirectProblem = /redirect|application_type/i.test(error);
    checks.push(
      check(
        "dcr-response",
        "fail",
        "The registration is accepted",
        REF.rfc7591,
        `${registration.url} answered ${status}: ${error || "(no body)"}.`,
        status === 404
          ? "There is no registration endpoint at this URL: publish registration_endpoint in the authorization server metadata (when the metadata was not found, the SDK guessed <origin>/register), or pre-register mcpscope and pass --client-id."
          : redirectProblem
            ? "Accept a native application's loopback redirect URI on any port (RFC 8252 §7.3) with application_type native, or pre-register mcpscope with its redirect URI (shown in the Auth tab) and pass --client-id."
            : "Accept the metadata mcpscope sends (shown in the request), or pre-register mcpscope and pass --client-id.",
      ),
    );
    return checks;
  }
  checks.push(
    status === 201
      ? check("dcr-response", "pass", "The registration answers 201 Created", REF.rfc7591, `client_id ${body?.client_id === undefined ? "(none)" : text(body.client_id)}`)
      : check("dcr-response", "warn", "The registration answers 201 Created", REF.rfc7591, `It answered ${status}; RFC 7591 §3.2.1 says 201.`, "Answer a successful registration with 201 Created."),
  );
  if (typeof body?.client_id !== "string") checks.push(check("dcr-client-id", "fail", "The registration response carries client_id", REF.rfc7591, "No client_id in the response.", "Return the issued client_id."));
  if (body?.token_endpoint_auth_method && sent.token_endpoint_auth_method && body.token_endpoint_auth_method !== sent.token_endpoint_auth_method) {
    checks.push(check("dcr-auth-method", "info", "Token endpoint authentication method", REF.rfc7591, `Asked for ${text(sent.token_endpoint_auth_method)}, the server registered ${text(body.token_endpoint_auth_method)}${body.client_secret ? " and issued a client secret" : ""}.`));
  }
  return checks;
}

/** Why a scope was chosen (the scope selection strategy). */
export interface ScopeChoice {
  scope?: string;
  why: string;
}

/** Checks of the authorization request URL (RFC 6749 §4.1.1, RFC 7636, RFC 8707). */
export function authorizationRequestChecks(url: URL, expected: { resource?: string; scope?: ScopeChoice; redirectUrl: string }): AuthCheck[] {
  const q = url.searchParams;
  const checks: AuthCheck[] = [];
  checks.push(check("response-type", q.get("response_type") === "code" ? "pass" : "fail", "response_type=code", REF.rfc6749Authz, `response_type=${q.get("response_type")}`));
  const challenge = q.get("code_challenge");
  checks.push(check("pkce-challenge", challenge && q.get("code_challenge_method") === "S256" ? "pass" : "fail", "PKCE with S256", REF.rfc7636, `code_challenge_method=${q.get("code_challenge_method")}, code_challenge ${challenge ? "sent" : "missing"}`));
  checks.push(check("state", q.get("state") ? "pass" : "fail", "state binds the response to this request", REF.rfc6749State, q.get("state") ? "A fresh random state; mcpscope accepts the response once, for this session, within 10 minutes." : "No state."));
  const resource = q.get("resource");
  checks.push(
    resource
      ? check("resource", expected.resource === undefined || resource === expected.resource ? "pass" : "warn", "resource names the MCP server", REF.mcpResource, `resource=${resource}`)
      : check("resource", "fail", "resource names the MCP server", REF.mcpResource, "No resource parameter (the protected resource metadata was not usable)."),
  );
  const redirect = q.get("redirect_uri");
  checks.push(check("redirect-uri", redirect === expected.redirectUrl ? "pass" : "warn", "redirect_uri is mcpscope's callback", "RFC 8252 §7.3 (loopback redirect)", `redirect_uri=${redirect}${isLoopbackUrl(redirect ?? "") ? " (loopback: the port may vary)" : ""}`));
  const scope = q.get("scope");
  checks.push(check("scope", "info", "Scope selection", REF.mcpScope, `${scope ? `scope=${scope}` : "no scope parameter"}${expected.scope ? ` — ${expected.scope.why}` : ""}${scope?.split(" ").includes("offline_access") ? "; offline_access added because the authorization server lists it and mcpscope asks for refresh tokens" : ""}.`));
  return checks;
}

/** Checks of an authorization response (RFC 6749 §4.1.2, RFC 9207 §2.4). */
export function authorizationResponseChecks(params: URLSearchParams, expected: { state?: string; issuer?: string; issSupported: boolean }): AuthCheck[] {
  const checks: AuthCheck[] = [];
  const state = params.get("state");
  checks.push(check("state-match", expected.state !== undefined && state === expected.state ? "pass" : "fail", "state is the one mcpscope sent", REF.rfc6749State, state ? (state === expected.state ? "state matches." : "state differs from the request's: the response is refused.") : "No state in the response.", "Echo the request's state unchanged."));
  const iss = params.get("iss");
  let issOk = true;
  if (expected.issuer === undefined) {
    checks.push(check("iss", "info", "iss matches the issuer", REF.mcpIss, "No validated authorization server metadata: nothing to compare iss with."));
  } else if (iss === null) {
    issOk = !expected.issSupported;
    checks.push(
      expected.issSupported
        ? check("iss", "fail", "iss is present when advertised", REF.mcpIss, `The metadata advertises authorization_response_iss_parameter_supported, but the response has no iss. mcpscope refuses it before the code goes anywhere.`, `Include iss=${expected.issuer} in every authorization response, including error responses (or stop advertising support).`)
        : check("iss", "info", "iss matches the issuer", REF.mcpIss, "No iss, and none is advertised: accepted (RFC 9207 is a SHOULD for servers).", `Send iss=${expected.issuer} and advertise authorization_response_iss_parameter_supported.`),
    );
  } else if (iss !== expected.issuer) {
    issOk = false;
    checks.push(check("iss", "fail", "iss matches the issuer exactly", REF.mcpIss, `iss is ${iss}, but the issuer is ${expected.issuer}. The comparison is a simple string comparison with no normalization (no trailing-slash, case or port folding); a mismatch may be a mix-up attack, so the response is refused and its error text not shown.`, `Send iss exactly as the metadata's issuer: ${expected.issuer}.`));
  } else {
    checks.push(check("iss", "pass", "iss matches the issuer exactly", REF.mcpIss, `iss=${iss}`));
  }
  const error = params.get("error");
  if (error) {
    checks.push(check("code", "fail", "The authorization server granted a code", "RFC 6749 §4.1.2.1 (error response)", issOk ? `error=${error}${params.get("error_description") ? `: ${params.get("error_description")}` : ""}` : `An error response whose iss does not match (its text is not shown: RFC 9207).`, error === "access_denied" ? "The user (or a policy) denied the request; sign in again and approve." : "See the authorization server's error; the request's parameters are in the previous step."));
  } else {
    checks.push(check("code", params.get("code") ? "pass" : "fail", "The response carries a code", "RFC 6749 §4.1.2", params.get("code") ? "code received (redacted)." : "Neither code nor error in the response."));
  }
  return checks;
}

/** The PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** How the client authenticated a token request (RFC 6749 §2.3). */
export function clientAuthMethod(record: OAuthExchangeRecord): string {
  const auth = Object.entries(record.requestHeaders).find(([h]) => h.toLowerCase() === "authorization")?.[1];
  if (auth?.toLowerCase().startsWith("basic ")) return "client_secret_basic";
  const form = new URLSearchParams(record.requestBody ?? "");
  if (form.get("client_secret")) return "client_secret_post";
  if (form.get("client_assertion")) return "private_key_jwt";
  return "none";
}

const TOKEN_ERROR_FIXES: Record<string, string> = {
  invalid_grant: "The code (or refresh token) was rejected: expired, used twice, issued to another client, a redirect_uri or resource differing from the authorization request's, or a code_verifier that does not match the challenge. The request's parameters are shown; compare them with the authorization request.",
  invalid_client: "Client authentication failed: compare the method used (above) with token_endpoint_auth_methods_supported, and the client id/secret with the registration.",
  unauthorized_client: "This client may not use this grant type: check the grant_types it was registered with.",
  invalid_target: "The resource parameter was refused: the authorization server must accept the MCP server's canonical URL as a resource (RFC 8707).",
  invalid_scope: "A requested scope is unknown to the authorization server: align the resource metadata's scopes_supported and the challenge's scope with what the authorization server issues.",
  invalid_request: "A required parameter is missing or malformed: see the request body.",
};

/** Checks of a token request and its response (code exchange, refresh, client credentials). */
export function tokenChecks(record: OAuthExchangeRecord, expected: { grant: "authorization_code" | "refresh_token" | "client_credentials"; codeChallenge?: string; resource?: string; redirectUri?: string; advertisedMethods?: unknown; requestedScope?: string }): AuthCheck[] {
  const checks: AuthCheck[] = [];
  const form = new URLSearchParams(record.requestBody ?? "");
  const ref = expected.grant === "refresh_token" ? REF.rfc6749Refresh : REF.rfc6749Token;
  if (expected.grant === "authorization_code") {
    const verifier = form.get("code_verifier");
    checks.push(
      !verifier
        ? check("pkce-verifier", "fail", "code_verifier is sent", REF.rfc7636, "No code_verifier in the token request.")
        : expected.codeChallenge && s256(verifier) !== expected.codeChallenge
          ? check("pkce-verifier", "fail", "code_verifier matches the challenge", REF.rfc7636, "BASE64URL(SHA256(code_verifier)) differs from the authorization request's code_challenge.")
          : check("pkce-verifier", "pass", "code_verifier matches the challenge", REF.rfc7636, "BASE64URL(SHA256(code_verifier)) equals the code_challenge sent (both redacted)."),
    );
    if (expected.redirectUri) checks.push(check("token-redirect-uri", form.get("redirect_uri") === expected.redirectUri ? "pass" : "fail", "redirect_uri is the authorization request's", "RFC 6749 §4.1.3", `redirect_uri=${form.get("redirect_uri")}`));
  }
  const resource = form.get("resource");
  checks.push(
    resource
      ? check("token-resource", expected.resource === undefined || resource === expected.resource ? "pass" : "fail", "resource is sent, the same as in the authorization request", REF.mcpResource, `resource=${resource}`)
      : check("token-resource", expected.resource ? "fail" : "warn", "resource is sent", REF.mcpResource, "No resource parameter in the token request."),
  );
  const method = clientAuthMethod(record);
  const advertised = Array.isArray(expected.advertisedMethods) ? (expected.advertisedMethods as string[]) : undefined;
  checks.push(check("token-client-auth", !advertised || advertised.includes(method) ? "pass" : "warn", "Client authentication is one the server advertises", REF.rfc6749ClientAuth, `${method}${advertised ? `; advertised: ${quoteList(advertised)}` : " (the server advertises none)"}`));
  if (record.status === undefined) {
    checks.push(check("token-response", "fail", "The token endpoint answers", ref, `The request failed: ${record.error}.`, "Check token_endpoint in the metadata."));
    return checks;
  }
  const body = jsonObject(record.responseBody);
  if (record.status >= 400 || !body?.access_token) {
    const error = typeof body?.error === "string" ? body.error : undefined;
    checks.push(check("token-response", "fail", "The token request is granted", REF.rfc6749TokenError, `${record.status}: ${error ?? "(no OAuth error)"}${body?.error_description ? ` — ${text(body.error_description)}` : ""}`, (error && TOKEN_ERROR_FIXES[error]) ?? "Answer 200 with a JSON token response (access_token, token_type)."));
    return checks;
  }
  checks.push(check("token-response", "pass", "The token request is granted", ref, `200; access_token received (redacted)${typeof body.expires_in === "number" ? `, expires in ${body.expires_in} s` : ""}${typeof body.scope === "string" ? `, scope "${body.scope}"` : ""}.`));
  checks.push(check("token-type", typeof body.token_type === "string" && body.token_type.toLowerCase() === "bearer" ? "pass" : "fail", "token_type is Bearer", `${REF.rfc6749Token}; ${REF.mcpTokens}`, `token_type: ${JSON.stringify(body.token_type)}`, 'Return "token_type": "Bearer".'));
  const cacheControl = Object.entries(record.responseHeaders ?? {}).find(([h]) => h.toLowerCase() === "cache-control")?.[1];
  if (!cacheControl?.includes("no-store")) checks.push(check("token-no-store", "warn", "Cache-Control: no-store on token responses", REF.rfc6749Token, `Cache-Control: ${cacheControl ?? "(none)"}`, "Send Cache-Control: no-store with every response carrying tokens."));
  if (expected.requestedScope?.split(" ").includes("offline_access") || expected.grant === "refresh_token") {
    checks.push(check("refresh-token", "info", expected.grant === "refresh_token" ? "Refresh token rotation" : "A refresh token for offline_access", REF.mcpRefresh, body.refresh_token ? (expected.grant === "refresh_token" ? "A new refresh token was issued (rotated)." : "A refresh token was issued.") : expected.grant === "refresh_token" ? "No new refresh token: the previous one is kept." : "No refresh token (the authorization server may decline)."));
  }
  return checks;
}

/** Checks of the MCP request sent with a new token. */
export function authorizedRequestChecks(status: number, challenge?: string): AuthCheck[] {
  if (status >= 200 && status < 300) return [check("authorized-request", "pass", "The MCP server accepts the token", REF.mcpTokens, `HTTP ${status} with Authorization: Bearer [redacted].`)];
  if (status === 401) return [check("authorized-request", "fail", "The MCP server accepts the token", REF.mcpTokens, `HTTP 401 right after a new token${challenge ? `: ${challenge}` : ""}.`, "The server must accept tokens its authorization server issues for its resource: check the audience it expects (the resource parameter, RFC 8707) and the issuer.")];
  return [check("authorized-request", "info", "The MCP server's answer to the authorized request", REF.mcpTokens, `HTTP ${status}.`)];
}

/** Checks of a 403 insufficient_scope challenge (step-up). */
export function stepUpChecks(challengeHeader: string | undefined, scope: string | undefined, union: string | undefined): AuthCheck[] {
  return [
    check("step-up-challenge", scope ? "pass" : "warn", "403 insufficient_scope names the scopes needed", `${REF.mcpStepUp}; RFC 6750 §3.1`, challengeHeader ? `WWW-Authenticate: ${challengeHeader}` : "No challenge.", 'Answer with `WWW-Authenticate: Bearer error="insufficient_scope", scope="<needed scopes>"`.'),
    check("step-up-union", "info", "Re-authorization asks for the union of scopes", REF.mcpStepUp, union ? `mcpscope asks for "${union}" (earlier scopes kept) and retries the request once authorized.` : "No scope to add."),
  ];
}
