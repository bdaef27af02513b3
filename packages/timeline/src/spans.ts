import type { Frame } from "@mcpscope/protocol";
import type { TimelineIndex } from "./timelineIndex.js";
import { messageMethod } from "./storedFrame.js";

/** How a span ended. `open` while the request is in flight. */
export type SpanStatus = "open" | "ok" | "error" | "cancelled";

/** A request drawn as a bar from its send to its answer (or cancellation). Times in epoch ms. */
export interface Span {
  requestSeq: number;
  /** `seq` of the frame that ended it (response, error or cancellation). */
  endSeq?: number;
  method: string;
  dir: Frame["dir"];
  start: number;
  /** Absent while open. */
  end?: number;
  lane: number;
  status: SpanStatus;
}

/** What a tick marks: a notification, a progress report, a cancellation, a log message, stderr/invalid lines, lifecycle/HTTP events. */
export type TickType = "notification" | "progress" | "cancelled" | "message" | "stderr" | "event";

/** A point event on the waterfall. `lane` -1 is the strip above the lanes. */
export interface Tick {
  seq: number;
  ts: number;
  type: TickType;
  lane: number;
}

/**
 * Greedy interval partitioning: each interval (in start order) takes the lowest lane that
 * is free at its start, so no two intervals in a lane overlap and the number of lanes is
 * the peak concurrency. An interval ending exactly when another starts frees its lane.
 * `end` `Infinity` means still open.
 */
export function assignLanes(intervals: ReadonlyArray<{ start: number; end: number }>): number[] {
  const order = intervals.map((_, i) => i).sort((a, b) => intervals[a]!.start - intervals[b]!.start || a - b);
  const busyUntil: number[] = [];
  const lanes = new Array<number>(intervals.length);
  for (const i of order) {
    const { start, end } = intervals[i]!;
    let lane = busyUntil.findIndex((until) => until <= start);
    if (lane === -1) lane = busyUntil.length;
    busyUntil[lane] = end;
    lanes[i] = lane;
  }
  return lanes;
}

