import { auth, type FetchLike, type StoredOAuthTokens, UnauthorizedError } from "@modelcontextprotocol/client";
import { type AuthRunBody, type HttpTarget, type OAuthSettings, OAuthSettingsSchema, type SessionAuth as SessionAuthInfo } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import type { FrameLog } from "../sessions/frameLog.js";
import { createOAuthFetch, createTappedFetch, type OAuthTap } from "../sessions/transports/tappedFetch.js";
import { AuthTrace } from "./authTrace.js";
import { CALLBACK_PATH, CLIENT_METADATA_PATH } from "./oauthPaths.js";
import type { CredentialStore } from "./credentialStore.js";
import { explainAuthFailure } from "./explainAuthFailure.js";
import { followAuthorization } from "./followAuthorization.js";
import type { PendingAuthorizations } from "./pendingAuthorizations.js";
import { type AuthorizationRequest, type ClientSource, SessionOAuthProvider } from "./sessionOAuthProvider.js";

/** What every session's OAuth shares in one proxy: the waiting authorizations, the credentials, mcpscope's origin. */
export interface OAuthEnvironment {
  pending: PendingAuthorizations;
  store: CredentialStore;
  /** mcpscope's origin (`http://127.0.0.1:<port>`) once it listens; the redirect URI is `<origin>/oauth/callback`. */
  origin(): string | undefined;
}

/** A transport that can finish an authorization (`finishAuth` of the SDK's HTTP transports). */
export interface FinishingTransport {
  finishAuth(params: URLSearchParams): Promise<void>;
}

interface Waiter {
  request: AuthorizationRequest;
  transport: FinishingTransport;
  resolve(): void;
  reject(err: unknown): void;
  timer: NodeJS.Timeout;
}

/**
 * One remote session's OAuth (MCP 2025-11-25 and 2026-07-28 "Authorization"), built on the
 * SDK's `OAuthClientProvider` support: the provider (`SessionOAuthProvider`) is given to the
 * HTTP transports, which run discovery, registration, PKCE, refresh and step-up themselves;
 * this class does what happens between the SDK asking to open an authorization URL and
 * `finishAuth`: in `interactive` mode it publishes the URL (SessionInfo `auth`) and waits
 * for the response at mcpscope's callback (state checked, single use, 10 minutes); in
 * `headless` mode it follows the URL itself (`followAuthorization`). Every step is
 * recorded and judged by the `AuthTrace`; secrets are scrubbed from every frame.
 */
export class SessionAuth {
  readonly settings: OAuthSettings;
  readonly provider: SessionOAuthProvider;
  readonly trace: AuthTrace;
  readonly redirectUrl: string;
  private status: SessionAuthInfo["status"] = "none";
  private reason?: string;
  private error?: string;
  private waitingUrl?: string;
  private waitingExpiresAt?: number;
  private clientId?: string;
  private clientSource?: ClientSource;
  private tokenInfo?: { scope?: string; expiresAt?: number; refresh: boolean };
  private lastRequest?: AuthorizationRequest;
  private readonly waiters = new Map<string, Waiter>();
  private readonly codes = new Set<string>();
  private readonly fetchForAuth: FetchLike;

  constructor(
    private readonly sessionId: string,
    private readonly target: HttpTarget,
    private readonly log: FrameLog,
    private readonly env: OAuthEnvironment,
    private readonly onChange: () => void,
  ) {
    this.settings = target.oauth ?? OAuthSettingsSchema.parse({});
    const origin = env.origin();
    this.redirectUrl = `${origin ?? "http://127.0.0.1"}${CALLBACK_PATH}`;
    this.trace = new AuthTrace(log, target.url, { redirectUrl: this.redirectUrl, preregistered: Boolean(this.settings.clientId), onStep: () => this.onChange() });
    this.provider = new SessionOAuthProvider(this.settings, target.url, env.store, this.redirectUrl, origin ? `${origin}${CLIENT_METADATA_PATH}` : undefined, {
      authorizationUrl: (request) => this.onAuthorizationUrl(request),
      client: (info, source) => {
        this.clientId = info.client_id;
        this.clientSource = source;
        this.trace.onClient(source, info.client_id);
        this.onChange();
      },
      tokens: (tokens) => this.onTokens(tokens),
    });
    this.fetchForAuth = createTappedFetch(log, { revealSecrets: false, oauth: this.tap() });
  }

  /** What the HTTP tap needs: OAuth exchanges to the trace, secrets scrubbed. */
  tap(): OAuthTap {
    return {
      mcpUrl: this.target.url,
      secrets: () => this.secrets(),
      onExchange: (frame, record) => this.trace.onExchange(frame, record),
      onMcpExchange: (frame) => {
        // A token refused with 401: discover again before re-authorizing, so a protected
        // resource that moved to another authorization server is followed there (SEP-2352).
        const headers = (frame.meta?.requestHeaders ?? {}) as Record<string, string>;
        if (frame.meta?.status === 401 && "authorization" in headers) this.provider.invalidateCredentials("discovery");
        this.trace.onMcpExchange(frame);
      },
    };
  }

