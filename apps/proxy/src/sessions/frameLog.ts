import type { Frame } from "@mcpscope/protocol";
import type { FrameFile } from "../recording/frameFile.js";

/**
 * What a recorder passes in; the log fills in `sessionId`, `seq` and `ts` (a recorder in
 * another process, the `mcpscope tap` shim, gives the `ts` at which it read the frame).
 */
export type FrameInput = Omit<Frame, "sessionId" | "seq" | "ts" | "bytes"> & { bytes?: number; ts?: number };

/** Epoch milliseconds with sub-millisecond precision. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Appends a `lifecycle` frame: an event about the connection, its details in `meta` (and, as JSON, in `raw`). */
export function appendLifecycle(log: FrameLog, meta: Record<string, unknown> & { event: string }): void {
  log.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
}

/**
 * A 2026-07-28 Streamable HTTP request is cancelled by closing its response stream, which
 * puts no message on the wire (MCP 2026-07-28 "Cancellation"): a `cancelled` lifecycle frame
 * says so in the timeline, naming the request (its newest leg, of `requestIds`).
 */
export function recordStreamCancel(log: FrameLog, requestIds: ReadonlyArray<string | number>, reason: string): void {
  if (requestIds.length === 0) return;
  appendLifecycle(log, { event: "cancelled", requestId: requestIds.at(-1), reason, via: "closed the request's response stream" });
}

/**
 * Frames kept in memory per recorded session; older ones are read back from the file. Enough
 * for a live WebSocket subscriber (a batch tick behind) to read from memory, and few enough
 * that a frame usually dies young in V8's heap rather than being promoted to the old
 * generation, which is collected rarely: memory must not grow with a session's history.
 */
export const DEFAULT_WINDOW_FRAMES = 256;
/** Raw text (UTF-16 code units) kept in memory per recorded session, however large its frames. */
export const DEFAULT_WINDOW_CHARS = 1024 * 1024;

/**
 * Longest a recorded frame waits in memory before it is written, in milliseconds: frames are
 * serialized and written once per burst rather than once per event-loop turn, which keeps
 * the serialization and the write system call off the path between a message arriving and
 * its relay (a proxied call's request and response each cost one otherwise).
 */
export const FLUSH_DELAY_MS = 4;
/** Raw text (UTF-16 code units) of unwritten frames past which they are written at once. */
export const FLUSH_PENDING_CHARS = 256 * 1024;

export interface FrameLogOptions {
  /** The recording; without one, every frame stays in memory. */
  file?: FrameFile;
  /** Frames kept in memory when recording (default 256; up to 1.5× that between trims). */
  windowFrames?: number;
  /** Raw text kept in memory when recording, in UTF-16 code units (default 1 Mi; up to 1.5×). */
  windowChars?: number;
  /** Called on each input before it is stamped, e.g. to add a `reason`. */
  annotate?: (input: FrameInput) => FrameInput;
  /**
   * A frame as its recording line: JSON that parses to the frame (default `JSON.stringify`),
   * for a recorder that can write its frames faster (the tap's `wireFrameLine`).
   */
  serialize?: (frame: Frame) => string;
}

/**
 * The append-only frame log of one session (docs/ARCHITECTURE.md "Data model"). `seq` starts at 1 and
 * is contiguous. With a recording file, the file is the source of truth: appends are
 * serialized and written together at most `FLUSH_DELAY_MS` later (at once past
 * `FLUSH_PENDING_CHARS` of raw text), and always before a frame is read back or reported
 * (`since`, `flush`, `close`), so whatever the API has shown is on disk; a crash of mcpscope
 * itself loses at most the last few milliseconds. Memory holds only the newest
 * `windowFrames` frames (and at most `windowChars` of their raw text) plus 8 bytes of file
 * offset per frame. Listeners are told after each append; they must be cheap (mark dirty,
 * schedule work).
 */
export class FrameLog {
  private window: Frame[] = [];
  /** seq of `window[0]`. */
  private windowStart = 1;
  private last = 0;
  /** Highest seq written to the file. */
  private written = 0;
  /** Raw text length of the frames not written yet. */
  private pendingChars = 0;
  /** Raw text length of the frames in the window. */
  private windowCharCount = 0;
  private flushTimer?: NodeJS.Timeout;
  private readonly listeners = new Set<(frame: Frame) => void>();
  private readonly file?: FrameFile;
  private readonly windowFrames: number;
  private readonly windowChars: number;
  private readonly annotate?: (input: FrameInput) => FrameInput;
  private readonly serialize: (frame: Frame) => string;

