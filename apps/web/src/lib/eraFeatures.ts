import type { SessionInfo } from "@mcpscope/protocol/types";

/** A feature of the handshake era that MCP 2026-07-28 removed. */
export type RemovedFeature = "ping" | "logging/setLevel" | "resources/subscribe";

const WHY: Record<RemovedFeature, string> = {
  ping: "MCP 2026-07-28 removed ping: a stateless server keeps no connection to check. Any request's latency in the timeline shows the round trip.",
  "logging/setLevel":
    "MCP 2026-07-28 removed logging/setLevel: a server logs only for requests that name a level in their _meta (io.modelcontextprotocol/logLevel). The level chosen here travels with every request mcpscope sends.",
  "resources/subscribe":
    "MCP 2026-07-28 removed resources/subscribe: mcpscope watches a resource through the session's subscriptions/listen stream instead.",
};

/**
 * Why a feature is not available on a session, in words for a tooltip and an accessible
 * description: set when the session speaks 2026-07-28 (`era: "modern"`) and the feature is
 * one that revision removed (MCP 2026-07-28 changelog), else `undefined`.
 */
export function removedBecause(session: Pick<SessionInfo, "era"> | undefined, feature: RemovedFeature): string | undefined {
  return session?.era === "modern" ? WHY[feature] : undefined;
}
