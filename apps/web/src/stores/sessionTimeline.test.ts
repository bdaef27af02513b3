// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { TimelineIndex } from "@mcpscope/timeline";
import { dropTimeline, heldSeq, peekTimeline, timelineOf } from "./sessionTimeline";

function segmentOf(frames: number, from = 1) {
  const source = new TimelineIndex();
  source.add(Array.from({ length: from + frames - 1 }, (_, i) => ({ sessionId: "s", seq: i + 1, ts: i, dir: "in" as const, kind: "stderr" as const, raw: `line ${i + 1}`, bytes: 6 })));
  return source.exportSegment(from, from + frames - 1);
}

describe("SessionTimeline", () => {
  it("publishes a new snapshot per commit, telling each listener once, and keeps it stable between commits", () => {
    const timeline = timelineOf("t1");
    const listener = vi.fn();
    const stop = timeline.subscribe(listener);
    const empty = timeline.getSnapshot();
    timeline.apply(segmentOf(3));
    timeline.apply(segmentOf(2, 4));
    expect(timeline.getSnapshot()).toBe(empty); // applied, not yet published
    timeline.commit();
    const first = timeline.getSnapshot();
    expect(first).toMatchObject({ sessionId: "t1", lastSeq: 5, version: 1 });
    expect(first.index.get(5)!.raw).toBe("line 5");
    expect(listener).toHaveBeenCalledTimes(1);
    timeline.commit(); // nothing new
    expect(timeline.getSnapshot()).toBe(first);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    expect(heldSeq("t1")).toBe(5);
    expect(window.__mcpscope?.frameCount("t1")).toBe(5);
    dropTimeline("t1");
    expect(peekTimeline("t1")).toBeUndefined();
    expect(heldSeq("t1")).toBe(0);
  });
});
