import { describe, expect, it } from "vitest";
import { assignLanes, SpanLayout } from "./spans.js";
import { describeRounds } from "./inputRounds.js";
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

  it("draws a multi round-trip request (legs sharing a progress token) as one span with its rounds", () => {
    const frame = frameMaker();
    const index = new TimelineIndex();
    const layout = new SpanLayout(index);
    const call = (id: number, ts: number) => frame("out", "request", { id, method: "tools/call", params: { name: "plan_trip", _meta: { progressToken: "t1" } } }, ts);
    const asks = (id: number, key: string, method: string, ts: number) =>
      frame("in", "response", { id, result: { resultType: "input_required", inputRequests: { [key]: { method, params: {} } } } }, ts);
    index.add([
      call(1, 0),
      frame("out", "request", { id: 2, method: "tools/list", params: { _meta: { progressToken: "t2" } } }, 1),
      asks(1, "destination", "elicitation/create", 2),
      frame("in", "response", { id: 2, result: { tools: [] } }, 3),
      call(3, 10),
    ]);
    layout.update();
    expect(layout.spans.map((s) => [s.requestSeq, s.status, s.legs])).toEqual([
      [1, "open", [1, 5]],
      [2, "ok", undefined],
    ]);
    index.add([asks(3, "itinerary", "sampling/createMessage", 12), call(4, 20), frame("in", "response", { id: 4, result: { resultType: "complete", content: [] } }, 25)]);
    layout.update();
    const span = layout.spanOfRequest(7)!;
    expect(layout.spans).toHaveLength(2);
    expect(span).toMatchObject({ requestSeq: 1, legs: [1, 5, 7], status: "ok", start: 0, end: 25, endSeq: 8 });
    expect(span.rounds).toEqual([
      { responseSeq: 3, inputs: [{ key: "destination", method: "elicitation/create" }] },
      { responseSeq: 6, inputs: [{ key: "itinerary", method: "sampling/createMessage" }] },
    ]);
    expect(layout.spanOfRequest(5)).toBe(span);
  });

  it("ends a multi round-trip span cancelled while it waits for input, and one cancelled by a closed HTTP stream", () => {
    const frame = frameMaker();
    const index = new TimelineIndex();
    const layout = new SpanLayout(index);
    index.add([
      frame("out", "request", { id: 1, method: "tools/call", params: { _meta: { progressToken: 7 } } }, 0),
      frame("in", "response", { id: 1, result: { resultType: "input_required", inputRequests: { a: { method: "elicitation/create" } } } }, 1),
      frame("out", "notification", { method: "notifications/cancelled", params: { requestId: 1, reason: "user" } }, 5),
      frame("out", "request", { id: 2, method: "tools/call", params: { _meta: { progressToken: 8 } } }, 6),
    ]);
    const closed = { event: "cancelled", requestId: 2, reason: "user", via: "closed the request's response stream" };
    index.add([{ sessionId: "s", seq: 5, ts: 9, dir: "meta", kind: "lifecycle", raw: JSON.stringify(closed), bytes: 10, meta: closed }]);
    layout.update();
    expect(layout.spans.map((s) => [s.requestSeq, s.status, s.end])).toEqual([
      [1, "cancelled", 5],
      [4, "cancelled", 9],
    ]);
    // A later request with the first token is a new span: nothing waits for it any more.
    const again = { jsonrpc: "2.0" as const, id: 3, method: "tools/call", params: { _meta: { progressToken: 7 } } };
    index.add([{ sessionId: "s", seq: 6, ts: 10, dir: "out", kind: "request", raw: JSON.stringify(again), bytes: 10, msg: again }]);
    layout.update();
    expect(layout.spans).toHaveLength(3);
  });
});

describe("describeRounds", () => {
  it("names each round's input requests in order", () => {
    expect(describeRounds(undefined)).toBeUndefined();
    expect(
      describeRounds([
        { responseSeq: 3, inputs: [{ key: "destination", method: "elicitation/create" }] },
        { responseSeq: 6, inputs: [{ key: "itinerary", method: "sampling/createMessage" }] },
      ]),
    ).toBe("2 rounds: elicitation → sampling");
    expect(describeRounds([{ responseSeq: 2, inputs: [{ key: "a", method: "elicitation/create" }, { key: "b", method: "roots/list" }] }])).toBe("1 round: elicitation + roots");
  });
});
