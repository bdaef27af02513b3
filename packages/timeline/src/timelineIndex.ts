import type { Frame, JsonRpcId } from "@mcpscope/protocol";
import { FrameColumns } from "./frameColumns.js";
import { messageMethod, StoredFrame } from "./storedFrame.js";

/**
 * A request and what answered it, derived from frames (never stored in the log). Built on
 * each `pairOf` call, with new frame views (compare them by `seq`).
 */
export interface RequestPair {
  request: Frame;
  /** The `response` or `error` frame, absent while the request is in flight. */
  response?: Frame;
  /** Milliseconds from the request frame to its response frame. */
  latencyMs?: number;
  /** `notifications/progress` frames carrying this request's progress token, in wire order. */
  progress: Frame[];
}

/** The longest gap in seq held as `invalid` frames (see `TimelineIndex.add`). */
export const MAX_SEQ_GAP = 100_000;

/** The direction a request's answer travels, per the direction of the request. */
const ANSWER_DIR: Partial<Record<Frame["dir"], Frame["dir"]>> = { out: "in", in: "out", app: "host", host: "app" };

function pairKey(requestDir: Frame["dir"], id: JsonRpcId, frame: Frame): string {
  // Ids are scoped per sender (JSON-RPC 2.0 §4): the client's request 1 and the server's
  // request 1 are different requests. Numbers and strings are distinct ids too. Between an
  // MCP App and its host, per app instance (`meta.app`): every app numbers from 1.
  const app = requestDir === "app" || requestDir === "host" ? frame.meta?.app : undefined;
  return `${requestDir}|${typeof app === "string" ? `${app}|` : ""}${typeof id}|${id}`;
}

function progressKey(token: unknown): string | undefined {
  if (typeof token === "string" || typeof token === "number") return `${typeof token}|${token}`;
  return undefined;
}

/**
 * Incremental index over one session's frames: pairs requests with responses (JSON-RPC 2.0
 * §5: a response carries its request's id, sent in the opposite direction; `app` ↔ `host`
 * per MCP App instance) and groups
 * `notifications/progress` under the request whose `params._meta.progressToken` they carry
 * (MCP 2025-11-25 "Utilities → Progress").
 *
 * Frames must be added in `seq` order; `add` is O(batch size). Frames are stored by column
 * (see `FrameColumns`, about 200 B per frame at 1,000,000 frames, mostly `raw`), plus a few
 * map entries per request.
 */
export class TimelineIndex {
  /** All frames added, by column; read them with `get(seq)` for seq 1 … `lastSeq`. */
  private readonly columns = new FrameColumns();
  /** Input seq minus stored seq, after a jump in the numbering (see `add`). */
  private seqOffset = 0;
  private readonly openRequests = new Map<string, number>();
  private readonly responseOf = new Map<number, number>();
  private readonly requestOf = new Map<number, number>();
  private readonly progressTokens = new Map<string, number>();
  private readonly progressOf = new Map<number, number[]>();
  private readonly requestOfProgress = new Map<number, number>();
  /** Requests a `notifications/cancelled` withdrew, still answerable by a late response. */
  private readonly cancelledOpen = new Map<string, number>();
  private readonly cancelOf = new Map<number, number>();
  private readonly requestOfCancel = new Map<number, number>();

  /**
   * Appends frames in `seq` order. Frames at or below the last seq added are ignored. They
   * are stored by column (see `FrameColumns`): the frame objects passed in are not kept.
   *
   * Damaged numbering (a recording file is read as is) never loses a frame: a gap of up to
   * `MAX_SEQ_GAP` frames is held as `invalid` frames saying which are missing; a longer jump
   * or a seq that is not an integer gets one `invalid` frame saying so, and the frame and those
   * after it are numbered on from there.
   */
  add(frames: readonly Frame[]): void {
    for (const input of frames) {
      const next = this.columns.length + 1;
      const seq = input.seq - this.seqOffset;
      if (Number.isInteger(seq) && seq < next) continue; // held already (a resubscribe overlapped)
      let frame = input;
      // A marker row held in place of missing frames: an empty `invalid` frame with a reason.
      const marker = (at: number, reason: string): Frame => ({ sessionId: input.sessionId, seq: at, ts: input.ts, dir: "meta", kind: "invalid", raw: "", bytes: 0, reason });
      if (!Number.isInteger(seq) || seq - next > MAX_SEQ_GAP) {
        this.columns.push(marker(next, `seq jumps from ${next - 1} to ${input.seq}: frames are numbered on from ${next + 1}`));
        if (Number.isInteger(seq)) this.seqOffset = input.seq - (next + 1);
        frame = { ...input, seq: next + 1 };
      } else {
        if (seq > next) {
          const reason = `frames ${next}–${seq - 1} are missing (seq jumps from ${next - 1} to ${seq})`;
          for (let gap = next; gap < seq; gap++) this.columns.push(marker(gap, reason));
        }
        if (seq !== input.seq) frame = { ...input, seq };
      }
      this.indexFrame(frame);
      this.columns.push(frame);
    }
  }

