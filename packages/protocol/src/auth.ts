import { z } from "zod";

/**
 * How a remote session authorizes when the server asks for OAuth (MCP 2025-11-25 and
 * 2026-07-28 "Authorization"): `interactive` opens the authorization page for a person (the
 * page opens it in a new tab; the redirect lands on mcpscope's `/oauth/callback`);
 * `headless` follows the authorization URL itself and accepts the redirect when the
 * authorization server grants without interaction (CI, scripts); `off` never runs OAuth (a
 * 401 fails the connection, as before).
 */
export const OAuthModeSchema = z.enum(["interactive", "headless", "off"]);
export type OAuthMode = z.infer<typeof OAuthModeSchema>;

/**
 * Client metadata mcpscope registers or publishes (RFC 7591 §2; OpenID Connect Dynamic
 * Client Registration §2 for `application_type`). Fields left out keep mcpscope's defaults:
 * `client_name: "mcpscope"`, `application_type: "native"`, `grant_types:
 * ["authorization_code", "refresh_token"]`, `token_endpoint_auth_method: "none"`.
 */
export const OAuthClientMetadataEditSchema = z
  .object({
    client_name: z.string().max(200).optional(),
    application_type: z.enum(["native", "web"]).optional(),
    grant_types: z.array(z.string()).optional(),
    token_endpoint_auth_method: z.string().optional(),
    scope: z.string().optional(),
    client_uri: z.string().optional(),
    logo_uri: z.string().optional(),
  })
  .passthrough();
export type OAuthClientMetadataEdit = z.infer<typeof OAuthClientMetadataEditSchema>;

/**
 * OAuth settings of a remote session. Client identity, in the spec's order of preference
 * (MCP 2026-07-28 "Authorization → Client Registration"): a pre-registered client
 * (`clientId`, with `clientSecret` for a confidential one), a Client ID Metadata Document
 * (`clientMetadataUrl`, an https URL serving mcpscope's document), else Dynamic Client
 * Registration (RFC 7591). `scope` overrides the scope selection strategy. `grant`
 * `client_credentials` authorizes without a user (RFC 6749 §4.4; needs `clientId` and
 * `clientSecret`). `accessToken` is a token obtained elsewhere (e.g. from the environment),
 * sent until the server rejects it. `persistTokens` keeps tokens in the data directory
 * (file mode 0600) across restarts; by default they stay in the proxy's memory.
 * `clientSecret` and `accessToken` are secrets: redacted wherever a target is shown.
 */
export const OAuthSettingsSchema = z.object({
  mode: OAuthModeSchema.default("interactive"),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  clientMetadataUrl: z.string().url().optional(),
  scope: z.string().optional(),
  clientMetadata: OAuthClientMetadataEditSchema.optional(),
  grant: z.enum(["authorization_code", "client_credentials"]).default("authorization_code"),
  accessToken: z.string().min(1).optional(),
  persistTokens: z.boolean().default(false),
});
export type OAuthSettings = z.infer<typeof OAuthSettingsSchema>;

/**
 * Where a session's authorization stands: `none` (the server never asked), `required` (an
 * authorization URL waits for a person: `authorizationUrl`), `authorizing` (discovery,
 * registration or the token exchange under way), `authorized` (a token is held), `failed`
 * (`error` says why).
 */
export const AuthStatusSchema = z.enum(["none", "required", "authorizing", "authorized", "failed"]);
export type AuthStatus = z.infer<typeof AuthStatusSchema>;

/** A session's authorization as SessionInfo reports it (never a token or secret). */
export const SessionAuthSchema = z.object({
  status: AuthStatusSchema,
  mode: OAuthModeSchema,
  /** The URL a person opens (only `http:`/`https:`), while `status` is `required`. */
  authorizationUrl: z.string().optional(),
  /** Why authorization is needed now: `connect`, `step-up` (403 insufficient_scope), `expired` (a 401 mid-session), `re-run`. */
  reason: z.string().optional(),
  /** Epoch milliseconds after which the waiting authorization request is refused. */
  expiresAt: z.number().optional(),
  issuer: z.string().optional(),
  clientId: z.string().optional(),
  /** How the client got its identity. */
  clientSource: z.enum(["preregistered", "cimd", "dcr", "client_credentials"]).optional(),
  /** Scopes of the token held (space-separated). */
  scope: z.string().optional(),
  /** Epoch milliseconds when the access token expires, when the server said. */
  tokenExpiresAt: z.number().optional(),
  hasRefreshToken: z.boolean().optional(),
  /** Tokens are kept in the data directory (opted in). */
  persisted: z.boolean().optional(),
  /** Number of steps recorded in the Auth debugger (changes whenever one is added). */
  steps: z.number().int().nonnegative(),
  error: z.string().optional(),
});
export type SessionAuth = z.infer<typeof SessionAuthSchema>;

