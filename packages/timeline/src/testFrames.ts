import type { Frame, JsonRpcMessage } from "@mcpscope/protocol";

/** Builds frames with contiguous seqs for tests. */
export function frameMaker() {
  let seq = 0;
  return function frame(dir: Frame["dir"], kind: Frame["kind"], msg: Partial<JsonRpcMessage> | undefined, ts: number, raw?: string): Frame {
    seq += 1;
    const full = msg ? ({ jsonrpc: "2.0", ...msg } as JsonRpcMessage) : undefined;
    const text = raw ?? (full ? JSON.stringify(full) : "garbage");
    return { sessionId: "s", seq, ts, dir, kind, raw: text, bytes: text.length, ...(full ? { msg: full } : {}) };
  };
}