  constructor(
    readonly sessionId: string,
    options: FrameLogOptions = {},
  ) {
    this.file = options.file;
    this.windowFrames = options.windowFrames ?? DEFAULT_WINDOW_FRAMES;
    this.windowChars = options.windowChars ?? DEFAULT_WINDOW_CHARS;
    this.annotate = options.annotate;
    this.serialize = options.serialize ?? JSON.stringify;
    if (this.file) {
      // An existing recording: continue after its frames.
      this.last = this.file.frameCount;
      this.written = this.last;
      this.windowStart = this.last + 1;
    }
  }

  /** Appends a frame, stamping `seq`, `ts` and (when absent) `bytes`. */
  append(input: FrameInput): Frame {
    if (this.annotate) input = this.annotate(input);
    const frame: Frame = {
      sessionId: this.sessionId,
      seq: ++this.last,
      ts: input.ts ?? nowMs(),
      ...input,
      bytes: input.bytes ?? Buffer.byteLength(input.raw, "utf8"),
    };
    this.window.push(frame);
    if (this.file) {
      // Serialized when written, off the path of the message being relayed.
      this.pendingChars += frame.raw.length;
      this.windowCharCount += frame.raw.length;
      if (this.pendingChars >= FLUSH_PENDING_CHARS) this.flush();
      else this.flushTimer ??= setTimeout(this.flush, FLUSH_DELAY_MS).unref();
      if (this.window.length > this.windowFrames * 1.5 || this.windowCharCount > this.windowChars * 1.5) this.trim();
    }
    for (const listener of this.listeners) listener(frame);
    return frame;
  }

  /** Writes frames not yet on disk. */
  flush = (): void => {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (!this.file || this.written === this.last) return;
    // Unwritten frames are always in the window: trim() flushes before it drops any.
    const lines: string[] = [];
    for (let i = this.written + 1 - this.windowStart; i < this.window.length; i++) lines.push(this.serialize(this.window[i]!));
    this.written = this.last;
    this.pendingChars = 0;
    this.file.append(lines);
  };

  /**
   * Frames with `seq > since`, at most `limit`, in seq order (from memory or the file).
   * Writes pending frames first: what is read is on disk.
   */
  since(since: number, limit = Number.POSITIVE_INFINITY): Frame[] {
    this.flush();
    const from = Math.max(1, since + 1);
    const to = Math.min(this.last, since + limit);
    if (to < from) return [];
    if (from >= this.windowStart) return this.window.slice(from - this.windowStart, to - this.windowStart + 1);
    const fromDisk = this.file ? this.file.read(from, Math.min(to, this.windowStart - 1) - from + 1) : [];
    return to < this.windowStart ? fromDisk : fromDisk.concat(this.window.slice(0, to - this.windowStart + 1));
  }

  /**
   * Like `since`, as JSON Lines: the frames' lines as recorded (from the file when there is
   * one: no serializing again), at most `limit` frames and, past the first, `maxBytes`.
   */
  sinceLines(since: number, limit: number, maxBytes: number): { bytes: Buffer; count: number } {
    this.flush();
    if (!this.file) {
      const frames = this.since(since, limit);
      let bytes = 0;
      const lines: string[] = [];
      for (const frame of frames) {
        const line = JSON.stringify(frame) + "\n";
        if (lines.length > 0 && bytes + line.length > maxBytes) break;
        lines.push(line);
        bytes += line.length;
      }
      return { bytes: Buffer.from(lines.join(""), "utf8"), count: lines.length };
    }
    const from = Math.max(1, since + 1);
    let to = Math.min(this.last, since + limit);
    // Frames up to maxBytes (at least one): the offsets say where each line starts.
    const start = this.file.offsetOf(from);
    while (to > from && this.file.offsetOf(to + 1) - start > maxBytes) to = from + Math.floor((to - from) / 2);
    return this.file.readLines(from, to - from + 1);
  }

  /** The frame with this seq, if any. */
  get(seq: number): Frame | undefined {
    return this.since(seq - 1, 1)[0];
  }

  /** The frames held in memory: the newest, up to the window size (all, without a file). */
  recent(): readonly Frame[] {
    return this.window;
  }

  /** Highest seq recorded, 0 when empty. */
  get lastSeq(): number {
    return this.last;
  }

  /** Registers a listener called after every append; returns its remover. */
  onAppend(listener: (frame: Frame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Flushes and closes the recording for writing; frames stay readable. */
  close(): void {
    this.flush();
    this.file?.close();
  }

  /** Drops the oldest frames (written first) down to `windowFrames` and `windowChars`. */
  private trim(): void {
    this.flush();
    let drop = Math.max(0, this.window.length - this.windowFrames);
    for (let i = 0; i < drop; i++) this.windowCharCount -= this.window[i]!.raw.length;
    while (drop < this.window.length && this.windowCharCount > this.windowChars) this.windowCharCount -= this.window[drop++]!.raw.length;
    this.window = this.window.slice(drop);
    this.windowStart += drop;
  }
}
