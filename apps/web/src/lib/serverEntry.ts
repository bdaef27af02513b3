import { targetToEntry, type McpServerEntry, type SessionTarget } from "@mcpscope/protocol/types";

/** `{"<name>": entry}` as pretty JSON, ready to paste into an `mcpServers` object. */
export function serverEntryJson(name: string, entry: McpServerEntry): string {
  return JSON.stringify({ [name]: entry }, null, 2);
}

/** A session target as an `mcpServers` entry under `name` (`targetToEntry`), as pretty JSON. */
export function targetEntryJson(name: string, target: SessionTarget): string {
  return serverEntryJson(name, targetToEntry(target));
}
