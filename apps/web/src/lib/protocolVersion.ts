/** The MCP revision mcpscope's client speaks best (MCP 2025-11-25). */
export const LATEST_PROTOCOL_VERSION = "2025-11-25";

/**
 * True when a negotiated protocol version (a `YYYY-MM-DD` revision) is older than
 * {@link LATEST_PROTOCOL_VERSION}; revisions compare as strings.
 */
export function isOlderProtocol(version: string | undefined): boolean {
  return version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(version) && version < LATEST_PROTOCOL_VERSION;
}
