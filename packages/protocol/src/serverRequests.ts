import { z } from "zod";
import { JsonRpcErrorSchema } from "./rest.js";

/**
 * Server→client request methods mcpscope answers (MCP 2025-11-25 "Client Features"; on
 * 2026-07-28 the same requests arrive as input requests of an `input_required` result).
 */
export const ServerRequestMethodSchema = z.enum(["sampling/createMessage", "elicitation/create", "roots/list"]);
export type ServerRequestMethod = z.infer<typeof ServerRequestMethodSchema>;

/**
 * Where an input request of a 2026-07-28 session came from (MCP 2026-07-28 "Multi
 * Round-Trip Requests"): `key`, its name in the `inputRequests` of an `input_required`
 * result; `requestId`, the JSON-RPC id of the request that answered `input_required`;
 * `progressToken`, the token every round of that call carries.
 */
export const InputRequestOriginSchema = z.object({
  key: z.string(),
  requestId: z.union([z.string(), z.number()]).optional(),
  progressToken: z.union([z.string(), z.number()]).optional(),
});
export type InputRequestOrigin = z.infer<typeof InputRequestOriginSchema>;

/**
 * Which MCP App sent an app request (MCP Apps extension, SEP-1865 "MCP Apps Specific
 * Messages"): `instance`, the id of the rendered app (its `app`/`host` frames carry it in
 * `meta.app`); `resourceUri`, its `ui://` resource; `toolName`, the tool it renders, if any.
 */
export const AppOriginSchema = z.object({
  instance: z.string().min(1).max(200),
  resourceUri: z.string().max(2048),
  toolName: z.string().max(512).optional(),
});
export type AppOrigin = z.infer<typeof AppOriginSchema>;

/**
 * A request waiting in a session's inbox for someone to answer it: a server→client request,
 * or an app request (`app` is set) that needs a person's approval, such as `ui/open-link` or
 * `ui/message`, answered Approve or Deny.
 * `id` is mcpscope's handle; `requestId` the JSON-RPC id the server (or the app) gave it (for
 * an input request of an `input_required` result, which has no JSON-RPC id, its key);
 * `inputRequest` is set for those input requests.
 */
export const InboxItemSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  requestId: z.union([z.string(), z.number()]),
  method: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** Epoch milliseconds. */
  receivedAt: z.number(),
  inputRequest: InputRequestOriginSchema.optional(),
  app: AppOriginSchema.optional(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

/**
 * Body of `POST /api/sessions/:id/inbox/:itemId`: the answer, a result (e.g. a
 * `CreateMessageResult`, an `ElicitResult` `{action, content?}`) or a JSON-RPC error
 * (rejecting a sampling request: code -1, "User rejected sampling request").
 */
export const AnswerBodySchema = z.union([
  z.object({ result: z.record(z.string(), z.unknown()) }),
  z.object({ error: JsonRpcErrorSchema }),
]);
export type AnswerBody = z.infer<typeof AnswerBodySchema>;

/** A root the client exposes (MCP 2025-11-25 "Client Features → Roots"): a `file://` URI. */
export const RootSchema = z.object({ uri: z.string().startsWith("file://", "a root's uri must be a file:// URI"), name: z.string().optional() });
export type Root = z.infer<typeof RootSchema>;

/** Body of `PUT /api/sessions/:id/roots`. */
export const RootsBodySchema = z.object({ roots: z.array(RootSchema) });

/**
 * What a session declares and how it answers server requests, given when it is opened:
 * capabilities can be switched off to test servers against clients that lack them (`apps`
 * is the MCP Apps extension, `io.modelcontextprotocol/ui`, declared under `extensions`);
 * `autoAnswer` gives canned answers for unattended runs (CI), so a server that samples or
 * elicits does not hang.
 */
export const ClientBehaviourSchema = z.object({
  capabilities: z
    .object({ sampling: z.boolean().default(true), elicitation: z.boolean().default(true), roots: z.boolean().default(true), apps: z.boolean().default(true) })
    .default({ sampling: true, elicitation: true, roots: true, apps: true }),
  roots: z.array(RootSchema).default([]),
  autoAnswer: z
    .object({
      sampling: z.record(z.string(), z.unknown()).optional(),
      elicitation: z.record(z.string(), z.unknown()).optional(),
    })
    .default({}),
});
export type ClientBehaviour = z.infer<typeof ClientBehaviourSchema>;
