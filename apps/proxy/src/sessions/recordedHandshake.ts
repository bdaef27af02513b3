import type { Frame, SessionInfo } from "@mcpscope/protocol";

/** `_meta` key of a 2026-07-28 result naming the server (MCP 2026-07-28 "Discovery"). */
const SERVER_INFO_META_KEY = "io.modelcontextprotocol/serverInfo";

/** How a recorded session connected, from its first frames. */
export interface RecordedHandshake {
  /** Whether it connected (an initialize result, or a `negotiated` lifecycle frame). */
  connected: boolean;
  /** The server's answer: the initialize result, or the `server/discover` result with its `serverInfo` and the negotiated version. */
  result: Record<string, unknown>;
  era?: SessionInfo["era"];
  negotiation?: SessionInfo["negotiation"];
  discover?: Record<string, unknown>;
}

/**
 * Reads how a recorded session connected: the `initialize` answer of a handshake-era
 * session, or, for a 2026-07-28 one (no `initialize`), the `negotiated` lifecycle frame and
 * the `server/discover` answer it was chosen from. Recordings made before mcpscope spoke
 * 2026-07-28 have no `negotiated` frame; their initialize answer says it all.
 */
export function recordedHandshake(first: readonly Frame[]): RecordedHandshake {
  const negotiated = first.find((f) => f.meta?.event === "negotiated")?.meta;
  const era = negotiated?.era === "modern" || negotiated?.era === "legacy" ? negotiated.era : undefined;
  const negotiation = negotiated && typeof negotiated.mode === "string" && typeof negotiated.outcome === "string" ? ({ mode: negotiated.mode, outcome: negotiated.outcome, ...(typeof negotiated.reason === "string" ? { reason: negotiated.reason } : {}) } as SessionInfo["negotiation"]) : undefined;
  const initialize = first.find((f) => f.dir === "in" && f.kind === "response" && typeof (f.msg?.result as { protocolVersion?: unknown } | undefined)?.protocolVersion === "string");
  if (era !== "modern") return { connected: Boolean(initialize), result: (initialize?.msg?.result ?? {}) as Record<string, unknown>, ...(era ? { era } : {}), ...(negotiation ? { negotiation } : {}) };
  const probe = first.findLast((f) => f.dir === "out" && f.kind === "request" && f.msg?.method === "server/discover");
  const answer = probe && first.find((f) => f.seq > probe.seq && f.dir === "in" && f.kind === "response" && f.msg?.id === probe.msg!.id);
  const discover = (answer?.msg?.result ?? {}) as Record<string, unknown>;
  const serverInfo = (discover._meta as Record<string, unknown> | undefined)?.[SERVER_INFO_META_KEY];
  return {
    connected: true,
    result: { ...discover, ...(serverInfo ? { serverInfo } : {}), ...(typeof negotiated?.protocolVersion === "string" ? { protocolVersion: negotiated.protocolVersion } : {}) },
    era,
    ...(negotiation ? { negotiation } : {}),
    ...(answer ? { discover } : {}),
  };
}
