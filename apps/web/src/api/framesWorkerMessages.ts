import type { FrameFilter, FrameSegment } from "@mcpscope/timeline";

/** Page → frames worker (see framesWorker.ts). */
export type ToFramesWorker =
  /** Read a session's recording (`GET /api/sessions/:id/export`, the bytes on disk) into its index. */
  | { type: "open"; sessionId: string; url: string; /** Its length when known (to size the index once). */ frames: number }
  /** A binary message of a `jsonl` subscription (a `FrameLinesHeader` line, then frame lines). */
  | { type: "lines"; data: ArrayBuffer }
  /** The page applied a segment of this session: the worker may send the next. */
  | { type: "ack"; sessionId: string }
  /** Which of the session's frames 1 … `to` a filter lets through (answered with `matches`). */
  | { type: "filter"; id: number; sessionId: string; filter: FrameFilter; to: number }
  /** Drop a session's frames (it was deleted). */
  | { type: "forget"; sessionId: string }
  /** How much work the worker did so far (answered with `stats`). */
  | { type: "stats" };

/** The frames worker's own accounting, in milliseconds of its thread (for benchmarks). */
export interface FramesWorkerStats {
  /** Waiting for a recording's bytes to arrive (the fetch's pace, or its backpressure). */
  waitMs: number;
  /** Decoding bytes to text, reading lines into indexes, making segments, filtering. */
  decodeMs: number;
  readMs: number;
  exportMs: number;
  filterMs: number;
  frames: number;
  batches: number;
  segments: number;
  /**
   * The last recording read: when (epoch milliseconds, `performance.timeOrigin + now()`) the
   * worker was asked, its first and last bytes came, it finished reading them, and it sent
   * the last segment.
   */
  lastLoad?: { askedAt: number; firstByteAt?: number; lastByteAt?: number; readAt?: number; sentAt?: number };
}

/** Frames worker → page. */
export type FromFramesWorker =
  /** Frames read and paired, for the page's copy of the index (buffers transferred). */
  | { type: "segment"; sessionId: string; segment: FrameSegment }
  /** The recording is read up to `lastSeq`: follow the live stream from there. */
  | { type: "loaded"; sessionId: string; lastSeq: number }
  /** A stream batch started after missing frames: subscribe again from `lastSeq`. */
  | { type: "gap"; sessionId: string; lastSeq: number }
  /**
   * The frames stop here: a recording with a bad line (`MCPSCOPE_INVALID_RECORDING`), or
   * the recording could not be fetched (`fallback`: follow the stream from `lastSeq` instead).
   */
  | { type: "failed"; sessionId: string; code: string; message: string; lastSeq: number; fallback: boolean }
  /** The answer to `filter` `id`: matching seqs (ascending, transferred) among 1 … `to`. */
  | { type: "matches"; id: number; seqs: Uint32Array; to: number }
  | ({ type: "stats" } & FramesWorkerStats);
