import { describe, expect, it } from "vitest";
import { compileFilter, FilteredView, type FrameFilter, isEmptyFilter, scanFilter } from "./frameFilter.js";
import { FrameLineReader } from "./frameLineReader.js";
import { TimelineIndex } from "./timelineIndex.js";
import { frameMaker, sampleFrames } from "./testFrames.js";

function session() {
  const frame = frameMaker();
  const index = new TimelineIndex();
  index.add([
    frame("out", "request", { id: 1, method: "tools/call", params: { name: "echo" } }, 1),
    frame("in", "notification", { method: "notifications/message", params: { level: "info", data: "Hello World" } }, 2),
    frame("in", "response", { id: 1, result: { ok: true } }, 3),
    frame("in", "stderr", undefined, 4, "boom on stderr"),
    frame("out", "request", { id: "1", method: "ping" }, 5),
    frame("in", "error", { id: "1", error: { code: -1, message: "nope" } }, 6),
  ]);
  return index;
}

function all(view: FilteredView): number[] {
  return Array.from({ length: view.count }, (_, i) => view.seqAt(i));
}

describe("compileFilter", () => {
  const index = session();
  const match = (f: Parameters<typeof compileFilter>[0]) => [...index.framesFrom(1)].filter((fr) => compileFilter(f)(fr, index)).map((fr) => fr.seq);

  it("lets everything through when empty", () => {
    expect(isEmptyFilter({})).toBe(true);
    expect(isEmptyFilter({ dirs: [], method: "  " })).toBe(true);
    expect(match({})).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it("filters by direction and kind", () => {
    expect(match({ dirs: ["out"] })).toEqual([1, 5]);
    expect(match({ kinds: ["response", "error"] })).toEqual([3, 6]);
    expect(match({ dirs: ["in"], kinds: ["notification", "stderr"] })).toEqual([2, 4]);
  });
  it("matches a response by its request's method, case-insensitively", () => {
    expect(match({ method: "TOOLS/" })).toEqual([1, 3]);
  });
  it("matches ids as text, numbers and strings alike", () => {
    expect(match({ id: "1" })).toEqual([1, 3, 5, 6]);
    expect(match({ id: "2" })).toEqual([]);
  });
  it("searches the raw text case-insensitively, special characters literally", () => {
    expect(match({ text: "hello world" })).toEqual([2]);
    expect(match({ text: "STDERR" })).toEqual([4]);
    expect(match({ text: '"id":"1"' })).toEqual([5, 6]);
    expect(match({ text: "(." })).toEqual([]);
  });
  it("combines every field", () => {
    expect(match({ dirs: ["in"], method: "ping", kinds: ["error"] })).toEqual([6]);
  });
});

describe("FilteredView", () => {
  it("scans in slices and keeps up with new frames incrementally", () => {
    const frame = frameMaker();
    const index = new TimelineIndex();
    for (let i = 0; i < 100; i++) index.add([frame(i % 2 ? "in" : "out", "notification", { method: `m${i % 3}` }, i)]);
    const view = new FilteredView(index, compileFilter({ dirs: ["out"] }));
    expect(view.advance(30)).toBe(30);
    expect(view.done).toBe(false);
    expect(view.progress).toBeCloseTo(0.3);
    expect(view.count).toBe(15);
    while (view.advance(30) > 0);
    expect(view.done).toBe(true);
    expect(view.count).toBe(50);
    index.add([frame("out", "notification", { method: "x" }, 100), frame("in", "notification", { method: "y" }, 101)]);
    expect(view.done).toBe(false);
    expect(view.advance()).toBe(2);
    expect(view.count).toBe(51);
    expect(view.seqAt(50)).toBe(101);
    expect(view.positionOf(101)).toBe(50);
    expect(view.positionOf(2)).toBe(-1);
    expect(view.lowerBound(2)).toBe(1);
  });

  it("grows past its initial capacity and keeps seq order", () => {
    const frame = frameMaker();
    const index = new TimelineIndex();
    const batch = Array.from({ length: 5000 }, (_, i) => frame("in", "stderr", undefined, i, `line ${i}`));
    index.add(batch);
    const view = new FilteredView(index, compileFilter({ text: "line 4" }));
    view.advance();
    const seqs = all(view);
    expect(seqs.length).toBe(1 + 10 + 100 + 1000);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });
});

describe("scanFilter and FilteredView.of: the same matches by column", () => {
  const filters: FrameFilter[] = [
    {},
    { dirs: ["in"] },
    { kinds: ["response", "error"] },
    { method: "TOOLS/" },
    { method: "progress" },
    { id: "7" },
    { id: "a-1" },
    { id: "07" },
    { text: "quote" },
    { text: "\\" },
    { text: "n" },
    { text: "SURROGATE" },
    { dirs: ["in"], kinds: ["error"], method: "tools", text: "bad" },
  ];

  it("agrees with compileFilter on frames added, and on frames read from lines and applied as a segment", () => {
    const frames = sampleFrames();
    const added = new TimelineIndex();
    added.add(frames);
    const read = new TimelineIndex();
    new FrameLineReader(read, { mode: "stream" }).push(frames.map((f) => JSON.stringify(f) + "\n").join(""), 1);
    const applied = new TimelineIndex();
    applied.applySegment(read.exportSegment(1, read.lastSeq));
    for (const filter of filters) {
      const predicate = compileFilter(filter);
      const want = [...added.framesFrom(1)].filter((f) => predicate(f, added)).map((f) => f.seq);
      for (const index of [added, read, applied]) {
        const got: number[] = [];
        scanFilter(index, filter)(1, index.lastSeq, (seq) => got.push(seq));
        expect(got, JSON.stringify(filter)).toEqual(want);
        const view = FilteredView.of(index, filter);
        view.advance(5);
        view.advance();
        expect(all(view)).toEqual(want);
      }
    }
  });

  it("takes matches found elsewhere, then scans on from there", () => {
    const index = new TimelineIndex();
    index.add(sampleFrames());
    const view = FilteredView.of(index, { dirs: ["out"] });
    view.seed(Uint32Array.from([2, 4]), 5);
    expect(view.done).toBe(false);
    view.advance();
    expect(all(view)).toEqual([2, 4, 7, 8, 16]);
    expect([...view.toArray()]).toEqual([2, 4, 7, 8, 16]);
  });
});
