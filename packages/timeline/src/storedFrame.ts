import type { Frame, FrameDir, FrameKind, JsonRpcId, JsonRpcMessage } from "@mcpscope/protocol";
import type { FrameColumns } from "./frameColumns.js";

/**
 * A frame held by a `TimelineIndex`, read from its columns (see `FrameColumns`): a view of
 * two fields, made on each `index.get(seq)`, so compare frames by `seq`, not by identity.
 * Besides the `Frame` fields it has `method` and `id`, the message's JSON-RPC method and id,
 * read without parsing `raw`. `msg` is parsed from `raw` on read (cached for recent frames);
 * treat it as read-only. `toJSON` gives the plain `Frame`.
 */
export class StoredFrame implements Frame {
  constructor(
    private readonly columns: FrameColumns,
    readonly seq: number,
  ) {}

  get sessionId(): string {
    return this.columns.sessionIdAt(this.seq);
  }
  /** Epoch milliseconds (fractional). */
  get ts(): number {
    return this.columns.tsAt(this.seq);
  }
  get dir(): FrameDir {
    return this.columns.dirAt(this.seq);
  }
  get kind(): FrameKind {
    return this.columns.kindAt(this.seq);
  }
  get raw(): string {
    return this.columns.rawAt(this.seq);
  }
  /** UTF-8 byte length of `raw` on the wire. */
  get bytes(): number {
    return this.columns.bytesAt(this.seq);
  }
  get reason(): string | undefined {
    return this.columns.reasonAt(this.seq);
  }
  get meta(): Record<string, unknown> | undefined {
    return this.columns.metaAt(this.seq);
  }
  /** `msg.method`: the JSON-RPC method of a request or notification, without parsing `raw`. */
  get method(): string | undefined {
    return this.columns.methodAt(this.seq);
  }
  /** `msg.id`: the JSON-RPC id of a request, response or error, without parsing `raw`. */
  get id(): JsonRpcId | undefined {
    return this.columns.idAt(this.seq);
  }
  /**
   * The parsed JSON-RPC message (`JSON.parse(raw)`), `undefined` for frames without one
   * (`invalid`, `stderr`, `lifecycle`, `http`).
   */
  get msg(): JsonRpcMessage | undefined {
    return this.columns.msgAt(this.seq);
  }

  /** The plain `Frame`, for `JSON.stringify` and copies. */
  toJSON(): Frame {
    const frame: Frame = { sessionId: this.sessionId, seq: this.seq, ts: this.ts, dir: this.dir, kind: this.kind, raw: this.raw, bytes: this.bytes };
    const msg = this.msg;
    if (msg !== undefined) frame.msg = msg;
    const reason = this.reason;
    if (reason !== undefined) frame.reason = reason;
    const meta = this.meta;
    if (meta !== undefined) frame.meta = meta;
    return frame;
  }
}

/** The JSON-RPC method of a frame's own message (not a response's request's; see `TimelineIndex.methodOf`). */
export function messageMethod(frame: Frame): string | undefined {
  return frame instanceof StoredFrame ? frame.method : frame.msg?.method;
}

/** The JSON-RPC id of a frame's message (JSON-RPC 2.0 §4), if it has one (`null` counts as none). */
export function messageId(frame: Frame): JsonRpcId | undefined {
  return frame instanceof StoredFrame ? frame.id : (frame.msg?.id ?? undefined);
}
