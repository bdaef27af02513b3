import type { Frame, FrameDir, FrameKind } from "@mcpscope/protocol";
import type { TimelineIndex } from "./timelineIndex.js";
import { messageId } from "./storedFrame.js";

/**
 * What the timeline shows. Every field narrows; an empty or absent field does not.
 *
 * - `dirs`, `kinds`: allowed directions and kinds (empty = all).
 * - `method`: case-insensitive substring of the JSON-RPC method (a response's is its
 *   request's, see `TimelineIndex.methodOf`).
 * - `id`: the JSON-RPC id as text, exact (`7` matches both `7` and `"7"`).
 * - `text`: case-insensitive substring of `raw`, the text on the wire.
 */
export interface FrameFilter {
  dirs?: readonly FrameDir[];
  kinds?: readonly FrameKind[];
  method?: string;
  id?: string;
  text?: string;
}

/** A predicate over frames; the index resolves responses' methods. */
export type FramePredicate = (frame: Frame, index: TimelineIndex) => boolean;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when the filter lets every frame through. */
export function isEmptyFilter(filter: FrameFilter): boolean {
  return (
    !filter.dirs?.length &&
    !filter.kinds?.length &&
    !filter.method?.trim() &&
    !filter.id?.trim() &&
    !filter.text
  );
}

/**
 * Compiles a filter into a predicate, once: sets for directions and kinds, one
 * case-insensitive regular expression for the text (cheaper than lower-casing every `raw`).
 */
export function compileFilter(filter: FrameFilter): FramePredicate {
  const dirs = filter.dirs?.length ? new Set<string>(filter.dirs) : undefined;
  const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : undefined;
  const method = filter.method?.trim().toLowerCase() || undefined;
  const id = filter.id?.trim() || undefined;
  const text = filter.text ? new RegExp(escapeRegExp(filter.text), "i") : undefined;
  return (frame, index) => {
    if (dirs && !dirs.has(frame.dir)) return false;
    if (kinds && !kinds.has(frame.kind)) return false;
    if (id !== undefined) {
      const frameId = messageId(frame);
      if (frameId === undefined || String(frameId) !== id) return false;
    }
    if (method !== undefined) {
      const m = index.methodOf(frame);
      if (m === undefined || !m.toLowerCase().includes(method)) return false;
    }
    if (text && !text.test(frame.raw)) return false;
    return true;
  };
}

/**
 * The frames of an index that match a predicate, computed incrementally: `advance` scans
 * at most `budget` frames past the last one scanned, so a million-frame session is filtered
 * in slices between animation frames instead of freezing the page, and new frames only
 * cost their own scan. Matches are kept as a growable typed array of `seq`s.
 */
export class FilteredView {
  private seqs = new Uint32Array(1024);
  private length = 0;
  /** The highest `seq` scanned so far. */
  scanned = 0;

  constructor(
    readonly index: TimelineIndex,
    readonly predicate: FramePredicate,
  ) {}

  /** Number of matching frames found so far. */
  get count(): number {
    return this.length;
  }

  /** True when every frame of the index has been scanned. */
  get done(): boolean {
    return this.scanned >= this.index.lastSeq;
  }

  /** Share of the index scanned, 0…1. */
  get progress(): number {
    const last = this.index.lastSeq;
    return last === 0 ? 1 : this.scanned / last;
  }

  /** `seq` of the i-th match (0-based). */
  seqAt(i: number): number {
    return this.seqs[i]!;
  }

  /**
   * Scans up to `budget` more frames. Returns the number of frames scanned (0 when done).
   */
  advance(budget = Infinity): number {
    const end = Math.min(this.index.lastSeq, this.scanned + budget);
    const start = this.scanned;
    for (let seq = start + 1; seq <= end; seq++) {
      if (this.predicate(this.index.get(seq)!, this.index)) this.push(seq);
    }
    this.scanned = end;
    return end - start;
  }

  /** Position of `seq` among the matches, or `-1` (binary search, O(log n)). */
  positionOf(seq: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.seqs[mid]!;
      if (v === seq) return mid;
      if (v < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Position of the first match with `seq` ≥ the given one (`count` when none). */
  lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private push(seq: number): void {
    if (this.length === this.seqs.length) {
      const bigger = new Uint32Array(this.seqs.length * 2);
      bigger.set(this.seqs);
      this.seqs = bigger;
    }
    this.seqs[this.length++] = seq;
  }
}
