// Conversions between config entries and session targets: plain code over types, without
// zod, so the browser can use them (through `@mcpscope/protocol/types`).
import type { McpServerEntry } from "./mcpServersConfig.js";
import type { SessionTarget } from "./session.js";

/**
 * Converts a config entry to a session target (`type` `http` is Streamable HTTP); its
 * `mcpscope` object becomes the session's `client` behaviour, `protocol` and, for a remote
 * server, `oauth`.
 */
export function entryToTarget(name: string, entry: McpServerEntry): SessionTarget {
  const { protocol, oauth, ...behaviour } = entry.mcpscope ?? {};
  const client = { ...(entry.mcpscope ? { client: behaviour as typeof entry.mcpscope } : {}), ...(protocol ? { protocol } : {}) };
  if (entry.command) {
    return { transport: "stdio", command: entry.command, args: entry.args ?? [], env: entry.env ?? {}, ...(entry.cwd ? { cwd: entry.cwd } : {}), name, ...client };
  }
  const transport = entry.type === "sse" ? "sse" : entry.type === "http" || entry.type === "streamable-http" ? "streamable-http" : "auto";
  const auth = oauth ? { oauth: { mode: "interactive" as const, grant: "authorization_code" as const, persistTokens: false, ...oauth } } : {};
  return { transport, url: entry.url!, headers: entry.headers ?? {}, revealSecrets: false, name, ...client, ...auth };
}

/** Converts a session target back to a config entry, for copying out of the UI. */
export function targetToEntry(target: SessionTarget): McpServerEntry {
  // Only the protocol: the other settings keep their defaults when the entry is read back.
  const mcpscope = target.protocol && target.protocol !== "auto" ? { mcpscope: { protocol: target.protocol } as McpServerEntry["mcpscope"] } : {};
  if (target.transport === "stdio") {
    return {
      type: "stdio",
      command: target.command,
      ...(target.args.length ? { args: target.args } : {}),
      ...(Object.keys(target.env).length ? { env: target.env } : {}),
      ...(target.cwd ? { cwd: target.cwd } : {}),
      ...mcpscope,
    };
  }
  return {
    ...(target.transport === "auto" ? {} : { type: target.transport }),
    url: target.url,
    ...(Object.keys(target.headers).length ? { headers: target.headers } : {}),
    ...mcpscope,
  };
}
