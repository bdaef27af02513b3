import { z } from "zod";
import { LOG_LEVELS } from "./mcpVocabulary.js";
import { PROTOCOL_CHOICES } from "./protocolVersions.js";
import { OAuthSettingsSchema, SessionAuthSchema } from "./auth.js";
import { ClientBehaviourSchema } from "./serverRequests.js";

/** Transports mcpscope speaks (MCP 2025-11-25 "Transports"; 2024-11-05 HTTP+SSE). */
export const TransportKindSchema = z.enum(["stdio", "streamable-http", "sse"]);
export type TransportKind = z.infer<typeof TransportKindSchema>;

/**
 * Which protocol revision a session speaks (MCP 2026-07-28 "Versioning and Compatibility"):
 * `auto` probes with `server/discover` and falls back to the `initialize` handshake; a
 * version pins that revision (2026-07-28 without fallback; an older one runs `initialize`
 * offering only that version).
 */
export const ProtocolChoiceSchema = z.enum(PROTOCOL_CHOICES);
export type ProtocolChoice = z.infer<typeof ProtocolChoiceSchema>;

/**
 * The two protocol eras, in the spec's terms (MCP 2026-07-28 "Versioning → Terminology"):
 * `modern` (2026-07-28 and later: per-request `_meta`, no handshake) and `legacy`
 * (2025-11-25 and earlier: the `initialize` handshake).
 */
export const ProtocolEraSchema = z.enum(["modern", "legacy"]);
export type ProtocolEra = z.infer<typeof ProtocolEraSchema>;

/**
 * How a session's revision was chosen. `mode`: `auto` or `pinned`. `outcome`: `discover`
 * (the server answered `server/discover`: 2026-07-28), `initialize` (the handshake ran
 * without a probe: a pinned older revision, or a transport that predates 2026-07-28),
 * `fallback` (`auto` probed and the server gave no 2026-07-28 answer). `reason` says why,
 * in words.
 */
export const NegotiationSchema = z.object({
  mode: z.enum(["auto", "pinned"]),
  outcome: z.enum(["discover", "initialize", "fallback"]),
  reason: z.string().optional(),
});
export type Negotiation = z.infer<typeof NegotiationSchema>;

/** Settings every session takes, beside its target. */
const SessionSettingsShape = {
  /** The protocol revision to speak; absent means `auto`. */
  protocol: ProtocolChoiceSchema.optional(),
  /** Capabilities to declare, roots, and canned answers to server requests. */
  client: ClientBehaviourSchema.optional(),
  /** A label for the session, e.g. its name in an `mcpServers` config file. */
  name: z.string().optional(),
  /** Milliseconds the server may take to answer `initialize` (default 30,000). */
  initializeTimeoutMs: z.number().int().positive().max(600_000).optional(),
};

/** Settings of a stdio session: the server process to spawn. */
export const StdioTargetSchema = z.object({
  transport: z.literal("stdio"),
  command: z.string().min(1, "command must not be empty"),
  args: z.array(z.string()).default([]),
  /** Environment variables merged over a safe default environment. */
  env: z.record(z.string(), z.string()).default({}),
  /** Working directory; the proxy's own when absent. */
  cwd: z.string().optional(),
  ...SessionSettingsShape,
});
export type StdioTarget = z.infer<typeof StdioTargetSchema>;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Settings of a remote session. `transport` `auto` tries Streamable HTTP and falls back to
 * the 2024-11-05 HTTP+SSE transport (MCP 2025-11-25 "Transports → Backwards Compatibility").
 */
export const HttpTargetSchema = z.object({
  transport: z.enum(["streamable-http", "sse", "auto"]),
  url: z.string().refine(isHttpUrl, "url must be an http: or https: URL, e.g. http://localhost:3001/mcp"),
  /** Request headers sent with every HTTP request, e.g. `Authorization`. */
  headers: z.record(z.string(), z.string()).default({}),
  /** Show secret header values in the browser and recordings instead of redacting them. */
  revealSecrets: z.boolean().default(false),
  /** OAuth when the server asks for it (MCP "Authorization"); absent: interactive, defaults. */
  oauth: OAuthSettingsSchema.optional(),
  ...SessionSettingsShape,
});
export type HttpTarget = z.infer<typeof HttpTargetSchema>;

