import type { Frame } from "@mcpscope/protocol";
import type { TimelineIndex } from "./timelineIndex.js";
import { messageMethod } from "./storedFrame.js";

/** One row of the per-method summary. Latencies in milliseconds. */
export interface MethodSummary {
  method: string;
  /** `request` for methods that were requested, `notification` for notification methods. */
  type: "request" | "notification";
  /** Requests (or notifications) sent with this method, both directions. */
  count: number;
  /** Requests answered with a response or an error. */
  answered: number;
  /** Requests answered with a JSON-RPC error. */
  errors: number;
  /** Requests withdrawn with `notifications/cancelled`. */
  cancelled: number;
  /** Latency percentiles over answered requests; absent when none was answered. */
  p50?: number;
  p95?: number;
  max?: number;
}

/**
 * The p-quantile (0…1) of ascending sorted values by the nearest-rank method: the smallest
 * value with at least `p` of the values at or below it. `undefined` for no values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

interface Bucket {
  method: string;
  type: "request" | "notification";
  count: number;
  errors: number;
  cancelled: number;
  latencies: Float64Array;
  n: number;
  sorted: boolean;
}

/**
 * Per-method statistics over one session, maintained incrementally: `update` reads only
 * the frames added since the last call. Percentiles sort a method's latencies lazily, only
 * when `summaries` is asked for and new latencies arrived since.
 */
export class MethodStats {
  private readonly buckets = new Map<string, Bucket>();
  /** The highest `seq` read so far. */
  processed = 0;

  constructor(readonly index: TimelineIndex) {}

  /** Reads frames added to the index since the last call (O(new frames)). */
  update(): void {
    const last = this.index.lastSeq;
    for (let seq = this.processed + 1; seq <= last; seq++) this.read(this.index.get(seq)!);
    this.processed = last;
  }

  /** One row per method, most frequent first (ties by name). */
  summaries(): MethodSummary[] {
    this.update();
    const rows: MethodSummary[] = [];
    for (const b of this.buckets.values()) {
      if (!b.sorted) {
        b.latencies.subarray(0, b.n).sort();
        b.sorted = true;
      }
      const lat = b.latencies.subarray(0, b.n);
      rows.push({
        method: b.method,
        type: b.type,
        count: b.count,
        answered: b.n,
        errors: b.errors,
        cancelled: b.cancelled,
        p50: percentile(lat, 0.5),
        p95: percentile(lat, 0.95),
        max: b.n ? lat[b.n - 1] : undefined,
      });
    }
    return rows.sort((a, b) => b.count - a.count || a.method.localeCompare(b.method));
  }

  private bucket(method: string, type: Bucket["type"]): Bucket {
    const key = `${type}|${method}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { method, type, count: 0, errors: 0, cancelled: 0, latencies: new Float64Array(16), n: 0, sorted: true };
      this.buckets.set(key, b);
    }
    return b;
  }

  private read(frame: Frame): void {
    const method = messageMethod(frame);
    if (frame.kind === "request" && method !== undefined) {
      this.bucket(method, "request").count++;
      return;
    }
    if (frame.kind === "notification" && method !== undefined) {
      this.bucket(method, "notification").count++;
      if (method === "notifications/cancelled") {
        const requestSeq = this.index.cancelledRequestSeq(frame);
        const request = requestSeq === undefined ? undefined : this.index.get(requestSeq);
        if (request?.method) this.bucket(request.method, "request").cancelled++;
      }
      return;
    }
    if (frame.kind === "response" || frame.kind === "error") {
      const requestSeq = this.index.counterpartSeq(frame);
      const request = requestSeq === undefined ? undefined : this.index.get(requestSeq);
      const m = request?.method;
      if (!request || m === undefined) return;
      const b = this.bucket(m, "request");
      if (frame.kind === "error") b.errors++;
      if (b.n === b.latencies.length) {
        const bigger = new Float64Array(b.n * 2);
        bigger.set(b.latencies);
        b.latencies = bigger;
      }
      b.latencies[b.n++] = frame.ts - request.ts;
      b.sorted = false;
    }
  }
}
