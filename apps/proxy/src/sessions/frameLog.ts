import type { Frame } from "@mcpscope/protocol";

/** What a recorder passes in; the log fills in `sessionId`, `seq` and `ts`. */
export type FrameInput = Omit<Frame, "sessionId" | "seq" | "ts" | "bytes"> & { bytes?: number };

/** Epoch milliseconds with sub-millisecond precision. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The append-only frame log of one session (DESIGN.md "Data model"). `seq` starts at 1 and
 * is contiguous, so `frames[seq - 1]` is the frame with that seq and range reads are O(1).
 * Listeners are told after each append; they must be cheap (mark dirty, schedule work).
 */
export class FrameLog {
  readonly frames: Frame[] = [];
  private readonly listeners = new Set<(frame: Frame) => void>();

  constructor(readonly sessionId: string) {}

  /** Appends a frame, stamping `seq`, `ts` and (when absent) `bytes`. */
  append(input: FrameInput): Frame {
    const frame: Frame = {
      sessionId: this.sessionId,
      seq: this.frames.length + 1,
      ts: nowMs(),
      ...input,
      bytes: input.bytes ?? Buffer.byteLength(input.raw, "utf8"),
    };
    this.frames.push(frame);
    for (const listener of this.listeners) listener(frame);
    return frame;
  }

  /** Frames with `seq > since`, at most `limit`, in seq order. */
  since(since: number, limit = Number.POSITIVE_INFINITY): Frame[] {
    const start = Math.max(0, since);
    return this.frames.slice(start, Math.min(this.frames.length, start + limit));
  }

  /** Highest seq recorded, 0 when empty. */
  get lastSeq(): number {
    return this.frames.length;
  }

  /** Registers a listener called after every append; returns its remover. */
  onAppend(listener: (frame: Frame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