/**
 * What a session connects to. An object with a `url` and no `transport` is taken as
 * `transport: "auto"`; `"http"` (the config-file spelling) as `"streamable-http"`.
 */
export const SessionTargetSchema = z.preprocess(
  (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const v = value as Record<string, unknown>;
    if (v.transport === undefined && "url" in v) return { ...v, transport: "auto" };
    if (v.transport === "http") return { ...v, transport: "streamable-http" };
    return v;
  },
  z.discriminatedUnion("transport", [StdioTargetSchema, HttpTargetSchema]),
);
export type SessionTarget = z.infer<typeof SessionTargetSchema>;

/** Body of `POST /api/sessions`. */
export const CreateSessionBodySchema = SessionTargetSchema;
export type CreateSessionBody = SessionTarget;

/**
 * Session status: `connecting` until the connection is established (the initialize
 * handshake, or `server/discover` for 2026-07-28), `ready` after,
 * `closed` when closed by the user or the server exited cleanly, `failed` when connecting
 * failed or the connection broke.
 */
export const SessionStatusSchema = z.enum(["connecting", "ready", "closed", "failed"]);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** `Implementation` of the initialize result (MCP 2025-11-25 "Lifecycle"). */
export const ImplementationSchema = z
  .object({ name: z.string(), version: z.string(), title: z.string().optional() })
  .passthrough();
export type Implementation = z.infer<typeof ImplementationSchema>;

/**
 * Per-session request settings (MCP 2025-11-25 "Base Protocol → Timeouts"), in milliseconds.
 * `maxTotalTimeoutMs` caps a request's whole life even when progress keeps resetting its
 * timeout, and holds even when no progress arrives at all.
 */
export const SessionSettingsSchema = z.object({
  requestTimeoutMs: z.number().int().positive().max(86_400_000).default(60_000),
  resetTimeoutOnProgress: z.boolean().default(true),
  maxTotalTimeoutMs: z.number().int().positive().max(86_400_000).optional(),
  /**
   * 2026-07-28 only: the log level sent in every request's
   * `_meta["io.modelcontextprotocol/logLevel"]` (a server logs only for requests that carry
   * one; 2026-07-28 removed `logging/setLevel`). A level the caller puts in `_meta` wins.
   */
  logLevel: z.enum(LOG_LEVELS).optional(),
});
export type SessionSettings = z.infer<typeof SessionSettingsSchema>;

/**
 * How a tapped session reaches mcpscope: `stdio`, through the `mcpscope tap` shim a client
 * runs instead of its server command; `http`, through a tap's HTTP facade
 * (`/tap/<name>/mcp`) served by mcpscope.
 */
export const TapKindSchema = z.enum(["stdio", "http"]);
export type TapKind = z.infer<typeof TapKindSchema>;

/**
 * What makes a session *tapped*: another program (the MCP client) talks to the server and
 * mcpscope only watches. `client` is the `clientInfo` the client sent in `initialize` (or in
 * a 2026-07-28 request's `_meta`), once seen; `clientPid` the client's process id (stdio).
 */
export const TapInfoSchema = z.object({
  name: z.string().min(1).max(200),
  kind: TapKindSchema,
  clientPid: z.number().int().positive().optional(),
  client: ImplementationSchema.optional(),
});
export type TapInfo = z.infer<typeof TapInfoSchema>;

/**
 * What a 2026-07-28 `subscriptions/listen` stream asks for (MCP 2026-07-28 "Subscriptions →
 * Notification Filter"): list changes of tools, prompts and resources, and
 * `notifications/resources/updated` for the URIs in `resourceSubscriptions`.
 */
export const SubscriptionFilterSchema = z.object({
  toolsListChanged: z.boolean().optional(),
  promptsListChanged: z.boolean().optional(),
  resourcesListChanged: z.boolean().optional(),
  resourceSubscriptions: z.array(z.string().min(1)).max(1000).optional(),
});
export type SubscriptionFilter = z.infer<typeof SubscriptionFilterSchema>;