/** A verdict of the Auth debugger. */
export const AuthVerdictSchema = z.enum(["pass", "warn", "fail", "info"]);
export type AuthVerdict = z.infer<typeof AuthVerdictSchema>;

/**
 * One check of an authorization step against the specifications: what was checked (`rule`),
 * where it is required (`ref`: RFC or MCP section), what was seen (`detail`) and, when it
 * fails, what to change (`fix`).
 */
export const AuthCheckSchema = z.object({
  id: z.string(),
  verdict: AuthVerdictSchema,
  rule: z.string(),
  ref: z.string(),
  detail: z.string(),
  fix: z.string().optional(),
});
export type AuthCheck = z.infer<typeof AuthCheckSchema>;

/** The kinds of authorization steps, in flow order. */
export const AUTH_STEP_KINDS = [
  "challenge",
  "resource-metadata",
  "as-metadata",
  "client",
  "authorization-request",
  "authorization-response",
  "token",
  "refresh",
  "authorized-request",
  "step-up",
  "failure",
] as const;
export const AuthStepKindSchema = z.enum(AUTH_STEP_KINDS);
export type AuthStepKind = z.infer<typeof AuthStepKindSchema>;

/**
 * One step of an authorization flow, as the `auth` lifecycle frame records it: `run`
 * numbers the flow (1 for the first authorization of the session, then each re-run,
 * step-up, refresh …); `exchanges` are the seqs of the `http` frames of its HTTP
 * exchanges (bodies redacted); `checks` the verdicts; `facts` what the step found
 * (issuer, scope chosen and why, client id …).
 */
export const AuthStepSchema = z.object({
  kind: AuthStepKindSchema,
  run: z.number().int().positive(),
  title: z.string(),
  verdict: AuthVerdictSchema,
  summary: z.string(),
  exchanges: z.array(z.number().int().positive()).default([]),
  checks: z.array(AuthCheckSchema).default([]),
  facts: z.record(z.string(), z.unknown()).default({}),
});
export type AuthStep = z.infer<typeof AuthStepSchema>;

/** An HTTP exchange of an authorization step, as recorded (secrets redacted). */
export const AuthExchangeSchema = z.object({
  seq: z.number().int().positive(),
  ts: z.number(),
  purpose: z.string(),
  method: z.string(),
  url: z.string(),
  requestHeaders: z.record(z.string(), z.string()).default({}),
  requestBody: z.string().optional(),
  status: z.number().optional(),
  statusText: z.string().optional(),
  responseHeaders: z.record(z.string(), z.string()).default({}),
  responseBody: z.string().optional(),
  durationMs: z.number().optional(),
  error: z.string().optional(),
});
export type AuthExchange = z.infer<typeof AuthExchangeSchema>;

/** A step as `GET /api/sessions/:id/auth` returns it: the step, its frame's seq and time, its exchanges. */
export const AuthStepViewSchema = AuthStepSchema.extend({
  seq: z.number().int().positive(),
  ts: z.number(),
  exchangeDetails: z.array(AuthExchangeSchema),
});
export type AuthStepView = z.infer<typeof AuthStepViewSchema>;

/** `GET /api/sessions/:id/auth`: the session's authorization state and every step so far. */
export const AuthReportSchema = z.object({
  auth: SessionAuthSchema.optional(),
  steps: z.array(AuthStepViewSchema),
  /** The redirect URI mcpscope registers (`<origin>/oauth/callback`). */
  redirectUrl: z.string().optional(),
  /** Whether secrets of this session's exchanges can be revealed (a live session, and the presenter). */
  canReveal: z.boolean(),
});
export type AuthReport = z.infer<typeof AuthReportSchema>;

/**
 * Body of `POST /api/sessions/:id/auth/runs`: authorize again from a step (`discovery`
 * forgets the discovered metadata, the client and the tokens; `registration` the client
 * and the tokens; `authorization` the tokens only), with edited client metadata, scope or
 * pre-registered client. Answers once the new authorization waits for a person (then
 * `auth.authorizationUrl`) or is done.
 */
export const AuthRunBodySchema = z.object({
  from: z.enum(["discovery", "registration", "authorization"]).default("discovery"),
  scope: z.string().optional(),
  clientMetadata: OAuthClientMetadataEditSchema.optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
});
export type AuthRunBody = z.infer<typeof AuthRunBodySchema>;

/** `GET /api/sessions/:id/auth/exchanges/:seq?reveal=true`: one exchange, secrets shown (the presenter of a live session only). */
export const RevealedExchangeSchema = AuthExchangeSchema;
