import { describe, expect, it } from "vitest";
import { segmentLength, segmentTransfer } from "./frameSegment.js";
import { FrameLineReader } from "./frameLineReader.js";
import { sampleFrames } from "./testFrames.js";
import { TimelineIndex } from "./timelineIndex.js";

describe("segments: the frames a worker read, applied to the page's index", () => {
  it("gives an index equal to the one that read the frames, segment by segment", () => {
    const frames = sampleFrames();
    const source = new TimelineIndex();
    const reader = new FrameLineReader(source, { mode: "stream" });
    const copy = new TimelineIndex();
    let sent = 0;
    let names = 1;
    for (const cut of [1, 4, 9, 16]) {
      reader.push(frames.slice(sent, cut).map((f) => JSON.stringify(f) + "\n").join(""), sent + 1);
      const segment = structuredClone(source.exportSegment(sent + 1, cut, names));
      expect(segmentLength(segment)).toBe(cut - sent);
      expect(segmentTransfer(segment).every((b) => b instanceof ArrayBuffer)).toBe(true);
      names = source.columns.methodNames.length;
      copy.applySegment(segment);
      sent = cut;
      expect(copy.inFlight().map((f) => f.seq)).toEqual(source.inFlight().map((f) => f.seq));
    }
    expect(copy.lastSeq).toBe(frames.length);
    for (const frame of frames) {
      const got = copy.get(frame.seq)!;
      expect(got.toJSON()).toEqual(frame);
      expect(copy.methodOf(got)).toBe(source.methodOf(got));
      expect(copy.requestSeqOf(got)).toBe(source.requestSeqOf(got));
      expect(copy.latencyOf(got)).toBe(source.latencyOf(got));
      expect(copy.pairOf(got)?.progress.map((f) => f.seq)).toEqual(source.pairOf(got)?.progress.map((f) => f.seq));
    }
    expect(copy.cancellationOf(7)?.seq).toBe(8);
    expect(copy.cancelledRequestSeq(copy.get(8)!)).toBe(7);
  });

  it("refuses a segment that does not continue the index", () => {
    const source = new TimelineIndex();
    source.add(sampleFrames());
    const copy = new TimelineIndex();
    expect(() => copy.applySegment(source.exportSegment(2, 3))).toThrow("segment starts at seq 2, expected 1");
  });
});
