import { UI_EXTENSION_ID } from "@mcpscope/protocol/types";
import type { SessionInfo } from "@mcpscope/protocol/types";

/** True when the session declared the MCP Apps extension (`capabilities.extensions["io.modelcontextprotocol/ui"]`). */
export function sessionDeclaresApps(session: Pick<SessionInfo, "clientCapabilities">): boolean {
  const extensions = session.clientCapabilities?.extensions;
  return typeof extensions === "object" && extensions !== null && UI_EXTENSION_ID in extensions;
}
