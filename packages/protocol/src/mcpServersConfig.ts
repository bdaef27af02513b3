import { z } from "zod";
import { OAuthSettingsSchema } from "./auth.js";
import { ClientBehaviourSchema } from "./serverRequests.js";
import { ProtocolChoiceSchema } from "./session.js";

/**
 * The `mcpscope` object of a config entry: the session's client behaviour
 * (`ClientBehaviour`), `protocol`, the revision to speak (`auto` when absent), and `oauth`,
 * a remote server's OAuth settings (`OAuthSettings`: a pre-registered `clientId` and
 * `clientSecret`, `scope`, …).
 */
export const McpscopeEntrySettingsSchema = ClientBehaviourSchema.extend({ protocol: ProtocolChoiceSchema.optional(), oauth: OAuthSettingsSchema.partial().optional() });

/**
 * One entry of an `mcpServers` config file, the shape Claude Desktop, Cursor and VS Code
 * use: `command`/`args`/`env`/`cwd` for stdio, `url`/`headers` for remote servers, and an
 * optional `type`. mcpscope also reads an optional `mcpscope` object: its session's client
 * behaviour (`ClientBehaviour`: capabilities switched off, roots, and `autoAnswer` canned
 * answers for unattended runs) and `protocol` (`auto`, `2026-07-28` or a handshake-era
 * version); other clients ignore keys they do not know.
 */
export const McpServerEntrySchema = z
  .object({
    type: z.enum(["stdio", "sse", "streamable-http", "http"]).optional(),
    command: z.string().optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
    url: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    mcpscope: McpscopeEntrySettingsSchema.optional(),
  })
  .passthrough()
  .refine((e) => (e.command ? !e.url : Boolean(e.url)), "a server entry needs either a command (stdio) or a url (remote), not both");
export type McpServerEntry = z.infer<typeof McpServerEntrySchema>;

/** A whole config file: `{ "mcpServers": { "<name>": entry, … } }` (VS Code's `servers` too). */
export const McpServersConfigSchema = z
  .object({
    mcpServers: z.record(z.string(), McpServerEntrySchema).optional(),
    servers: z.record(z.string(), McpServerEntrySchema).optional(),
  })
  .refine((c) => c.mcpServers || c.servers, 'expected an object with "mcpServers" (or "servers")');
export type McpServersConfig = z.infer<typeof McpServersConfigSchema>;

/** A configured server as `GET /api/servers` lists it (secret values redacted). */
export const ConfiguredServerSchema = z.object({
  name: z.string(),
  entry: McpServerEntrySchema,
});
export type ConfiguredServer = z.infer<typeof ConfiguredServerSchema>;