  /** The highest `seq` added, 0 when empty. */
  get lastSeq(): number {
    return this.columns.length;
  }

  /** The frame with this `seq`, if added: a new view on each call (compare frames by `seq`). */
  get(seq: number): StoredFrame | undefined {
    return seq >= 1 && seq <= this.columns.length && Number.isInteger(seq) ? new StoredFrame(this.columns, seq) : undefined;
  }

  /** The frames from `fromSeq` (default 1) to the newest, in `seq` order. */
  *framesFrom(fromSeq = 1): IterableIterator<StoredFrame> {
    for (let seq = Math.max(1, fromSeq); seq <= this.columns.length; seq++) yield new StoredFrame(this.columns, seq);
  }

  /**
   * The request pair a frame belongs to: for a request, its own; for a response or error,
   * its request's; for a progress notification, the request it reports on.
   */
  pairOf(frame: Frame): RequestPair | undefined {
    let requestSeq: number | undefined;
    if (frame.kind === "request") requestSeq = frame.seq;
    else if (frame.kind === "response" || frame.kind === "error")
      requestSeq = this.requestOf.get(frame.seq);
    else if (frame.kind === "notification")
      requestSeq = this.requestOfProgress.get(frame.seq) ?? this.requestOfCancel.get(frame.seq);
    if (requestSeq === undefined) return undefined;
    const request = this.get(requestSeq);
    if (!request) return undefined;
    const responseSeq = this.responseOf.get(requestSeq);
    const response = responseSeq === undefined ? undefined : this.get(responseSeq);
    const progress = (this.progressOf.get(requestSeq) ?? []).map((s) => this.get(s)!);
    return {
      request,
      response,
      latencyMs: response ? response.ts - request.ts : undefined,
      progress,
    };
  }

  /**
   * `seq` of the request a frame belongs to, in O(1): a request's own, a response's
   * request, a progress notification's request, a cancellation's cancelled request.
   */
  requestSeqOf(frame: Frame): number | undefined {
    if (frame.kind === "request") return frame.seq;
    if (frame.kind === "response" || frame.kind === "error") return this.requestOf.get(frame.seq);
    if (frame.kind === "notification") return this.requestOfProgress.get(frame.seq) ?? this.requestOfCancel.get(frame.seq);
    return undefined;
  }

  /** Milliseconds from a request to its response (given either of them), in O(1); else undefined. */
  latencyOf(frame: Frame): number | undefined {
    const requestSeq = frame.kind === "request" ? frame.seq : frame.kind === "response" || frame.kind === "error" ? this.requestOf.get(frame.seq) : undefined;
    const responseSeq = requestSeq === undefined ? undefined : this.responseOf.get(requestSeq);
    if (requestSeq === undefined || responseSeq === undefined) return undefined;
    return this.columns.tsAt(responseSeq) - this.columns.tsAt(requestSeq);
  }

  /** `seq` of the frame paired with this one (request ↔ response), if any. */
  counterpartSeq(frame: Frame): number | undefined {
    if (frame.kind === "request") return this.responseOf.get(frame.seq);
    if (frame.kind === "response" || frame.kind === "error") return this.requestOf.get(frame.seq);
    return undefined;
  }

  /** The JSON-RPC method of a frame; for responses, the method of their request. */
  methodOf(frame: Frame): string | undefined {
    const method = messageMethod(frame);
    if (method !== undefined) return method;
    const requestSeq = this.requestOf.get(frame.seq);
    return requestSeq === undefined ? undefined : this.get(requestSeq)?.method;
  }

