import type { Client } from "@modelcontextprotocol/client";
import type { ClientBehaviour, Negotiation, Root, SessionInfo, SessionSettings, SessionStatus, SessionTarget, SubscriptionState, TransportKind } from "@mcpscope/protocol";
import { clientCapabilities, modernClientCapabilities } from "./clientCapabilities.js";
import type { TappedTransport } from "./transports/tappedTransport.js";

/**
 * What the server said about itself at connect time (from `initialize`, or from
 * `server/discover` on 2026-07-28). Taken once, when connected: the SDK client forgets it
 * when the connection closes, and a closed session still reports it.
 */
export interface ServerIdentity {
  serverInfo?: SessionInfo["serverInfo"];
  capabilities?: Record<string, unknown>;
  instructions?: string;
  protocolVersion?: string;
  era?: SessionInfo["era"];
  discover?: Record<string, unknown>;
}

/** Reads a connected SDK client's view of the server. */
export function serverIdentity(client: Client): ServerIdentity {
  return {
    serverInfo: client.getServerVersion(),
    capabilities: client.getServerCapabilities(),
    instructions: client.getInstructions(),
    protocolVersion: client.getNegotiatedProtocolVersion(),
    era: client.getProtocolEra(),
    discover: client.getDiscoverResult(),
  };
}

/** What a live session knows about itself, for `projectSessionInfo`. */
export interface SessionState {
  id: string;
  createdAt: number;
  status: SessionStatus;
  transportKind: TransportKind;
  /** The target with secrets redacted. */
  target: SessionTarget;
  server?: ServerIdentity;
  transport?: TappedTransport;
  negotiation?: Negotiation;
  /** The revision the server answered `initialize` with, when connecting failed after it. */
  observedVersion?: string;
  settings: SessionSettings;
  behaviour: ClientBehaviour;
  roots: Root[];
  /** The `subscriptions/listen` stream's state (2026-07-28). */
  subscription?: SubscriptionState;
  previousId?: string;
  lastSeq: number;
  error?: string;
  errorDetail?: { code: string; hint: string };
}

/**
 * The session as the REST API and WebSocket report it: the server's identity, capabilities
 * and instructions (from `initialize`, or from `server/discover` on 2026-07-28), the
 * negotiated revision, its era and how it was chosen, and the `server/discover` result.
 */
export function projectSessionInfo(s: SessionState): SessionInfo {
  const { serverInfo, capabilities, instructions, era, discover } = s.server ?? {};
  const protocolVersion = s.server?.protocolVersion ?? s.observedVersion;
  const pid = s.transport?.pid;
  return {
    id: s.id,
    status: s.status,
    transport: s.transportKind,
    target: s.target,
    createdAt: s.createdAt,
    ...(serverInfo ? { serverInfo } : {}),
    ...(capabilities ? { capabilities } : {}),
    ...(protocolVersion ? { protocolVersion } : {}),
    ...(era ? { era } : {}),
    ...(s.negotiation ? { negotiation: s.negotiation } : {}),
    ...(discover ? { discover } : {}),
    ...(instructions ? { instructions } : {}),
    ...(pid !== undefined && !s.transport?.exit ? { pid } : {}),
    settings: s.settings,
    clientCapabilities: era === "modern" ? modernClientCapabilities(s.behaviour.capabilities) : clientCapabilities(s.behaviour.capabilities),
    ...(s.subscription ? { subscription: s.subscription } : {}),
    roots: s.roots,
    ...(s.previousId ? { previousId: s.previousId } : {}),
    lastSeq: s.lastSeq,
    ...(s.error ? { error: s.error } : {}),
    ...(s.errorDetail ? { errorCode: s.errorDetail.code, errorHint: s.errorDetail.hint } : {}),
  };
}
