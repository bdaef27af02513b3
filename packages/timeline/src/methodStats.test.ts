import { describe, expect, it } from "vitest";
import { MethodStats, percentile } from "./methodStats.js";
import { TimelineIndex } from "./timelineIndex.js";
import { frameMaker } from "./testFrames.js";

describe("percentile", () => {
  it("uses the nearest rank", () => {
    expect(percentile([], 0.5)).toBeUndefined();
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 1)).toBe(100);
  });
});

describe("MethodStats", () => {
  it("counts requests, errors, cancellations and latency percentiles per method, incrementally", () => {
    const frame = frameMaker();
    const index = new TimelineIndex();
    const stats = new MethodStats(index);
    const t = 1000;
    index.add([
      frame("out", "request", { id: 1, method: "tools/call" }, t),
      frame("out", "request", { id: 2, method: "tools/call" }, t + 1),
      frame("in", "response", { id: 1, result: {} }, t + 11), // 11 ms
      frame("in", "error", { id: 2, error: { code: -32603, message: "x" } }, t + 31), // 30 ms
      frame("in", "notification", { method: "notifications/message", params: { level: "info" } }, t + 32),
    ]);
    let rows = stats.summaries();
    expect(rows[0]).toMatchObject({ method: "tools/call", type: "request", count: 2, answered: 2, errors: 1, p50: 11, p95: 30, max: 30 });
    expect(rows.find((r) => r.method === "notifications/message")).toMatchObject({ type: "notification", count: 1, answered: 0, p50: undefined });
    index.add([
      frame("out", "request", { id: 3, method: "tools/call" }, t + 40),
      frame("out", "request", { id: 4, method: "ping" }, t + 41),
      frame("in", "response", { id: 4, result: {} }, t + 43),
      frame("out", "notification", { method: "notifications/cancelled", params: { requestId: 3, reason: "user" } }, t + 50),
    ]);
    expect(stats.processed).toBe(5);
    rows = stats.summaries();
    expect(stats.processed).toBe(9);
    expect(rows.find((r) => r.method === "tools/call")).toMatchObject({ count: 3, answered: 2, cancelled: 1, errors: 1 });
    expect(rows.find((r) => r.method === "ping")).toMatchObject({ count: 1, p50: 2, p95: 2 });
    expect(rows.map((r) => r.method)).toEqual(["tools/call", "notifications/cancelled", "notifications/message", "ping"]);
  });
});
