import { z } from "zod";

/** Transports mcpscope speaks (MCP 2025-11-25 "Transports"; 2024-11-05 HTTP+SSE). */
export const TransportKindSchema = z.enum(["stdio", "streamable-http", "sse"]);
export type TransportKind = z.infer<typeof TransportKindSchema>;

/** Settings of a stdio session: the server process to spawn. */
export const StdioTargetSchema = z.object({
  transport: z.literal("stdio"),
  command: z.string().min(1, "command must not be empty"),
  args: z.array(z.string()).default([]),
  /** Environment variables merged over a safe default environment. */
  env: z.record(z.string(), z.string()).default({}),
  /** Working directory; the proxy's own when absent. */
  cwd: z.string().optional(),
});
export type StdioTarget = z.infer<typeof StdioTargetSchema>;

/** Body of `POST /api/sessions`. */
export const CreateSessionBodySchema = z.discriminatedUnion("transport", [StdioTargetSchema]);
export type CreateSessionBody = z.infer<typeof CreateSessionBodySchema>;

/**
 * Session status: `connecting` until the initialize handshake completes, `ready` after,
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

/** A session as the REST API and WebSocket report it. */
export const SessionInfoSchema = z.object({
  id: z.string(),
  status: SessionStatusSchema,
  transport: TransportKindSchema,
  target: StdioTargetSchema,
  /** Epoch milliseconds. */
  createdAt: z.number(),
  serverInfo: ImplementationSchema.optional(),
  capabilities: z.record(z.string(), z.unknown()).optional(),
  protocolVersion: z.string().optional(),
  instructions: z.string().optional(),
  /** Process id of a stdio server while it runs. */
  pid: z.number().optional(),
  /** Highest `seq` recorded so far (0 when none). */
  lastSeq: z.number().int().nonnegative(),
  /** Why the session failed or closed, in words a person can act on. */
  error: z.string().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
