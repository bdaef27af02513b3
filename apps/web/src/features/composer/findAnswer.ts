import type { JsonRpcId } from "@mcpscope/protocol";
import type { TimelineIndex } from "@mcpscope/timeline";

/** The JSON-RPC id in a raw text, if it parses as an object with a string or number id. */
export function rawId(text: string): JsonRpcId | undefined {
  try {
    const value = JSON.parse(text) as { id?: unknown };
    return typeof value?.id === "string" || typeof value?.id === "number" ? value.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Scans frames after `from` (exclusive) up to `to` (inclusive) for the server's answer to a
 * raw message: an incoming response or error with its id, or — for text without an id — the
 * first incoming response, error or invalid frame (a parse error answers with a null id).
 */
export function findAnswer(index: TimelineIndex, from: number, to: number, id: JsonRpcId | undefined): number | undefined {
  for (let seq = from + 1; seq <= to; seq++) {
    const frame = index.get(seq);
    if (!frame || frame.dir !== "in") continue;
    if (id !== undefined) {
      if ((frame.kind === "response" || frame.kind === "error") && frame.id === id) return seq;
    } else if (frame.kind === "response" || frame.kind === "error" || frame.kind === "invalid") return seq;
  }
  return undefined;
}
