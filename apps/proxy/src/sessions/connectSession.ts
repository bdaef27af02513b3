import { type Client, type ClientOptions, SdkError, SdkErrorCode } from "@modelcontextprotocol/client";
import type { Negotiation, ProtocolChoice, SessionTarget } from "@mcpscope/protocol";
import { describeNegotiation, type EraPlan, type EraTimeouts, planEra, probeMeta } from "./eraSelection.js";
import type { FrameLog } from "./frameLog.js";
import { createTransports } from "./transports/createTransports.js";
import type { TappedTransport } from "./transports/tappedTransport.js";

/** HTTP statuses after which `auto` falls back from Streamable HTTP to HTTP+SSE (spec "Backwards Compatibility"). */
const FALLBACK_STATUSES = new Set([400, 404, 405]);

/** An established connection. */
export interface Connection {
  client: Client;
  transport: TappedTransport;
  negotiation: Negotiation;
}

/** A failed connect: the error and the transport of the last attempt, for the doctor. */
export interface ConnectFailure {
  error: unknown;
  transport?: TappedTransport;
}

export interface ConnectContext extends EraTimeouts {
  target: SessionTarget;
  log: FrameLog;
  /** A fresh SDK client with these era options, handlers registered. */
  newClient(era: Pick<ClientOptions, "versionNegotiation" | "supportedProtocolVersions">): Client;
  /** Told of each attempt's transport as it starts (the session reports its pid, exit …). */
  onAttempt(transport: TappedTransport): void;
}

function lifecycle(log: FrameLog, meta: Record<string, unknown>): void {
  log.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
}

function lastHttpStatus(log: FrameLog): number | undefined {
  const frames = log.recent();
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i]!;
    if (frame.kind === "http" && typeof frame.meta?.status === "number") return frame.meta.status;
  }
  return undefined;
}

/**
 * Connects a session (MCP 2026-07-28 "Versioning → Backward Compatibility"; 2025-11-25
 * "Transports → Backwards Compatibility"), recording every decision as a lifecycle frame:
 * - the revision: `auto` probes with `server/discover` and falls back to `initialize`, a
 *   version is pinned (`planEra`); a `probe` frame says how long the probe waits and what
 *   silence means, a `negotiated` frame which era was chosen and why;
 * - the transport: with `auto`, Streamable HTTP then HTTP+SSE after a 400/404/405 answer
 *   (a `fallback` frame);
 * - a stdio server that exits on the probe (some handshake-era servers exit on any request
 *   before `initialize`) is started again and gets `initialize` (a `fallback` frame).
 * @returns the connection, or the failure for the connection doctor.
 */
export async function connectSession(ctx: ConnectContext): Promise<{ ok: true; connection: Connection } | ({ ok: false } & ConnectFailure)> {
  const choice: ProtocolChoice = ctx.target.protocol ?? "auto";
  const candidates = createTransports(ctx.target, ctx.log);
  const attempts: Array<{ make: () => TappedTransport; legacyBecause?: string }> = candidates.map((make) => ({ make }));
  let transport: TappedTransport | undefined;
  for (let i = 0; i < attempts.length; i++) {
    const attempt = attempts[i]!;
    transport = attempt.make();
    ctx.onAttempt(transport);
    let plan: EraPlan;
    try {
      plan = planEra(choice, transport.kind, ctx, attempt.legacyBecause);
    } catch (error) {
      return { ok: false, error, transport };
    }
    const client = ctx.newClient(plan.client);
    if (plan.probe) {
      const announce = () => lifecycle(ctx.log, probeMeta(plan, transport!.kind));
      if (transport.kind === "stdio") transport.onstarted = announce;
      else announce();
    }
    try {
      await client.connect(transport, { timeout: ctx.initializeTimeoutMs });
    } catch (error) {
      const status = lastHttpStatus(ctx.log);
      if (i < attempts.length - 1 && status !== undefined && FALLBACK_STATUSES.has(status)) {
        await transport.close().catch(() => undefined);
        lifecycle(ctx.log, { event: "fallback", from: transport.kind, to: "sse", reason: `HTTP ${status}` });
        continue;
      }
      if (exitedOnProbe(error, plan, transport)) {
        const reason = "the server exited on server/discover (some handshake-era servers exit on any request before initialize)";
        lifecycle(ctx.log, { event: "fallback", from: "server/discover", to: "initialize", reason: `${reason}; starting it again for initialize` });
        attempts.splice(i + 1, 0, { make: attempt.make, legacyBecause: reason });
        continue;
      }
      // Left open: the connection doctor reads how the process ended before it is closed.
      return { ok: false, error, transport };
    }
    const era = client.getProtocolEra();
    const discover = client.getDiscoverResult();
    const negotiation = describeNegotiation(plan, era, ctx.log.recent(), discover);
    lifecycle(ctx.log, { event: "negotiated", era, protocolVersion: client.getNegotiatedProtocolVersion(), ...negotiation });
    return { ok: true, connection: { client, transport, negotiation } };
  }
  return { ok: false, error: new Error("no transport to try"), transport };
}

/** A stdio probe that ended because the process exited, with `auto` still free to fall back. */
function exitedOnProbe(error: unknown, plan: EraPlan, transport: TappedTransport): boolean {
  return (
    plan.mode === "auto" &&
    plan.probe !== undefined &&
    transport.kind === "stdio" &&
    transport.exit !== undefined &&
    error instanceof SdkError &&
    error.code === SdkErrorCode.EraNegotiationFailed
  );
}
