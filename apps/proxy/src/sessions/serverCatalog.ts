import { readFile } from "node:fs/promises";
import { type ConfiguredServer, entryToTarget, type McpServerEntry, McpServersConfigSchema, type SessionTarget } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { REDACTED, redactEnv, redactHeaders } from "./transports/redactHeaders.js";

/**
 * The servers of an `mcpServers` config file (`mcpscope --config <file>`), listed in the UI
 * to connect with one click. Entries are read once at start; secrets stay in the proxy.
 */
export class ServerCatalog {
  constructor(private readonly entries: Record<string, McpServerEntry> = {}) {}

  /**
   * Reads and validates a config file.
   * @throws Error naming the file and what is wrong with it.
   */
  static async load(path: string): Promise<ServerCatalog> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      throw new Error(`cannot read config file ${path}: ${(err as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`config file ${path} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = McpServersConfigSchema.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ");
      throw new Error(`config file ${path} is not an mcpServers config: ${detail}`);
    }
    return new ServerCatalog({ ...parsed.data.servers, ...parsed.data.mcpServers });
  }

  /** Configured servers, secret header and env values redacted. */
  list(): ConfiguredServer[] {
    return Object.entries(this.entries).map(([name, entry]) => ({
      name,
      entry: {
        ...entry,
        ...(entry.env ? { env: redactEnv(entry.env) } : {}),
        ...(entry.headers ? { headers: redactHeaders(entry.headers) } : {}),
        ...(entry.mcpscope?.oauth?.clientSecret || entry.mcpscope?.oauth?.accessToken
          ? { mcpscope: { ...entry.mcpscope, oauth: { ...entry.mcpscope.oauth, ...(entry.mcpscope.oauth.clientSecret ? { clientSecret: REDACTED } : {}), ...(entry.mcpscope.oauth.accessToken ? { accessToken: REDACTED } : {}) } } }
          : {}),
      },
    }));
  }

  /** @throws ApiFailure SERVER_NOT_CONFIGURED */
  target(name: string): SessionTarget {
    const entry = this.entries[name];
    if (!entry) {
      const known = Object.keys(this.entries);
      throw new ApiFailure("SERVER_NOT_CONFIGURED", `No server named ${JSON.stringify(name)} in the config.`, known.length ? `Configured servers: ${known.join(", ")}.` : "Start mcpscope with --config <file> to list servers.");
    }
    return entryToTarget(name, entry);
  }
}
