import { InsecureTokenEndpointError, IssuerMismatchError, OAuthError, RegistrationRejectedError, SdkError, SdkErrorCode, UnauthorizedError } from "@modelcontextprotocol/client";
import { ApiFailure } from "../errors.js";
import { describeFetchError } from "../sessions/transports/tappedFetch.js";
import { AuthorizationRefusedError } from "./sessionOAuthProvider.js";

const DEBUGGER = "The session's Auth tab shows every step with what the specification requires.";

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The connection doctor for OAuth (MCP 2026-07-28 "Authorization"): turns an error of the
 * SDK's authorization flow, or mcpscope's own refusal, into an `ApiFailure` that says what
 * went wrong and what to change, or `undefined` when the error is not about authorization.
 * Never repeats an authorization response's `error_description` after an issuer mismatch
 * (RFC 9207: it may come from an attacker).
 */
export function explainAuthFailure(err: unknown, serverUrl: string, challenge?: string): ApiFailure | undefined {
  if (err instanceof ApiFailure) return err;
  if (err instanceof AuthorizationRefusedError) {
    return new ApiFailure(
      "OAUTH_FAILED",
      `mcpscope refused to start the authorization: ${err.message}`,
      err.check === "pkce-metadata" ? 'The authorization server must list "code_challenge_methods_supported": ["S256"] in its metadata (and enforce PKCE). ' + DEBUGGER : DEBUGGER,
    );
  }
  if (err instanceof IssuerMismatchError) {
    return err.kind === "metadata"
      ? new ApiFailure("OAUTH_FAILED", `The authorization server's metadata names issuer ${String(err.received)}, but it was fetched for ${err.expected}; a client must not use such metadata (RFC 8414 §3.3).`, `Make the metadata's "issuer" exactly ${err.expected}, or list the issuer it names in the protected resource metadata's authorization_servers. ${DEBUGGER}`)
      : new ApiFailure("OAUTH_FAILED", `The authorization response's iss ${err.received === undefined ? "is missing although the authorization server advertises it" : "does not match the issuer"} (${err.expected}): the response was refused before the code was used (RFC 9207 §2.4; a simple string comparison). The Auth tab shows the value received.`, `The authorization server must send iss exactly equal to its issuer, ${err.expected}, in every authorization response. ${DEBUGGER}`);
  }
  if (err instanceof RegistrationRejectedError) {
    return new ApiFailure("OAUTH_FAILED", `Dynamic Client Registration was refused: HTTP ${err.status}${err.body ? `: ${clip(err.body)}` : ""}.`, err.status === 404 ? `There is no registration endpoint there. If the server publishes no (valid) protected resource metadata, the SDK takes ${new URL(serverUrl).origin} for the authorization server and guesses /register. Fix the metadata, or pre-register mcpscope and pass --client-id. ${DEBUGGER}` : `Pre-register mcpscope with the authorization server and pass --client-id (and --client-secret), or make it accept the metadata mcpscope sends. ${DEBUGGER}`);
  }
  if (err instanceof InsecureTokenEndpointError) {
    return new ApiFailure("OAUTH_FAILED", `The token endpoint ${err.message.replace(/^.*?(https?:\/\/\S+).*$/, "$1")} is plain http off loopback; credentials are never sent there.`, "Serve the authorization server over https.");
  }
  if (err instanceof OAuthError) {
    const denied = err.code === "access_denied";
    return new ApiFailure("OAUTH_FAILED", `The authorization server answered ${err.code}: ${clip(err.message)}.`, denied ? "The sign-in was denied. Reconnect and approve the request." : DEBUGGER);
  }
  if (err instanceof SdkError && err.code === SdkErrorCode.ClientHttpAuthentication) {
    return new ApiFailure("OAUTH_FAILED", "The server answered 401 again right after mcpscope obtained a token for it.", `The server must accept tokens its authorization server issues for its resource (RFC 8707 audience ${serverUrl}). ${DEBUGGER}`);
  }
  if (err instanceof SdkError && err.code === SdkErrorCode.ClientHttpForbidden && /insufficient_scope/.test(err.message)) {
    return new ApiFailure("OAUTH_FAILED", "The server still answered 403 insufficient_scope after mcpscope re-authorized with the scopes it named.", `The authorization server must grant the scopes the challenge names (or the server name the scopes it really needs). ${DEBUGGER}`);
  }
  if (err instanceof UnauthorizedError) {
    return new ApiFailure("OAUTH_FAILED", `Authorization did not complete: ${err.message}.`, DEBUGGER);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/^Protected resource .* does not match expected/.test(message)) {
    return new ApiFailure("OAUTH_FAILED", `${message}: the protected resource metadata names another server as its resource, so a token for it would not be for this one (RFC 9728 §3.3).`, `Set "resource" in the metadata to ${serverUrl}. ${DEBUGGER}`);
  }
  if (/code challenge method S256/.test(message)) {
    return new ApiFailure("OAUTH_FAILED", "The authorization server does not support PKCE with S256 (its code_challenge_methods_supported lacks it).", `Support S256 and list it in code_challenge_methods_supported. ${DEBUGGER}`);
  }
  if (/does not support (dynamic client registration|response type)/i.test(message)) {
    return new ApiFailure("OAUTH_FAILED", `${message}.`, `Pre-register mcpscope and pass --client-id, or enable Dynamic Client Registration. ${DEBUGGER}`);
  }
  if (/OAuth|authorization server|metadata|client_id|token/i.test(message) || err instanceof TypeError) {
    // Discovery never got anywhere: the server wants credentials mcpscope could not obtain.
    const net = err instanceof TypeError ? describeFetchError(err) : undefined;
    return new ApiFailure(
      "SERVER_UNAUTHORIZED",
      `The server answered 401 Unauthorized${challenge ? ` (WWW-Authenticate: ${challenge})` : ""} and OAuth discovery failed: ${net ? `a metadata document or endpoint could not be fetched (${net.code ?? net.message})` : clip(message)}.`,
      `Check the resource_metadata URL of the server's WWW-Authenticate challenge and its /.well-known/oauth-protected-resource document, or send credentials as a header (Authorization: Bearer <token>). ${DEBUGGER}`,
    );
  }
  return undefined;
}
