import type { Frame } from "@mcpscope/protocol/types";
import type { RequestPair } from "@mcpscope/timeline";
import { savedParams, type SaveSource } from "./saveSource";

/** Requests a collection cannot hold: the handshake, which every connection sends itself. */
const NOT_SAVED = new Set(["initialize"]);

/**
 * A request frame the client sent, as "Save to collection…" saves it: its method and params
 * (without `_meta`), and the answer its pair holds; undefined for any other frame.
 */
export function requestFrameSource(frame: Frame, method: string | undefined, pair: RequestPair | undefined): SaveSource | undefined {
  if (frame.kind !== "request" || frame.dir !== "out" || !method || NOT_SAVED.has(method)) return undefined;
  const params = savedParams(frame.msg?.params);
  const response = pair?.response?.msg;
  const answer: SaveSource["answer"] = response?.error ? { error: response.error } : response && "result" in response ? { result: (response.result ?? {}) as Record<string, unknown> } : undefined;
  const label = typeof params.name === "string" ? params.name : typeof params.uri === "string" ? params.uri : method;
  return { method, params, ...(answer ? { answer } : {}), ...(pair?.latencyMs !== undefined ? { durationMs: pair.latencyMs } : {}), suggestedName: label };
}
