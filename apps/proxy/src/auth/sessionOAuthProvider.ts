import { randomBytes } from "node:crypto";
import type {
  OAuthClientInformationContext,
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthClientProvider,
  OAuthDiscoveryState,
  OAuthTokens,
  StoredOAuthClientInformation,
  StoredOAuthTokens,
} from "@modelcontextprotocol/client";
import type { OAuthSettings } from "@mcpscope/protocol";
import type { CredentialStore } from "./credentialStore.js";

/** Where a client identity came from (MCP 2026-07-28 "Client Registration"). */
export type ClientSource = "preregistered" | "cimd" | "dcr" | "client_credentials";

/** An authorization request the SDK asked to open: its URL and the per-request record (state, verifier, discovery). */
export interface AuthorizationRequest {
  url: URL;
  state: string;
  verifier?: string;
  discovery?: OAuthDiscoveryState;
  /** Epoch ms. */
  createdAt: number;
}

/** What the provider tells its session about. */
export interface ProviderEvents {
  /** The SDK built an authorization URL (RFC 6749 §4.1.1) and asks to open it. */
  authorizationUrl(request: AuthorizationRequest): void;
  /** A client identity was chosen or registered. */
  client(info: StoredOAuthClientInformation, source: ClientSource): void;
  /** Tokens were saved (after a code exchange, a refresh or client credentials). */
  tokens(tokens: StoredOAuthTokens): void;
}

/** Thrown by `redirectToAuthorization` when mcpscope refuses to send a person to the authorization server. */
export class AuthorizationRefusedError extends Error {
  constructor(
    message: string,
    readonly check: string,
  ) {
    super(message);
    this.name = "AuthorizationRefusedError";
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]" || hostname === "::1" || hostname.endsWith(".localhost");
}

/**
 * The `OAuthClientProvider` of one remote session (the SDK v2 client runs the flow: RFC
 * 9728 and RFC 8414 discovery, registration, PKCE S256, RFC 8707 `resource`, RFC 9207
 * `iss`, refresh, step-up). mcpscope supplies: its identity (client metadata, a
 * pre-registered client, or its Client ID Metadata Document when the authorization server
 * supports them and can fetch it), storage per issuer (SEP-2352) in the proxy's
 * `CredentialStore`, a fresh `state` per authorization request with the PKCE verifier and
 * discovery state kept beside it (so several requests may wait at once), and the hand-off
 * of the authorization URL to the session, after refusing what the MCP specification says
 * a client must refuse and the SDK lets through: an authorization server without
 * `code_challenge_methods_supported` (MCP 2026-07-28 "Security Considerations →
 * Authorization Code Protection"), and a URL that is not `http:` or `https:`.
 */
export class SessionOAuthProvider implements OAuthClientProvider {
  private discovery: OAuthDiscoveryState | undefined;
  private readonly requests = new Map<string, AuthorizationRequest>();
  private latestRequest: AuthorizationRequest | undefined;
  /** The request whose response is being finished (its verifier and discovery are read). */
  private active: AuthorizationRequest | undefined;
  private seededToken: StoredOAuthTokens | undefined;
  private sources = new Map<string, ClientSource>();
  /** Scope to ask for instead of the spec's selection (a re-run with an edited scope). */
  scopeOverride: string | undefined;
  /** Client metadata edits (a re-run), merged over the session's settings. */
  metadataEdits: OAuthSettings["clientMetadata"];

  constructor(
    private readonly settings: OAuthSettings,
    /** The MCP server's URL: credentials are kept per server. */
    private readonly server: string,
    private readonly store: CredentialStore,
    private readonly redirect: string,
    /** mcpscope's own Client ID Metadata Document URL (loopback), used when the AS can fetch it. */
    private readonly ownMetadataUrl: string | undefined,
    private readonly events: ProviderEvents,
  ) {
    if (settings.accessToken) this.seededToken = { access_token: settings.accessToken, token_type: "Bearer" };
  }

