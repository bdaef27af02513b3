import { ProtocolError, SdkError, SdkErrorCode, SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/client";
import { type Frame, HANDSHAKE_PROTOCOL_VERSIONS, type JsonRpcMessage, MODERN_PROTOCOL_VERSION, type SessionTarget } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { probeAnswer } from "./eraSelection.js";

/** `UnsupportedProtocolVersionError` (MCP 2026-07-28 "Versioning → Protocol Version Negotiation"). */
const UNSUPPORTED_PROTOCOL_VERSION = -32022;

/** The answer the server sent to the last `method` request, if any. */
function answerTo(frames: readonly Frame[], method: string): JsonRpcMessage | undefined {
  let request: Frame | undefined;
  for (let i = frames.length - 1; i >= 0 && !request; i--) {
    const f = frames[i]!;
    if (f.dir === "out" && f.kind === "request" && f.msg?.method === method) request = f;
  }
  if (!request) return undefined;
  return frames.find((f) => f.seq > request.seq && f.dir === "in" && (f.kind === "response" || f.kind === "error") && f.msg?.id === request.msg!.id)?.msg;
}

/** The versions an `UnsupportedProtocolVersionError` (or a `DiscoverResult`) names. */
function supportedList(value: unknown, key: "supported" | "supportedVersions"): string[] | undefined {
  const list = (value as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(list) && list.length > 0 && list.every((v) => typeof v === "string") ? list : undefined;
}

const isModern = (version: string) => version >= MODERN_PROTOCOL_VERSION;

function probeTimeout(frames: readonly Frame[]): number {
  const probe = frames.find((f) => f.meta?.event === "probe");
  return typeof probe?.meta?.timeoutMs === "number" ? probe.meta.timeoutMs : 0;
}

/** Why connecting ran `initialize`: the `auto` fallback's reason, or the pin. */
function whyInitialize(target: SessionTarget, frames: readonly Frame[]): string {
  const choice = target.protocol ?? "auto";
  if (choice !== "auto") return `This session is pinned to ${choice}.`;
  if (!frames.some((f) => f.meta?.event === "probe")) return "mcpscope ran initialize without probing: the HTTP+SSE transport predates 2026-07-28.";
  return `mcpscope fell back to initialize because ${probeAnswer(frames, probeTimeout(frames))} (a server slow to start may miss the probe: raise the initialize timeout, or pin 2026-07-28).`;
}

/**
 * The connection doctor's era part (MCP 2026-07-28 "Versioning → Backward Compatibility"):
 * explains a connection that failed because the server does not speak the revision or era
 * the session used, naming the versions the server supports where it said so:
 * - `initialize` answered with an error listing only 2026-07-28 (a modern-only server);
 * - `initialize` answered with supported versions that exclude the pinned one, or with a
 *   different version than the pinned one;
 * - pinned 2026-07-28, and `server/discover` did not offer it (a handshake-era server);
 * - `server/discover` answered -32022 naming only revisions mcpscope does not speak.
 * @returns the failure, or `undefined` when the era is not what went wrong.
 */
export function explainEraFailure(err: unknown, target: SessionTarget, frames: readonly Frame[]): ApiFailure | undefined {
  const choice = target.protocol ?? "auto";
  const initialize = answerTo(frames, "initialize");
  const initError = initialize?.error;
  const supported = initError && supportedList(initError.data, "supported");
  if (initError && supported) {
    const said = `It answered initialize with error ${initError.code} (${JSON.stringify(initError.message)}), naming the versions it supports: ${supported.join(", ")}.`;
    if (supported.every(isModern)) {
      const only = supported.join(" and ");
      return new ApiFailure("PROTOCOL_ERA_MISMATCH", `This server speaks only ${only}; connect with --protocol auto or ${supported[0]}. ${said}`, whyInitialize(target, frames));
    }
    return new ApiFailure("PROTOCOL_ERA_MISMATCH", `The server does not speak ${choice === "auto" ? "the revision mcpscope offered" : choice}. ${said}`, `Connect with --protocol auto, or pin one of ${supported.join(", ")}.`);
  }
  const answered = (initialize?.result as { protocolVersion?: unknown } | undefined)?.protocolVersion;
  if (choice !== "auto" && choice !== MODERN_PROTOCOL_VERSION && typeof answered === "string" && answered !== choice && SUPPORTED_PROTOCOL_VERSIONS.includes(answered)) {
    return new ApiFailure(
      "PROTOCOL_ERA_MISMATCH",
      `The server answered initialize with protocol version ${answered}, not ${choice}, which this session is pinned to.`,
      `Connect with --protocol auto or ${answered}.`,
    );
  }
  const negotiationFailed = err instanceof SdkError && err.code === SdkErrorCode.EraNegotiationFailed;
  const discoverError = err instanceof ProtocolError && err.code === UNSUPPORTED_PROTOCOL_VERSION ? supportedList(err.data, "supported") : undefined;
  const discovered = supportedList(answerTo(frames, "server/discover")?.result, "supportedVersions");
  if (choice === MODERN_PROTOCOL_VERSION && (negotiationFailed || discoverError)) {
    const versions = discoverError ?? discovered;
    return new ApiFailure(
      "PROTOCOL_ERA_MISMATCH",
      `The server does not speak ${MODERN_PROTOCOL_VERSION}: ${versions ? `it supports ${versions.join(", ")}` : probeAnswer(frames, probeTimeout(frames))}.`,
      `It looks like a handshake-era server: connect with --protocol auto, or pin one of ${(versions?.filter((v) => !isModern(v)) ?? [...HANDSHAKE_PROTOCOL_VERSIONS]).join(", ")}.`,
    );
  }
  if (discoverError) {
    return new ApiFailure("PROTOCOL_VERSION_MISMATCH", `The server speaks only ${discoverError.join(", ")}, which mcpscope does not support.`, `mcpscope speaks ${MODERN_PROTOCOL_VERSION}, ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")}. Upgrade mcpscope, or the server's SDK.`);
  }
  return undefined;
}
