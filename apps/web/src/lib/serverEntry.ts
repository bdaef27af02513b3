import type { McpServerEntry, SessionTarget } from "@mcpscope/protocol";

/**
 * `targetToEntry` of `@mcpscope/protocol`, restated here because importing a value from
 * that package pulls zod (~150 KB) into the browser bundle; `serverEntry.test.ts` holds the
 * two to the same output.
 */
export function toServerEntry(target: SessionTarget): McpServerEntry {
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

/** `{"<name>": entry}` as pretty JSON, ready to paste into an `mcpServers` object. */
export function serverEntryJson(name: string, entry: McpServerEntry): string {
  return JSON.stringify({ [name]: entry }, null, 2);
}

/** A session target as an `mcpServers` entry under `name`, as pretty JSON. */
export function targetEntryJson(name: string, target: SessionTarget): string {
  return serverEntryJson(name, toServerEntry(target));
}