  /** The redirect URI (RFC 6749 §3.1.2); none for the client credentials grant (no user). */
  get redirectUrl(): string | undefined {
    return this.settings.grant === "client_credentials" ? undefined : this.redirect;
  }

  /**
   * mcpscope's client metadata (RFC 7591 §2): a native application (RFC 8252) and public
   * client (`none`) that wants refresh tokens; the session's edits on top.
   */
  get clientMetadata(): OAuthClientMetadata {
    const edits = { ...this.settings.clientMetadata, ...this.metadataEdits };
    const scope = this.scopeOverride ?? this.settings.scope ?? edits.scope;
    return {
      client_name: "mcpscope",
      redirect_uris: [this.redirect],
      grant_types: this.settings.grant === "client_credentials" ? ["client_credentials"] : ["authorization_code", "refresh_token"],
      response_types: this.settings.grant === "client_credentials" ? [] : ["code"],
      token_endpoint_auth_method: this.settings.clientSecret ? "client_secret_basic" : "none",
      application_type: "native",
      ...edits,
      ...(scope ? { scope } : {}),
    };
  }

  /** An https Client ID Metadata Document URL given by the user (the SDK uses it when the AS supports them). */
  get clientMetadataUrl(): string | undefined {
    const url = this.settings.clientMetadataUrl;
    return url?.startsWith("https:") ? url : undefined;
  }

  /** How the client of `issuer` got its identity, if known. */
  clientSource(issuer: string): ClientSource | undefined {
    return this.sources.get(issuer);
  }

  clientInformation(ctx?: OAuthClientInformationContext): StoredOAuthClientInformation | undefined {
    if (!ctx) return undefined;
    const stored = this.store.client(this.server, ctx.issuer);
    if (stored) return stored;
    const { clientId, clientSecret, clientMetadataUrl } = this.settings;
    if (clientId) {
      const info = { client_id: clientId, ...(clientSecret ? { client_secret: clientSecret } : {}), issuer: ctx.issuer };
      this.remember(ctx.issuer, info, this.settings.grant === "client_credentials" ? "client_credentials" : "preregistered");
      return info;
    }
    // A Client ID Metadata Document the SDK cannot use itself: an http URL (loopback, where
    // the SDK refuses anything but https), or mcpscope's own document for an AS on loopback.
    const metadata = this.discovery?.authorizationServerMetadata;
    if (metadata?.client_id_metadata_document_supported === true) {
      const own = this.ownMetadataUrl && isLoopbackHost(new URL(ctx.issuer).hostname) ? this.ownMetadataUrl : undefined;
      const url = clientMetadataUrl?.startsWith("http:") ? clientMetadataUrl : (clientMetadataUrl ?? own);
      if (url) {
        const info = { client_id: url, issuer: ctx.issuer };
        this.remember(ctx.issuer, info, "cimd");
        return info;
      }
    }
    return undefined;
  }

  saveClientInformation(info: OAuthClientInformationMixed, ctx?: OAuthClientInformationContext): void {
    const issuer = ctx?.issuer ?? (info).issuer;
    if (!issuer) return;
    const stored = { ...info, issuer } as StoredOAuthClientInformation;
    const source: ClientSource = this.sources.get(issuer) ?? (stored.client_id === this.settings.clientMetadataUrl ? "cimd" : "dcr");
    this.remember(issuer, stored, source);
  }

  private remember(issuer: string, info: StoredOAuthClientInformation, source: ClientSource): void {
    const known = this.store.client(this.server, issuer);
    this.sources.set(issuer, source);
    this.store.saveClient(this.server, issuer, info, this.settings.persistTokens);
    if (known?.client_id !== info.client_id) this.events.client(info, source);
  }

  tokens(ctx?: OAuthClientInformationContext): StoredOAuthTokens | undefined {
    return this.store.tokens(this.server, ctx?.issuer) ?? (ctx ? undefined : this.seededToken);
  }

  saveTokens(tokens: OAuthTokens, ctx?: OAuthClientInformationContext): void {
    const issuer = ctx?.issuer ?? (tokens as StoredOAuthTokens).issuer ?? "unknown";
    const stored = { ...tokens, issuer } as StoredOAuthTokens;
    this.seededToken = undefined;
    this.store.saveTokens(this.server, issuer, stored, this.settings.persistTokens);
    this.events.tokens(stored);
  }

