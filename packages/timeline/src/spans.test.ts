import { describe, expect, it } from "vitest";
import { assignLanes, SpanLayout } from "./spans.js";
import { TimelineIndex } from "./timelineIndex.js";
import { frameMaker } from "./testFrames.js";

describe("assignLanes", () => {
  it("puts concurrent intervals in separate lanes and reuses freed lanes", () => {
    expect(
      assignLanes([
        { start: 0, end: 10 },
        { start: 2, end: 4 },
        { start: 5, end: 20 },
        { start: 10, end: 12 }, // lane 0 is free exactly at 10
        { start: 11, end: Infinity },
        { start: 13, end: 14 },
      ]),
    ).toEqual([0, 1, 1, 0, 2, 0]);
  });
  it("never overlaps within a lane, and uses peak-concurrency lanes (random)", () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const intervals = Array.from({ length: 300 }, () => {
      const start = Math.floor(rnd() * 1000);
      return { start, end: start + 1 + Math.floor(rnd() * 50) };
    });
    const lanes = assignLanes(intervals);
    const byLane = new Map<number, { start: number; end: number }[]>();
    intervals.forEach((iv, i) => byLane.set(lanes[i]!, [...(byLane.get(lanes[i]!) ?? []), iv]));
    for (const list of byLane.values()) {
      list.sort((a, b) => a.start - b.start);
      for (let i = 1; i < list.length; i++) expect(list[i]!.start).toBeGreaterThanOrEqual(list[i - 1]!.end);
    }
    let peak = 0;
    for (const { start } of intervals) peak = Math.max(peak, intervals.filter((iv) => iv.start <= start && iv.end > start).length);
    expect(byLane.size).toBe(peak);
  });
});

describe("SpanLayout", () => {
  it("builds spans in lanes incrementally, holds lanes for in-flight requests, ends on cancel", () => {
    const frame = frameMaker();
    const index = new TimelineIndex();
    const layout = new SpanLayout(index);
    index.add([
      frame("out", "request", { id: 1, method: "tools/call", params: { _meta: { progressToken: 1 } } }, 0),
      frame("out", "request", { id: 2, method: "ping" }, 1),
      frame("in", "notification", { method: "notifications/progress", params: { progressToken: 1, progress: 1, total: 2 } }, 2),
      frame("in", "response", { id: 2, result: {} }, 3),
      frame("in", "stderr", undefined, 4),
    ]);
    layout.update();
    expect(layout.spans.map((s) => [s.requestSeq, s.lane, s.status])).toEqual([
      [1, 0, "open"],
      [2, 1, "ok"],
    ]);
    expect(layout.visibleTicks(0, 0, 10).map((t) => t.type)).toEqual(["progress"]);
    expect(layout.visibleTicks(-1, 0, 10).map((t) => t.type)).toEqual(["stderr"]);
    index.add([
      frame("out", "request", { id: 3, method: "resources/list" }, 5), // lane 1 is free again
      frame("out", "notification", { method: "notifications/cancelled", params: { requestId: 1, reason: "r" } }, 6),
      frame("in", "response", { id: 1, result: {} }, 7), // late: the cancel stays the end
      frame("out", "request", { id: 4, method: "ping" }, 8),
    ]);
    layout.update();
    expect(layout.spans.map((s) => [s.requestSeq, s.lane, s.status, s.end])).toEqual([
      [1, 0, "cancelled", 6],
      [2, 1, "ok", 3],
      [6, 1, "open", undefined], // request seqs, not ids
      [9, 0, "open", undefined],
    ]);
    expect(layout.laneCount).toBe(2);
    expect(layout.visibleTicks(0, 0, 10).map((t) => t.type)).toEqual(["progress", "cancelled"]);
    expect(layout.spanAt(1, 2)?.requestSeq).toBe(2);
    expect(layout.spanAt(1, 100)?.requestSeq).toBe(6); // open spans reach any time
    expect(layout.spanAt(0, 7)).toBeUndefined();
  });

  it("returns only what a window shows, at most one span per minDt", () => {
    const frame = frameMaker();
    const index = new TimelineIndex();
    const layout = new SpanLayout(index);
    const frames = [];
    for (let i = 0; i < 10_000; i++) {
      frames.push(frame("out", "request", { id: i, method: "ping" }, i * 10));
      frames.push(frame("in", "response", { id: i, result: {} }, i * 10 + 2));
    }
    index.add(frames);
    layout.update();
    expect(layout.laneCount).toBe(1);
    expect(layout.visibleSpans(0, 1000, 1100).map((s) => s.start)).toEqual([1000, 1010, 1020, 1030, 1040, 1050, 1060, 1070, 1080, 1090, 1100]);
    expect(layout.visibleSpans(0, 1003, 1025).map((s) => s.start)).toEqual([1010, 1020]);
    // Zoomed out over 100,000 ms at 100 ms per pixel: about 1,000 spans instead of 10,000.
    const coarse = layout.visibleSpans(0, 0, 100_000, 100);
    expect(coarse.length).toBe(1000);
    expect(coarse[1]!.start).toBe(100);
  });
});