/** First position in `[lo, hi)` where `pred` turns true (it must be monotone). */
function firstTrue(lo: number, hi: number, pred: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The waterfall of one session, maintained incrementally (`update` reads only new frames):
 * spans in lanes (see `assignLanes`; in-flight requests hold their lane), and ticks for
 * notifications, per lane. Queries return only what a window of time shows, at most about
 * one item per `minDt` per lane, so drawing costs the pixels on screen, not the session size.
 */
export class SpanLayout {
  readonly spans: Span[] = [];
  /** Span positions per lane; within a lane spans are in start order and do not overlap. */
  private readonly lanes: number[][] = [];
  private readonly busyUntil: number[] = [];
  private readonly spanOf = new Map<number, number>();
  /** Ticks per lane; index 0 holds the strip (lane -1). */
  private readonly ticks: Tick[][] = [[]];
  processed = 0;

  constructor(readonly index: TimelineIndex) {}

  get laneCount(): number {
    return this.lanes.length;
  }

  /** The span of a request, by the request's `seq`. */
  spanOfRequest(requestSeq: number): Span | undefined {
    const i = this.spanOf.get(requestSeq);
    return i === undefined ? undefined : this.spans[i];
  }

  /** Reads frames added since the last call (O(new frames · lanes)). */
  update(): void {
    const last = this.index.lastSeq;
    for (let seq = this.processed + 1; seq <= last; seq++) this.read(this.index.get(seq)!);
    this.processed = last;
  }

  /**
   * Spans of a lane that overlap `[t0, t1]`, skipping spans that would start within
   * `minDt` of the previous one returned (they share its pixel). Open spans reach `now`.
   */
  visibleSpans(lane: number, t0: number, t1: number, minDt = 0): Span[] {
    const list = this.lanes[lane];
    if (!list) return [];
    const spans = this.spans;
    const endOf = (i: number) => spans[list[i]!]!.end ?? Infinity;
    let i = firstTrue(0, list.length, (k) => endOf(k) >= t0);
    const out: Span[] = [];
    while (i < list.length) {
      const span = spans[list[i]!]!;
      if (span.start > t1) break;
      out.push(span);
      const next = span.start + minDt;
      if (i + 1 < list.length && spans[list[i + 1]!]!.start < next) {
        i = firstTrue(i + 1, list.length, (k) => spans[list[k]!]!.start >= next);
      } else i++;
    }
    return out;
  }

  /** Ticks of a lane (-1: the strip) within `[t0, t1]`, at most one per `minDt`. */
  visibleTicks(lane: number, t0: number, t1: number, minDt = 0): Tick[] {
    const list = this.ticks[lane + 1];
    if (!list) return [];
    let i = firstTrue(0, list.length, (k) => list[k]!.ts >= t0);
    const out: Tick[] = [];
    while (i < list.length) {
      const tick = list[i]!;
      if (tick.ts > t1) break;
      out.push(tick);
      const next = tick.ts + minDt;
      if (i + 1 < list.length && list[i + 1]!.ts < next) i = firstTrue(i + 1, list.length, (k) => list[k]!.ts >= next);
      else i++;
    }
    return out;
  }

  /** The span of a lane under time `t`, if any (for hit testing). */
  spanAt(lane: number, t: number, slack = 0): Span | undefined {
    const list = this.lanes[lane];
    if (!list) return undefined;
    const i = firstTrue(0, list.length, (k) => (this.spans[list[k]!]!.end ?? Infinity) >= t - slack);
    const span = i < list.length ? this.spans[list[i]!] : undefined;
    return span && span.start <= t + slack ? span : undefined;
  }

  private addTick(lane: number, tick: Tick): void {
    while (this.ticks.length <= lane + 1) this.ticks.push([]);
    this.ticks[lane + 1]!.push(tick);
  }

  private end(requestSeq: number | undefined, frame: Frame, status: SpanStatus): void {
    const i = requestSeq === undefined ? undefined : this.spanOf.get(requestSeq);
    if (i === undefined) return;
    const span = this.spans[i]!;
    if (span.status !== "open") return; // a late answer to a cancelled request keeps the cancel as the end
    span.end = frame.ts;
    span.endSeq = frame.seq;
    span.status = status;
    this.busyUntil[span.lane] = frame.ts;
  }

  private read(frame: Frame): void {
    switch (frame.kind) {
      case "request": {
        let lane = this.busyUntil.findIndex((until) => until <= frame.ts);
        if (lane === -1) {
          lane = this.busyUntil.length;
          this.lanes.push([]);
        }
        this.busyUntil[lane] = Infinity;
        const span: Span = { requestSeq: frame.seq, method: messageMethod(frame) ?? "?", dir: frame.dir, start: frame.ts, lane, status: "open" };
        this.spanOf.set(frame.seq, this.spans.length);
        this.lanes[lane]!.push(this.spans.length);
        this.spans.push(span);
        return;
      }
      case "response":
      case "error":
        this.end(this.index.requestSeqOf(frame), frame, frame.kind === "error" ? "error" : "ok");
        return;
      case "notification": {
        const method = messageMethod(frame);
        const requestSeq = this.index.requestSeqOf(frame);
        const span = requestSeq === undefined ? undefined : this.spanOfRequest(requestSeq);
        if (method === "notifications/cancelled") {
          if (span) this.addTick(span.lane, { seq: frame.seq, ts: frame.ts, type: "cancelled", lane: span.lane });
          else this.addTick(-1, { seq: frame.seq, ts: frame.ts, type: "cancelled", lane: -1 });
          this.end(requestSeq, frame, "cancelled");
          return;
        }
        if (method === "notifications/progress" && span) {
          this.addTick(span.lane, { seq: frame.seq, ts: frame.ts, type: "progress", lane: span.lane });
          return;
        }
        const type: TickType = method === "notifications/message" ? "message" : "notification";
        this.addTick(-1, { seq: frame.seq, ts: frame.ts, type, lane: -1 });
        return;
      }
      case "stderr":
      case "invalid":
        this.addTick(-1, { seq: frame.seq, ts: frame.ts, type: "stderr", lane: -1 });
        return;
      default:
        // JSON-RPC frames over HTTP carry their own exchange; http/lifecycle frames are events.
        this.addTick(-1, { seq: frame.seq, ts: frame.ts, type: "event", lane: -1 });
    }
  }
}