  /** Every secret this session holds or has seen (tokens, codes, verifiers, client secret). */
  secrets(): string[] {
    return [...this.provider.secrets(), ...this.codes];
  }

  /** The state SessionInfo reports (never a secret). */
  info(): SessionAuthInfo {
    const issuer = this.trace.issuer;
    return {
      status: this.status,
      mode: this.settings.mode,
      ...(this.status === "required" && this.waitingUrl ? { authorizationUrl: this.waitingUrl, ...(this.waitingExpiresAt ? { expiresAt: this.waitingExpiresAt } : {}) } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(issuer ? { issuer } : {}),
      ...(this.clientId ? { clientId: this.clientId } : {}),
      ...(this.clientSource ? { clientSource: this.clientSource } : {}),
      ...(this.tokenInfo?.scope ? { scope: this.tokenInfo.scope } : {}),
      ...(this.tokenInfo?.expiresAt ? { tokenExpiresAt: this.tokenInfo.expiresAt } : {}),
      ...(this.tokenInfo ? { hasRefreshToken: this.tokenInfo.refresh } : {}),
      ...(this.settings.persistTokens && this.env.store.canPersist ? { persisted: true } : {}),
      steps: this.trace.steps,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** Whether an error means a person (or the headless follower) must authorize before going on. */
  needsAuthorization(err: unknown): boolean {
    return err instanceof UnauthorizedError && this.lastRequest !== undefined;
  }

  private onAuthorizationUrl(request: AuthorizationRequest): void {
    this.lastRequest = request;
    const opening = this.settings.mode === "headless" ? "Followed headlessly (no person present)" : "Opened for a person in a new browser tab";
    this.trace.onAuthorizationUrl(request.url, opening);
  }

  private onTokens(tokens: StoredOAuthTokens): void {
    this.tokenInfo = {
      ...(tokens.scope ? { scope: tokens.scope } : {}),
      ...(typeof tokens.expires_in === "number" ? { expiresAt: Date.now() + tokens.expires_in * 1000 } : {}),
      refresh: Boolean(tokens.refresh_token),
    };
    this.status = "authorized";
    this.error = undefined;
    this.onChange();
  }

  /**
   * Completes the authorization the SDK just asked for (it threw `UnauthorizedError` after
   * calling `redirectToAuthorization`): headless, follows the URL; interactive, waits for the
   * response at the callback. Then `finishAuth` on `transport` exchanges the code (the SDK
   * validates `iss` first). The caller retries what needed the token.
   * @throws ApiFailure OAUTH_INTERACTION_REQUIRED, OAUTH_TIMEOUT, OAUTH_FAILED …
   */
  async authorize(transport: FinishingTransport, reason: string): Promise<void> {
    const request = this.lastRequest;
    this.lastRequest = undefined;
    if (!request) throw new ApiFailure("OAUTH_FAILED", "The server asked for authorization again right after it was given.");
    this.reason = reason;
    if (this.settings.mode === "headless") {
      this.status = "authorizing";
      this.onChange();
      const outcome = await followAuthorization(request.url, this.redirectUrl, createOAuthFetch(this.log, this.tap(), "authorize"));
      this.trace.flush();
      if (outcome.kind === "callback") return this.finish(transport, outcome.params, request, "Redirect followed headlessly");
      const failure =
        outcome.kind === "interaction"
          ? new ApiFailure("OAUTH_INTERACTION_REQUIRED", `The authorization server answered a page for a person (HTTP ${outcome.status} at ${new URL(outcome.url).origin}${new URL(outcome.url).pathname}) instead of redirecting back: it needs interaction. Open this URL in a browser: ${request.url.href}`)
          : new ApiFailure("OAUTH_FAILED", `Following the authorization URL failed: ${outcome.message}.`, "The session's Auth tab shows each redirect.");
      throw this.fail(failure);
    }
    this.status = "required";
    this.waitingUrl = request.url.href;
    this.waitingExpiresAt = this.env.pending.add(request.state, this.sessionId, (params) => this.complete(request.state, params));
    this.onChange();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(request.state);
        this.env.pending.remove(request.state);
        reject(this.fail(new ApiFailure("OAUTH_TIMEOUT", `Nobody completed the authorization at ${request.url.origin} within 10 minutes.`)));
      }, Math.max(0, this.waitingExpiresAt! - Date.now()));
      timer.unref();
      this.waiters.set(request.state, { request, transport, resolve, reject, timer });
    });
  }

  /** The callback route's handler: finishes the authorization waiting for `state`. */
  private async complete(state: string, params: URLSearchParams): Promise<{ ok: true; server: string } | { ok: false; message: string }> {
    const waiter = this.waiters.get(state);
    if (!waiter) return { ok: false, message: "This session stopped waiting for the authorization." };
    this.waiters.delete(state);
    clearTimeout(waiter.timer);
    try {
      await this.finish(waiter.transport, params, waiter.request, "Redirect to mcpscope's callback");
      waiter.resolve();
      // Requests that waited on an earlier authorization of this session go on with the new token.
      for (const [other, w] of this.waiters) {
        clearTimeout(w.timer);
        this.env.pending.remove(other);
        this.waiters.delete(other);
        w.resolve();
      }
      return { ok: true, server: this.target.url };
    } catch (err) {
      waiter.reject(err);
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private async finish(transport: FinishingTransport, params: URLSearchParams, request: AuthorizationRequest, via: string): Promise<void> {
    const code = params.get("code");
    if (code) this.codes.add(code);
    const metadata = request.discovery?.authorizationServerMetadata;
    this.trace.onAuthorizationResponse(params, { state: request.state, ...(metadata?.issuer ? { issuer: metadata.issuer } : {}), issSupported: metadata?.authorization_response_iss_parameter_supported === true }, via);
    if (params.get("state") !== request.state) throw this.fail(new ApiFailure("OAUTH_FAILED", "The authorization response's state is not the one mcpscope sent: refused (RFC 6749 §10.12).", "The authorization server must echo state unchanged."));
    this.status = "authorizing";
    this.waitingUrl = undefined;
    this.onChange();
    this.provider.activate(request.state);
    try {
      await transport.finishAuth(params);
    } catch (err) {
      throw this.fail(explainAuthFailure(err, this.target.url) ?? new ApiFailure("OAUTH_FAILED", `Finishing the authorization failed: ${err instanceof Error ? err.message : String(err)}`));
    } finally {
      this.provider.release(request.state);
    }
    this.status = "authorized";
    this.error = undefined;
    this.onChange();
  }

  /** Records a failure (state, Auth tab row) and returns it. */
  fail(failure: ApiFailure): ApiFailure {
    this.status = "failed";
    this.error = `${failure.message} ${failure.hint}`;
    this.waitingUrl = undefined;
    this.trace.onFailure(failure.message, failure.hint);
    this.onChange();
    return failure;
  }

  /**
   * Explains a connect or request failure that came from the OAuth flow (recording it in
   * the Auth tab), or `undefined` when it did not.
   */
  explain(err: unknown): ApiFailure | undefined {
    if (this.status === "failed" && err instanceof ApiFailure) return err;
    const failure = explainAuthFailure(err, this.target.url, this.trace.challengeHeader);
    return failure && this.fail(failure);
  }

  /**
   * Re-runs the flow from a step with edits (the Auth tab): forgets what that step found
   * and everything after it, then runs the SDK's `auth()` with the scope asked for. An
   * interactive run answers once the authorization URL waits for a person; a headless one
   * once done.
   * @returns the transport-free token exchange promise (resolves once authorized).
   */
  async rerun(body: AuthRunBody, transport: FinishingTransport | undefined): Promise<{ done: Promise<void> }> {
    if (body.clientId) Object.assign(this.settings, { clientId: body.clientId, ...(body.clientSecret ? { clientSecret: body.clientSecret } : {}) });
    if (body.clientMetadata) this.provider.metadataEdits = body.clientMetadata;
    this.provider.reset(body.from);
    this.trace.onRerun(body.from);
    this.tokenInfo = undefined;
    this.status = "authorizing";
    this.error = undefined;
    this.onChange();
    const target = transport ?? { finishAuth: (params: URLSearchParams) => this.finishWithoutTransport(params) };
    let result: "AUTHORIZED" | "REDIRECT";
    try {
      result = await auth(this.provider, { serverUrl: this.target.url, ...(body.scope ? { scope: body.scope } : {}), fetchFn: this.fetchForAuth });
    } catch (err) {
      throw this.explain(err) ?? err;
    }
    if (result === "AUTHORIZED") return { done: Promise.resolve() };
    const done = this.authorize(target, "re-run");
    // Headless, the run ends here; interactive, it answers while the sign-in page waits.
    if (this.settings.mode === "headless") await done;
    else done.catch(() => undefined);
    return { done };
  }

  /** `finishAuth` without a transport (a re-run while the session is not connected). */
  private async finishWithoutTransport(params: URLSearchParams): Promise<void> {
    const code = params.get("code") ?? undefined;
    const iss = params.get("iss") ?? undefined;
    if (!code) {
      const error = params.get("error");
      throw new ApiFailure("OAUTH_FAILED", error ? `The authorization server answered ${error}.` : "The authorization response has no code.");
    }
    await auth(this.provider, { serverUrl: this.target.url, authorizationCode: code, ...(iss ? { iss } : {}), fetchFn: this.fetchForAuth });
  }

  /** Stops waiting (the session closed). */
  close(): void {
    for (const [state, w] of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new ApiFailure("OAUTH_FAILED", "The session closed while waiting for the authorization."));
      this.env.pending.remove(state);
    }
    this.waiters.clear();
    this.env.pending.removeSession(this.sessionId);
  }
}
