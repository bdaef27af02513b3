import { type Client, type ClientOptions, SdkError } from "@modelcontextprotocol/client";
import { MODERN_PROTOCOL_VERSION, type Negotiation, type ProtocolChoice, type SessionTarget } from "@mcpscope/protocol";
import { describeNegotiation, type EraPlan, type EraRetry, type EraTimeouts, planEra, probeMeta } from "./eraSelection.js";
import type { FinishingTransport, SessionAuth } from "../auth/sessionAuth.js";
import { appendLifecycle as lifecycle, type FrameLog } from "./frameLog.js";
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
  /** The session's OAuth, for a remote target whose oauth mode is not off. */
  auth?: SessionAuth;
}

/** Most authorizations one connect runs (a server that keeps answering 401 after each fails). */
const MAX_AUTH_ROUNDS = 3;

/**
 * The HTTP status after which to try HTTP+SSE, if this attempt ended on one: not when the
 * server answered in JSON-RPC that it does not support the protocol version (-32022), which
 * makes it a Streamable HTTP server of another era, not an HTTP+SSE one.
 */
function fallbackStatus(log: FrameLog, sinceSeq: number): number | undefined {
  const frames = log.since(sinceSeq);
  let status: number | undefined;
  for (let i = frames.length - 1; i >= 0 && frames[i]!.seq > sinceSeq; i--) {
    const frame = frames[i]!;
    if (frame.dir === "in" && frame.msg?.error?.code === -32022) return undefined;
    // OAuth exchanges (metadata, registration, token) say nothing about the MCP transport.
    if (frame.meta?.oauth !== undefined) continue;
    if (status === undefined && frame.kind === "http" && typeof frame.meta?.status === "number") status = frame.meta.status;
  }
  return status !== undefined && FALLBACK_STATUSES.has(status) ? status : undefined;
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
 *   before `initialize`) is started again and gets `initialize` (a `fallback` frame);
 * - with `auto`, a server that refuses `initialize` with -32022 naming 2026-07-28 (one that
 *   missed the probe, e.g. slow to start on stdio) is connected again with `server/discover`,
 *   without fallback (a `fallback` frame).
 * - OAuth: a 401 makes the SDK run the authorization flow through the session's provider;
 *   once a person (or the headless follower) completed it, the attempt runs again on a
 *   fresh transport with the token (MCP 2026-07-28 "Authorization → Authorization Flow Steps").
 * @returns the connection, or the failure for the connection doctor.
 */
export async function connectSession(ctx: ConnectContext): Promise<{ ok: true; connection: Connection } | ({ ok: false } & ConnectFailure)> {
  const choice: ProtocolChoice = ctx.target.protocol ?? "auto";
  const candidates = createTransports(ctx.target, ctx.log, ctx.auth);
  let authRounds = 0;
  const attempts: Array<{ make: () => TappedTransport; retry?: EraRetry }> = candidates.map((make) => ({ make }));
  let transport: TappedTransport | undefined;
  for (let i = 0; i < attempts.length; i++) {
    const attempt = attempts[i]!;
    const startSeq = ctx.log.lastSeq;
    transport = attempt.make();
    ctx.onAttempt(transport);
    let plan: EraPlan;
    try {
      plan = planEra(choice, transport.kind, ctx, attempt.retry);
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
      if (ctx.auth?.needsAuthorization(error) && authRounds < MAX_AUTH_ROUNDS) {
        authRounds++;
        try {
          await ctx.auth.authorize(transport as unknown as FinishingTransport, "connect");
        } catch (authError) {
          await transport.close().catch(() => undefined);
          return { ok: false, error: authError, transport };
        }
        // A started transport cannot restart: connect again on a fresh one, which sends the token.
        await transport.close().catch(() => undefined);
        attempts.splice(i + 1, 0, { make: attempt.make, ...(attempt.retry ? { retry: attempt.retry } : {}) });
        continue;
      }
      const status = fallbackStatus(ctx.log, startSeq);
      if (i < attempts.length - 1 && status !== undefined) {
        await transport.close().catch(() => undefined);
        lifecycle(ctx.log, { event: "fallback", from: transport.kind, to: "sse", reason: `HTTP ${status}` });
        continue;
      }
      if (!attempt.retry && exitedOnProbe(error, plan, transport, ctx.log, startSeq)) {
        const reason = "the server exited once probed with server/discover (some handshake-era servers exit on any request before initialize)";
        lifecycle(ctx.log, { event: "fallback", from: "server/discover", to: "initialize", reason: `${reason}; starting it again for initialize` });
        attempts.splice(i + 1, 0, { make: attempt.make, retry: { era: "legacy", reason } });
        continue;
      }
      if (!attempt.retry && choice === "auto" && transport.kind !== "sse" && refusedForModern(ctx.log, startSeq)) {
        await transport.close().catch(() => undefined);
        const reason = `the server refused initialize, naming ${MODERN_PROTOCOL_VERSION} (it may have missed the probe while starting)`;
        lifecycle(ctx.log, { event: "fallback", from: "initialize", to: MODERN_PROTOCOL_VERSION, reason: `${reason}; connecting again with server/discover` });
        attempts.splice(i + 1, 0, { make: attempt.make, retry: { era: "modern", reason } });
        continue;
      }
      // Left open: the connection doctor reads how the process ended before it is closed.
      return { ok: false, error, transport };
    }
    const era = client.getProtocolEra();
    const discover = client.getDiscoverResult();
    const negotiation = describeNegotiation(plan, era, ctx.log.since(startSeq), discover);
    lifecycle(ctx.log, { event: "negotiated", era, protocolVersion: client.getNegotiatedProtocolVersion(), ...negotiation });
    return { ok: true, connection: { client, transport, negotiation } };
  }
  return { ok: false, error: new Error("no transport to try"), transport };
}

/** Whether this attempt's `initialize` was refused with -32022 naming 2026-07-28 (MCP 2026-07-28 "Versioning → Backward Compatibility"). */
function refusedForModern(log: FrameLog, sinceSeq: number): boolean {
  return log.since(sinceSeq).some((f) => {
    if (f.dir !== "in" || f.msg?.error?.code !== -32022) return false;
    const supported = (f.msg.error.data as { supported?: unknown } | undefined)?.supported;
    return Array.isArray(supported) && supported.includes(MODERN_PROTOCOL_VERSION);
  });
}

/**
 * An `auto` stdio attempt whose process exited after the probe was sent (during the probe,
 * or during the `initialize` that followed a probe timeout: the server read the probe late).
 * A server that would have crashed anyway is then started once more, and fails the same way.
 */
function exitedOnProbe(error: unknown, plan: EraPlan, transport: TappedTransport, log: FrameLog, sinceSeq: number): boolean {
  if (plan.mode !== "auto" || !plan.probe || transport.kind !== "stdio" || !transport.exit || !(error instanceof SdkError)) return false;
  return log.since(sinceSeq).some((f) => f.dir === "out" && f.msg?.method === "server/discover");
}