  invalidateCredentials(scope: "all" | "client" | "tokens" | "verifier" | "discovery"): void {
    if (scope === "all" || scope === "client") this.store.forget(this.server, { clients: true });
    if (scope === "all" || scope === "tokens") {
      this.store.forget(this.server, { tokens: true });
      this.seededToken = undefined;
    }
    if (scope === "all" || scope === "discovery") this.discovery = undefined;
    if (scope === "all" || scope === "verifier") this.requests.clear();
  }

  /** Forgets what a re-run from a step must find again. */
  reset(from: "discovery" | "registration" | "authorization"): void {
    if (from === "discovery") this.discovery = undefined;
    if (from !== "authorization") {
      this.store.forget(this.server, { clients: true });
      this.sources.clear();
    }
    this.store.forget(this.server, { tokens: true });
    this.seededToken = undefined;
  }

  /** A fresh unguessable `state` (RFC 6749 §10.12), the start of a per-request record. */
  state(): string {
    const state = randomBytes(32).toString("base64url");
    const request: AuthorizationRequest = { url: new URL("about:blank"), state, ...(this.discovery ? { discovery: this.discovery } : {}), createdAt: Date.now() };
    this.requests.set(state, request);
    this.latestRequest = request;
    return state;
  }

  saveCodeVerifier(verifier: string): void {
    if (this.latestRequest) this.latestRequest.verifier = verifier;
  }

  codeVerifier(): string {
    const verifier = (this.active ?? this.latestRequest)?.verifier;
    if (!verifier) throw new Error("No PKCE code verifier is waiting: start the authorization again.");
    return verifier;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.active?.discovery ?? this.discovery;
  }

  /** What discovery found last (for the debugger and the checks). */
  get discovered(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }

  redirectToAuthorization(url: URL): void {
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new AuthorizationRefusedError(`The authorization endpoint is a ${url.protocol} URL; mcpscope opens only http: and https: URLs.`, "authorization-endpoint-scheme");
    }
    const metadata = this.latestRequest?.discovery?.authorizationServerMetadata ?? this.discovery?.authorizationServerMetadata;
    if (metadata && !metadata.code_challenge_methods_supported) {
      throw new AuthorizationRefusedError(
        "The authorization server's metadata has no code_challenge_methods_supported, so it does not declare PKCE support; the MCP specification says clients must then refuse to proceed.",
        "pkce-metadata",
      );
    }
    const request = this.latestRequest;
    if (!request) return;
    request.url = url;
    this.events.authorizationUrl(request);
  }

  /** The request waiting for the response with this `state`, if any. */
  request(state: string): AuthorizationRequest | undefined {
    return this.requests.get(state);
  }

  /** Makes `state`'s record the one `codeVerifier` and `discoveryState` read while its response is finished. */
  activate(state: string | undefined): void {
    this.active = state ? this.requests.get(state) : undefined;
  }

  /** Forgets a finished request. */
  release(state: string): void {
    this.requests.delete(state);
    if (this.active?.state === state) this.active = undefined;
  }

  /** Secrets held now: tokens, client secrets, PKCE verifiers (for scrubbing). */
  secrets(): string[] {
    const out = this.store.secrets(this.server);
    for (const r of this.requests.values()) if (r.verifier) out.push(r.verifier);
    if (this.seededToken) out.push(this.seededToken.access_token);
    if (this.settings.clientSecret) out.push(this.settings.clientSecret);
    return out;
  }

  /** For the client credentials grant (RFC 6749 §4.4): the token request's grant parameters. */
  prepareTokenRequest(scope?: string): URLSearchParams | undefined {
    if (this.settings.grant !== "client_credentials") return undefined;
    const params = new URLSearchParams({ grant_type: "client_credentials" });
    const chosen = this.scopeOverride ?? scope;
    if (chosen) params.set("scope", chosen);
    return params;
  }
}
