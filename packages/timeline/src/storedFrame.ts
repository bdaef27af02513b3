import type { Frame, FrameDir, FrameKind, JsonRpcId, JsonRpcMessage } from "@mcpscope/protocol";

/** How many parsed messages stay cached, over all sessions (the rows on screen and a margin). */
export const PARSED_CACHE_SIZE = 2048;

/** Ring of the frames whose `msg` is cached; the oldest is dropped when a slot is reused. */
const ring: (StoredFrame | undefined)[] = new Array(PARSED_CACHE_SIZE).fill(undefined);
let ringNext = 0;

/**
 * A frame as a `TimelineIndex` holds it: the wire text (`raw`) and the scalar fields, plus
 * the two message fields a scan over every frame reads (`method`, `id`). The parsed message
 * tree is not kept: `msg` is parsed from `raw` when read and cached for the most recent
 * `PARSED_CACHE_SIZE` frames read.
 *
 * Why: a parsed JSON-RPC message is 3–6 heap objects. At 1,000,000 frames those trees are
 * most of the page's objects, and every major garbage collection marks them all; its pause
 * lands in whatever frame the user is scrolling.
 *
 * Relies on the recorder's invariant (packages/protocol/src/frame.ts): a frame's `msg` is
 * `JSON.parse(raw)`. A `StoredFrame` is read-only; `toJSON` gives the plain `Frame`.
 */
export class StoredFrame implements Frame {
  readonly sessionId: string;
  readonly seq: number;
  /** Epoch milliseconds (fractional). */
  readonly ts: number;
  readonly dir: FrameDir;
  readonly kind: FrameKind;
  readonly raw: string;
  /** UTF-8 byte length of `raw` on the wire. */
  readonly bytes: number;
  readonly reason: string | undefined;
  readonly meta: Record<string, unknown> | undefined;
  /** `msg.method`: the JSON-RPC method of a request or notification, without parsing `raw`. */
  readonly method: string | undefined;
  /** `msg.id`: the JSON-RPC id of a request, response or error, without parsing `raw`. */
  readonly id: JsonRpcId | undefined;
  private readonly hasMsg: boolean;
  private parsed: JsonRpcMessage | undefined = undefined;

  constructor(frame: Frame) {
    this.sessionId = frame.sessionId;
    this.seq = frame.seq;
    this.ts = frame.ts;
    this.dir = frame.dir;
    this.kind = frame.kind;
    this.raw = frame.raw;
    this.bytes = frame.bytes;
    this.reason = frame.reason;
    this.meta = frame.meta;
    const msg = frame.msg;
    this.hasMsg = msg !== undefined;
    this.method = typeof msg?.method === "string" ? msg.method : undefined;
    this.id = msg?.id;
  }

  /**
   * The parsed JSON-RPC message (`JSON.parse(raw)`), `undefined` for frames without one
   * (`invalid`, `stderr`, `lifecycle`, `http`). The same object is returned while cached;
   * treat it as read-only.
   */
  get msg(): JsonRpcMessage | undefined {
    if (!this.hasMsg) return undefined;
    if (this.parsed !== undefined) return this.parsed;
    let msg: JsonRpcMessage;
    try {
      msg = JSON.parse(this.raw) as JsonRpcMessage;
    } catch {
      return undefined; // not the recorder's invariant: a frame built by hand
    }
    const evicted = ring[ringNext];
    if (evicted !== undefined) evicted.parsed = undefined;
    ring[ringNext] = this;
    ringNext = (ringNext + 1) % PARSED_CACHE_SIZE;
    this.parsed = msg;
    return msg;
  }

  /** The plain `Frame` (with `msg`), for `JSON.stringify` and copies. */
  toJSON(): Frame {
    const frame: Frame = { sessionId: this.sessionId, seq: this.seq, ts: this.ts, dir: this.dir, kind: this.kind, raw: this.raw, bytes: this.bytes };
    const msg = this.msg;
    if (msg !== undefined) frame.msg = msg;
    if (this.reason !== undefined) frame.reason = this.reason;
    if (this.meta !== undefined) frame.meta = this.meta;
    return frame;
  }
}

/** The JSON-RPC method of a frame's own message (not a response's request's; see `TimelineIndex.methodOf`). */
export function messageMethod(frame: Frame): string | undefined {
  return frame instanceof StoredFrame ? frame.method : frame.msg?.method;
}

/** The JSON-RPC id of a frame's message (JSON-RPC 2.0 §4), if it has one. */
export function messageId(frame: Frame): JsonRpcId | undefined {
  return frame instanceof StoredFrame ? frame.id : frame.msg?.id;
}
