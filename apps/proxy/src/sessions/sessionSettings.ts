import { type ClientBehaviour, META_KEYS, type ProtocolEra, type SessionSettings, type UpdateSettingsBody } from "@mcpscope/protocol";
import { modernClientCapabilities } from "./clientCapabilities.js";
import type { TimerSettings } from "./requestTimers.js";

/**
 * The settings after a `PATCH …/settings` body: given fields replace, absent ones stay,
 * `null` removes an optional one (`maxTotalTimeoutMs`, `logLevel`).
 */
export function patchSettings(settings: SessionSettings, patch: UpdateSettingsBody): SessionSettings {
  const { maxTotalTimeoutMs, logLevel, ...rest } = patch;
  const next: SessionSettings = { ...settings, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
  if (maxTotalTimeoutMs === null) delete next.maxTotalTimeoutMs;
  else if (maxTotalTimeoutMs !== undefined) next.maxTotalTimeoutMs = maxTotalTimeoutMs;
  if (logLevel === null) delete next.logLevel;
  else if (logLevel !== undefined) next.logLevel = logLevel;
  return next;
}

/** A request's timer settings from the session's (`timeoutMs` overrides the idle timeout). */
export function timerSettings(settings: SessionSettings, timeoutMs?: number): TimerSettings {
  const { requestTimeoutMs, resetTimeoutOnProgress, maxTotalTimeoutMs } = settings;
  return { idleMs: timeoutMs ?? requestTimeoutMs, resetOnProgress: resetTimeoutOnProgress, ...(maxTotalTimeoutMs === undefined ? {} : { maxTotalMs: maxTotalTimeoutMs }) };
}

/**
 * `_meta` keys a 2026-07-28 request carries beside the SDK's envelope (MCP 2026-07-28
 * "Base Protocol → Statelessness"): the session's log level (`io.modelcontextprotocol/logLevel`),
 * and the capabilities with the Tasks extension. None on the handshake era.
 */
export function requestEnvelope(era: ProtocolEra | undefined, settings: SessionSettings, behaviour: ClientBehaviour): Record<string, unknown> | undefined {
  if (era !== "modern") return undefined;
  const { logLevel } = settings;
  return { [META_KEYS.clientCapabilities]: modernClientCapabilities(behaviour.capabilities), ...(logLevel ? { [META_KEYS.logLevel]: logLevel } : {}) };
}
