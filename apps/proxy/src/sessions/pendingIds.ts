import type { FrameInput } from "./frameLog.js";

const MAX_REMEMBERED_CANCELLED = 1000;

function key(requestDir: "in" | "out", id: unknown): string {
  return `${requestDir}|${typeof id}|${String(id)}`;
}

/**
 * Tracks the JSON-RPC ids of requests waiting for an answer, in each direction, and gives
 * a `reason` to responses that match none (JSON-RPC 2.0 §5: a response must carry the id
 * of a request it answers): an unknown id, a second answer to the same id, or an answer
 * after the request was cancelled. Used as a `FrameLog` annotator, before a frame is
 * stamped: frames are never changed afterwards.
 */
export class PendingIds {
  private readonly pending = new Set<string>();
  private readonly cancelled = new Set<string>();

  /** Returns the frame input, with a `reason` when it is an unmatched response. */
  annotate = (input: FrameInput): FrameInput => {
    const msg = input.msg;
    if (!msg || (input.dir !== "in" && input.dir !== "out")) return input;
    if (input.kind === "request") {
      this.pending.add(key(input.dir, msg.id));
      return input;
    }
    if (input.kind === "notification" && msg.method === "notifications/cancelled") {
      const requestId = (msg.params as { requestId?: unknown } | undefined)?.requestId;
      const k = key(input.dir, requestId);
      if (this.pending.delete(k)) {
        this.cancelled.add(k);
        if (this.cancelled.size > MAX_REMEMBERED_CANCELLED) this.cancelled.delete(this.cancelled.values().next().value!);
      }
      return input;
    }
    if (input.kind !== "response" && input.kind !== "error") return input;
    if (msg.id === null) return { ...input, reason: "error with a null id: the other side could not tell which request it answers (JSON-RPC 2.0 §5)" };
    const k = key(input.dir === "in" ? "out" : "in", msg.id);
    if (this.pending.delete(k)) return input;
    const reason = this.cancelled.delete(k)
      ? `answer to request ${JSON.stringify(msg.id)} after it was cancelled`
      : `unmatched: no request with id ${JSON.stringify(msg.id)} is waiting (an unknown or duplicate id)`;
    return { ...input, reason };
  };
}
