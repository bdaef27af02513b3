import type { Negotiation } from "@mcpscope/protocol";

/** The MCP revision mcpscope's client speaks best (MCP 2025-11-25). */
export const LATEST_PROTOCOL_VERSION = "2025-11-25";

/**
 * True when a negotiated protocol version (a `YYYY-MM-DD` revision) is older than
 * {@link LATEST_PROTOCOL_VERSION}; revisions compare as strings.
 */
export function isOlderProtocol(version: string | undefined): boolean {
  return version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(version) && version < LATEST_PROTOCOL_VERSION;
}

/**
 * How a session's revision was chosen, in a few words for the header: `auto` (the server
 * answered `server/discover`), `auto → initialize` (it did not: the handshake ran instead),
 * `auto, initialize` (no probe, e.g. over HTTP+SSE), or `pinned`.
 */
export function negotiationLabel(negotiation: Negotiation | undefined): string | undefined {
  if (!negotiation) return undefined;
  if (negotiation.mode === "pinned") return "pinned";
  return negotiation.outcome === "discover" ? "auto" : negotiation.outcome === "fallback" ? "auto → initialize" : "auto, initialize";
}
