import type { SparseColumns, TypedColumns } from "./frameColumns.js";
import type { EscapedRawBlock } from "./rawText.js";

/**
 * Consecutive frames of one session as a Web Worker hands them to the page: the typed
 * columns (transferable), the sparse ones, the raw text as one escaped block, method names
 * coded since the last segment, and which requests are in flight after these frames. Made
 * by `TimelineIndex.exportSegment`, applied by `TimelineIndex.applySegment`; structured-
 * cloneable, with `segmentTransfer` listing the buffers to transfer rather than copy.
 */
export interface FrameSegment {
  /** `seq` of the first frame. */
  from: number;
  typed: TypedColumns;
  sparse: SparseColumns;
  raw: EscapedRawBlock;
  /** Method names with codes `methodNamesFrom`, `methodNamesFrom + 1`, … */
  methodNames: string[];
  methodNamesFrom: number;
  /** `seq`s of the requests in flight after these frames, ascending. */
  inFlight: Int32Array;
}

/** Number of frames in a segment. */
export function segmentLength(segment: FrameSegment): number {
  return segment.typed.ts.length;
}

/** The buffers of a segment, for `postMessage(segment, segmentTransfer(segment))`. */
export function segmentTransfer(segment: FrameSegment): ArrayBuffer[] {
  const t = segment.typed;
  return [t.ts, t.bytes, t.flags, t.methodCodes, t.exchanges, t.numericIds, t.links, segment.raw.offsets, segment.inFlight].map((a) => a.buffer as ArrayBuffer);
}
