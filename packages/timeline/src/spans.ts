import type { Frame } from "@mcpscope/protocol";
import type { TimelineIndex } from "./timelineIndex.js";
import { messageId, messageMethod } from "./storedFrame.js";

/** How a span ended. `open` while the request is in flight. */
export type SpanStatus = "open" | "ok" | "error" | "cancelled";

/**
 * One `input_required` answer of a multi round-trip request (MCP 2026-07-28 "Multi Round-Trip
 * Requests"): the `seq` of the answer, and the input requests it carried (key and method).
 */
export interface InputRound {
  responseSeq: number;
  inputs: Array<{ key: string; method: string }>;
}

/**
 * A request drawn as a bar from its send to its answer (or cancellation). Times in epoch ms.
 * A multi round-trip request (MCP 2026-07-28: each retry is a new JSON-RPC request carrying
 * the same `_meta.progressToken`) is one span from its first leg to its final answer.
 */
export interface Span {
  /** `seq` of the (first) request. */
  requestSeq: number;
  /** `seq` of every leg of a multi round-trip request, oldest first (absent for one leg). */
  legs?: number[];
  /** The `input_required` answers between the legs, in order. */
  rounds?: InputRound[];
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
  /** Spans whose last leg answered `input_required`, by sender and progress token: the retry continues them. */
  private readonly awaiting = new Map<string, number>();
  /** Spans in flight by sender and JSON-RPC id of their last leg (a cancellation names it). */
  private readonly openById = new Map<string, number>();
  processed = 0;

  constructor(readonly index: TimelineIndex) {}

  get laneCount(): number {
    return this.lanes.length;
  }

  /** The span of a request, by the `seq` of the request (or of any leg of it). */
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
    if (i !== undefined) this.endSpan(i, frame, status);
  }

  private endSpan(i: number, frame: Frame, status: SpanStatus): void {
    const span = this.spans[i]!;
    if (span.status !== "open") return; // a late answer to a cancelled request keeps the cancel as the end
    span.end = frame.ts;
    span.endSeq = frame.seq;
    span.status = status;
    this.busyUntil[span.lane] = frame.ts;
    const last = this.index.get(span.legs?.at(-1) ?? span.requestSeq);
    const id = last && messageId(last);
    if (id !== undefined) this.openById.delete(idKey(span.dir, id));
    for (const [key, at] of this.awaiting) if (at === i) this.awaiting.delete(key);
  }

  /** The next leg of a span waiting for the retry of an `input_required` request, if this request is one. */
  private continues(frame: Frame): number | undefined {
    if (this.awaiting.size === 0) return undefined;
    const key = tokenKey(frame.dir, progressTokenOf(frame));
    const i = key === undefined ? undefined : this.awaiting.get(key);
    if (i === undefined) return undefined;
    this.awaiting.delete(key!);
    const span = this.spans[i]!;
    (span.legs ??= [span.requestSeq]).push(frame.seq);
    this.spanOf.set(frame.seq, i);
    const id = messageId(frame);
    if (id !== undefined) this.openById.set(idKey(frame.dir, id), i);
    return i;
  }

  /** Reads a response: an `input_required` answer keeps its span open for the retry; anything else ends it. */
  private answered(frame: Frame): void {
    const requestSeq = this.index.requestSeqOf(frame);
    const i = requestSeq === undefined ? undefined : this.spanOf.get(requestSeq);
    if (i === undefined || requestSeq === undefined) return;
    // Cheap test first: only an answer that mentions input_required is parsed.
    const result = frame.raw.includes('"input_required"') ? (frame.msg?.result as { resultType?: unknown; inputRequests?: unknown } | undefined) : undefined;
    const request = this.index.get(requestSeq);
    const key = result?.resultType === "input_required" && request ? tokenKey(request.dir, progressTokenOf(request)) : undefined;
    const span = this.spans[i]!;
    if (key === undefined || span.status !== "open") {
      this.endSpan(i, frame, "ok");
      return;
    }
    const inputs = Object.entries((result!.inputRequests ?? {}) as Record<string, { method?: unknown }>).map(([k, r]) => ({ key: k, method: typeof r?.method === "string" ? r.method : "?" }));
    (span.rounds ??= []).push({ responseSeq: frame.seq, inputs });
    this.awaiting.set(key, i);
  }

  /** A request withdrawn by a frame that names its id: `notifications/cancelled`, or a `cancelled` lifecycle frame. */
  private cancelledById(dir: Frame["dir"], id: unknown, frame: Frame): number | undefined {
    if (typeof id !== "string" && typeof id !== "number") return undefined;
    const i = this.openById.get(idKey(dir, id));
    if (i !== undefined) this.endSpan(i, frame, "cancelled");
    return i;
  }

  private read(frame: Frame): void {
    switch (frame.kind) {
      case "request": {
        if (this.continues(frame) !== undefined) return;
        let lane = this.busyUntil.findIndex((until) => until <= frame.ts);
        if (lane === -1) {
          lane = this.busyUntil.length;
          this.lanes.push([]);
        }
        this.busyUntil[lane] = Infinity;
        const span: Span = { requestSeq: frame.seq, method: messageMethod(frame) ?? "?", dir: frame.dir, start: frame.ts, lane, status: "open" };
        const id = messageId(frame);
        if (id !== undefined) this.openById.set(idKey(frame.dir, id), this.spans.length);
        this.spanOf.set(frame.seq, this.spans.length);
        this.lanes[lane]!.push(this.spans.length);
        this.spans.push(span);
        return;
      }
      case "response":
        this.answered(frame);
        return;
      case "error":
        this.end(this.index.requestSeqOf(frame), frame, "error");
        return;
      case "notification": {
        const method = messageMethod(frame);
        const requestSeq = this.index.requestSeqOf(frame);
        const span = requestSeq === undefined ? undefined : this.spanOfRequest(requestSeq);
        if (method === "notifications/cancelled") {
          // A leg that already answered input_required is out of the index's pairing: found by id.
          const i = span ? undefined : this.cancelledById(frame.dir, (frame.msg?.params as { requestId?: unknown } | undefined)?.requestId, frame);
          const lane = span?.lane ?? (i === undefined ? -1 : this.spans[i]!.lane);
          this.addTick(lane, { seq: frame.seq, ts: frame.ts, type: "cancelled", lane });
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
      default: {
        // A 2026-07-28 request cancelled by closing its HTTP stream: a lifecycle frame names it.
        if (frame.kind === "lifecycle" && frame.meta?.event === "cancelled") {
          const i = this.cancelledById("out", frame.meta.requestId, frame);
          if (i !== undefined) {
            this.addTick(this.spans[i]!.lane, { seq: frame.seq, ts: frame.ts, type: "cancelled", lane: this.spans[i]!.lane });
            return;
          }
        }
        // JSON-RPC frames over HTTP carry their own exchange; http/lifecycle frames are events.
        this.addTick(-1, { seq: frame.seq, ts: frame.ts, type: "event", lane: -1 });
      }
    }
  }
}

function idKey(dir: Frame["dir"], id: string | number): string {
  return `${dir}|${typeof id}|${id}`;
}

/** The key a sender's progress token files a waiting span under, if the token is a string or number. */
function tokenKey(dir: Frame["dir"], token: unknown): string | undefined {
  return typeof token === "string" || typeof token === "number" ? `${dir}|${typeof token}|${token}` : undefined;
}

function progressTokenOf(frame: Frame): unknown {
  return (frame.msg?.params as { _meta?: { progressToken?: unknown } } | undefined)?._meta?.progressToken;
}