/**
 * A session's `subscriptions/listen` stream (2026-07-28 sessions only; one at a time).
 * `status`: `opening` until the server acknowledges, `open`, `closed` (`closedBy`: `local`
 * when mcpscope closed it, `graceful` when the server ended it with a response, `remote`
 * when the stream dropped), `failed` when it could not be opened (`error` says why).
 * `honoredFilter` is what the server agreed to deliver; `requestId` the listen request's
 * JSON-RPC id (every notification on the stream carries it as its subscription id).
 */
export const SubscriptionStateSchema = z.object({
  filter: SubscriptionFilterSchema,
  honoredFilter: SubscriptionFilterSchema.optional(),
  status: z.enum(["opening", "open", "closed", "failed"]),
  closedBy: z.enum(["local", "graceful", "remote"]).optional(),
  error: z.string().optional(),
  requestId: z.union([z.string(), z.number()]).optional(),
  /** Epoch milliseconds of the last change of status. */
  since: z.number(),
});
export type SubscriptionState = z.infer<typeof SubscriptionStateSchema>;

/** Body of `PUT /api/sessions/:id/subscription`: the filter of the session's listen stream. */
export const ListenBodySchema = z.object({ filter: SubscriptionFilterSchema });
export type ListenBody = z.infer<typeof ListenBodySchema>;

/** A session as the REST API and WebSocket report it. */
export const SessionInfoSchema = z.object({
  id: z.string(),
  status: SessionStatusSchema,
  transport: TransportKindSchema,
  /** What the user asked to connect to (secret header values redacted). */
  target: SessionTargetSchema,
  /** Epoch milliseconds. */
  createdAt: z.number(),
  serverInfo: ImplementationSchema.optional(),
  capabilities: z.record(z.string(), z.unknown()).optional(),
  /** The negotiated revision (initialize result, or the version chosen from `server/discover`). */
  protocolVersion: z.string().optional(),
  /** The era of `protocolVersion`. */
  era: ProtocolEraSchema.optional(),
  /** How the revision was chosen. */
  negotiation: NegotiationSchema.optional(),
  /** The `server/discover` result of a 2026-07-28 session (MCP 2026-07-28 "Discovery"). */
  discover: z.record(z.string(), z.unknown()).optional(),
  instructions: z.string().optional(),
  /** Process id of a stdio server while it runs. */
  pid: z.number().optional(),
  /** Highest `seq` recorded so far (0 when none). */
  lastSeq: z.number().int().nonnegative(),
  settings: SessionSettingsSchema,
  /** The session's `subscriptions/listen` stream (2026-07-28), if one was opened. */
  subscription: SubscriptionStateSchema.optional(),
  /** The capabilities mcpscope declared (in `initialize`, or in each request's `_meta` on 2026-07-28). */
  clientCapabilities: z.record(z.string(), z.unknown()).optional(),
  /** The roots `roots/list` answers with. */
  roots: z.array(z.object({ uri: z.string(), name: z.string().optional() })).optional(),
  /** True for a session of an earlier run, opened read-only from its recording. */
  recorded: z.boolean().optional(),
  /** True for a recording imported into this mcpscope (`POST /api/recordings`) rather than one of its own earlier runs. */
  imported: z.boolean().optional(),
  /** The session this one reconnected, if any. */
  previousId: z.string().optional(),
  /** Why the session failed or closed, in words a person can act on (message and hint). */
  error: z.string().optional(),
  /** The error's catalog code (e.g. MCPSCOPE_COMMAND_NOT_FOUND) when it came from the doctor. */
  errorCode: z.string().optional(),
  /** What to try, separately from `error`'s message. */
  errorHint: z.string().optional(),
  /**
   * Set when the session is tapped: a real client talks to the server through
   * `mcpscope tap` or a tap's HTTP facade, and mcpscope only records (read-only).
   */
  tap: TapInfoSchema.optional(),
  /** OAuth authorization of a remote session, once the server asked for it (no secrets). */
  auth: SessionAuthSchema.optional(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
