import type { ClientOptions } from "@modelcontextprotocol/client";
import { type Frame, MODERN_PROTOCOL_VERSION, type Negotiation, type ProtocolChoice, type TransportKind } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";

/**
 * Longest wait for a stdio server's answer to the `server/discover` probe, in milliseconds
 * (never longer than the initialize timeout). On stdio a server that stays silent is taken
 * for a handshake-era server that ignores requests it does not know before `initialize`: it
 * then gets `initialize` on the same pipe, so such a server costs this much extra at connect.
 */
export const DEFAULT_STDIO_PROBE_TIMEOUT_MS = 5_000;

/** How a connection attempt picks its protocol revision. */
export interface EraPlan {
  mode: Negotiation["mode"];
  /** Options for the SDK `Client` (its `versionNegotiation` and `supportedProtocolVersions`). */
  client: Pick<ClientOptions, "versionNegotiation" | "supportedProtocolVersions">;
  /** Set when connecting probes with `server/discover` first. */
  probe?: { timeoutMs: number; onSilence: "initialize" | "fail" };
  /** Why connecting runs `initialize` without a probe. */
  noProbeReason?: string;
  /** Why this attempt is a retry in the other era. */
  retryReason?: string;
}

/** An `auto` attempt in the era an earlier attempt showed, and why. */
export interface EraRetry {
  era: "modern" | "legacy";
  reason: string;
}

export interface EraTimeouts {
  initializeTimeoutMs: number;
  stdioProbeTimeoutMs: number;
}

/**
 * The plan for one connection attempt (MCP 2026-07-28 "Versioning → Backward
 * Compatibility"): `auto` probes with `server/discover` (on stdio in place, with a short
 * timeout after which silence means the handshake era; on Streamable HTTP silence is an
 * error) and falls back to `initialize`; `2026-07-28` probes and never falls back; an older
 * revision runs `initialize` offering only that one. HTTP+SSE predates 2026-07-28: `auto`
 * runs `initialize` on it directly. `retry` is an `auto` attempt that an earlier one showed
 * the era of: `legacy` (the server exited on the probe) runs `initialize` at once, `modern`
 * (it refused `initialize`, naming 2026-07-28) probes without falling back.
 * @throws ApiFailure PROTOCOL_TRANSPORT_MISMATCH for 2026-07-28 over HTTP+SSE.
 */
export function planEra(choice: ProtocolChoice, transport: TransportKind, timeouts: EraTimeouts, retry?: EraRetry): EraPlan {
  if (choice === MODERN_PROTOCOL_VERSION || retry?.era === "modern") {
    if (transport === "sse") throw new ApiFailure("PROTOCOL_TRANSPORT_MISMATCH");
    return {
      mode: choice === "auto" ? "auto" : "pinned",
      client: { versionNegotiation: { mode: { pin: MODERN_PROTOCOL_VERSION }, probe: { timeoutMs: timeouts.initializeTimeoutMs } } },
      probe: { timeoutMs: timeouts.initializeTimeoutMs, onSilence: "fail" },
      ...(retry ? { retryReason: retry.reason } : {}),
    };
  }
  if (choice !== "auto") return { mode: "pinned", client: { supportedProtocolVersions: [choice] }, noProbeReason: `pinned to ${choice}` };
  if (retry) return { mode: "auto", client: {}, noProbeReason: retry.reason };
  if (transport === "sse") return { mode: "auto", client: {}, noProbeReason: "the HTTP+SSE transport predates 2026-07-28" };
  const timeoutMs = transport === "stdio" ? Math.min(timeouts.stdioProbeTimeoutMs, timeouts.initializeTimeoutMs) : timeouts.initializeTimeoutMs;
  return {
    mode: "auto",
    client: { versionNegotiation: { mode: "auto", probe: { timeoutMs } } },
    probe: { timeoutMs, onSilence: transport === "stdio" ? "initialize" : "fail" },
  };
}

/** The `probe` lifecycle frame's details: what is sent, how long it waits, what silence means. */
export function probeMeta(plan: EraPlan, transport: TransportKind): Record<string, unknown> & { event: "probe" } {
  const probe = plan.probe!;
  const note =
    probe.onSilence === "initialize"
      ? `probing in place on ${transport}: a server that does not answer within ${probe.timeoutMs} ms is taken for a handshake-era server and gets initialize next`
      : `${plan.mode === "pinned" ? `pinned to ${MODERN_PROTOCOL_VERSION}: no fallback` : plan.retryReason ? `${plan.retryReason}: no fallback` : "an answer without 2026-07-28 falls back to initialize"}; no answer within ${probe.timeoutMs} ms fails the connection`;
  return { event: "probe", method: "server/discover", transport, mode: plan.mode, timeoutMs: probe.timeoutMs, note };
}

/** What the server said to the `server/discover` probe, in words, from the recorded frames. */
export function probeAnswer(frames: readonly Frame[], timeoutMs: number): string {
  let probe: Frame | undefined;
  for (let i = frames.length - 1; i >= 0 && !probe; i--) {
    const f = frames[i]!;
    if (f.dir === "out" && f.kind === "request" && f.msg?.method === "server/discover") probe = f;
  }
  if (!probe) return "no server/discover probe was recorded";
  for (const f of frames) {
    if (f.seq <= probe.seq) continue;
    if (f.dir === "in" && f.msg && f.msg.id === probe.msg!.id) {
      const error = f.msg.error;
      if (error) return `server/discover answered error ${error.code}: ${error.message}`;
      const versions = (f.msg.result as { supportedVersions?: unknown } | undefined)?.supportedVersions;
      return `server/discover answered without ${MODERN_PROTOCOL_VERSION} (supportedVersions: ${JSON.stringify(versions)})`;
    }
    if (f.kind === "http" && probe.meta?.exchange !== undefined && f.meta?.exchange === probe.meta.exchange && typeof f.meta.status === "number" && f.meta.status >= 400) {
      return `server/discover answered HTTP ${f.meta.status}`;
    }
  }
  const exit = frames.find((f) => f.seq > probe.seq && f.meta?.event === "exited");
  return exit ? "the server exited on server/discover" : `no answer to server/discover within ${timeoutMs} ms`;
}

/** How the revision was chosen, once connected, for SessionInfo and the `negotiated` frame. */
export function describeNegotiation(plan: EraPlan, era: "modern" | "legacy" | undefined, frames: readonly Frame[], discover?: { supportedVersions?: unknown }): Negotiation {
  if (era === "modern") {
    const answered = `the server answered server/discover (supportedVersions: ${JSON.stringify(discover?.supportedVersions ?? [])})`;
    return { mode: plan.mode, outcome: "discover", reason: plan.retryReason ? `${plan.retryReason}; ${answered}` : answered };
  }
  if (plan.probe) return { mode: plan.mode, outcome: "fallback", reason: probeAnswer(frames, plan.probe.timeoutMs) };
  return { mode: plan.mode, outcome: "initialize", ...(plan.noProbeReason ? { reason: plan.noProbeReason } : {}) };
}