  /**
   * Requests still waiting for a response, oldest first. A request its sender cancelled
   * (`notifications/cancelled`, MCP 2025-11-25 "Utilities → Cancellation") is no longer in
   * flight: the receiver should not answer it.
   */
  inFlight(): Frame[] {
    return [...this.openRequests.values()].sort((a, b) => a - b).map((s) => this.get(s)!);
  }

  /** How many requests are in flight (see `inFlight`), in O(1). */
  get inFlightCount(): number {
    return this.openRequests.size;
  }

  /** How many progress notifications a request received so far, in O(1). */
  progressCount(requestSeq: number): number {
    return this.progressOf.get(requestSeq)?.length ?? 0;
  }

  /** The newest progress notification of a request, if any, in O(1). */
  lastProgress(requestSeq: number): Frame | undefined {
    const list = this.progressOf.get(requestSeq);
    return list && list.length > 0 ? this.get(list[list.length - 1]!) : undefined;
  }

  /** `seq` of the response or error answering a request, if any. */
  responseSeqOf(requestSeq: number): number | undefined {
    return this.responseOf.get(requestSeq);
  }

  /** The `notifications/cancelled` frame that withdrew a request, if any. */
  cancellationOf(requestSeq: number): Frame | undefined {
    const seq = this.cancelOf.get(requestSeq);
    return seq === undefined ? undefined : this.get(seq);
  }

  /** For a `notifications/cancelled` frame, the `seq` of the request it cancels, if known. */
  cancelledRequestSeq(frame: Frame): number | undefined {
    return this.requestOfCancel.get(frame.seq);
  }

  private indexFrame(frame: Frame): void {
    const msg = frame.msg;
    if (!msg) return;
    if (frame.kind === "request" && msg.id != null) {
      this.openRequests.set(pairKey(frame.dir, msg.id, frame), frame.seq);
      const meta = (msg.params as { _meta?: { progressToken?: unknown } } | undefined)?._meta;
      const token = progressKey(meta?.progressToken);
      if (token !== undefined) this.progressTokens.set(token, frame.seq);
      return;
    }
    // An error with a null id answers no request it can name (JSON-RPC 2.0 §5): unmatched.
    if ((frame.kind === "response" || frame.kind === "error") && msg.id != null) {
      const requestDir = ANSWER_DIR[frame.dir];
      if (requestDir === undefined) return;
      const key = pairKey(requestDir, msg.id, frame);
      let requestSeq = this.openRequests.get(key);
      if (requestSeq === undefined) {
        // A late answer to a cancelled request still pairs; anything else is unmatched.
        requestSeq = this.cancelledOpen.get(key);
        if (requestSeq === undefined) return; // unmatched: an unknown or duplicate id
        this.cancelledOpen.delete(key);
      } else this.openRequests.delete(key);
      this.responseOf.set(requestSeq, frame.seq);
      this.requestOf.set(frame.seq, requestSeq);
      return;
    }
    if (frame.kind === "notification" && msg.method === "notifications/progress") {
      const token = progressKey((msg.params as { progressToken?: unknown } | undefined)?.progressToken);
      const requestSeq = token === undefined ? undefined : this.progressTokens.get(token);
      if (requestSeq === undefined) return;
      let list = this.progressOf.get(requestSeq);
      if (!list) this.progressOf.set(requestSeq, (list = []));
      list.push(frame.seq);
      this.requestOfProgress.set(frame.seq, requestSeq);
      return;
    }
    if (frame.kind === "notification" && msg.method === "notifications/cancelled") {
      const id = (msg.params as { requestId?: unknown } | undefined)?.requestId;
      if (typeof id !== "string" && typeof id !== "number") return;
      // The sender of a request is the one who may cancel it.
      const key = pairKey(frame.dir, id, frame);
      const requestSeq = this.openRequests.get(key);
      if (requestSeq === undefined) return;
      this.openRequests.delete(key);
      this.cancelledOpen.set(key, requestSeq);
      this.cancelOf.set(requestSeq, frame.seq);
      this.requestOfCancel.set(frame.seq, requestSeq);
    }
  }
}
