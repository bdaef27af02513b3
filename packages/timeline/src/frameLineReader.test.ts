import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { FrameLineReader } from "./frameLineReader.js";
import { TimelineIndex } from "./timelineIndex.js";
import { HEADER, SID, sampleFrames } from "./testFrames.js";

function recordingText(frames: Frame[]): string {
  return [HEADER, ...frames.map((f) => JSON.stringify(f))].join("\n") + "\n";
}

function read(text: string, chunk = Infinity) {
  const index = new TimelineIndex();
  const reader = new FrameLineReader(index, { mode: "recording" });
  for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
  reader.end();
  return { index, reader };
}

function expectSame(index: TimelineIndex, frames: Frame[]) {
  const expected = new TimelineIndex();
  expected.add(frames);
  expect(index.lastSeq).toBe(frames.length);
  for (const frame of frames) {
    const got = index.get(frame.seq)!;
    expect(got.toJSON()).toEqual(expected.get(frame.seq)!.toJSON());
    expect(got.toJSON()).toEqual(frame);
    const pair = index.pairOf(got);
    const want = expected.pairOf(frame);
    expect(pair && { request: pair.request.seq, response: pair.response?.seq, progress: pair.progress.map((p) => p.seq) }).toEqual(
      want && { request: want.request.seq, response: want.response?.seq, progress: want.progress.map((p) => p.seq) },
    );
    expect(index.methodOf(got)).toBe(expected.methodOf(frame));
  }
  expect(index.inFlight().map((f) => f.seq)).toEqual(expected.inFlight().map((f) => f.seq));
}

describe("FrameLineReader", () => {
  it("reads a recording into the same frames and pairs as adding the frames", () => {
    const frames = sampleFrames();
    const { index, reader } = read(recordingText(frames));
    expect(reader.stopped).toBeUndefined();
    expect(reader.parsedLines).toBe(0); // every line read without JSON.parse
    expect(reader.header?.session.id).toBe(SID);
    expectSame(index, frames);
    expect(index.pairOf(index.get(4)!)?.progress.map((f) => f.seq)).toEqual([5]);
    expect(index.cancellationOf(7)?.seq).toBe(8);
  });

  it("reads the same however the text is cut into chunks", () => {
    const frames = sampleFrames();
    const text = recordingText(frames);
    for (const chunk of [1, 7, 64, 333]) expectSame(read(text, chunk).index, frames);
  });

  it("reads lines written another way (key order, whitespace) with JSON.parse", () => {
    const frames = sampleFrames();
    const lines = frames.map((f, i) => {
      const { raw, ...rest } = f;
      return i % 2 ? JSON.stringify({ raw, ...rest }) : JSON.stringify(f, null, 1).replaceAll("\n", "");
    });
    const { index, reader } = read([HEADER, ...lines].join("\n") + "\n", 50);
    expect(reader.stopped).toBeUndefined();
    expect(reader.parsedLines).toBe(frames.length);
    expectSame(index, frames);
  });

  it("drops a torn last line, as reading the file back does", () => {
    const frames = sampleFrames();
    const text = recordingText(frames);
    const { index, reader } = read(text.slice(0, text.length - 10));
    expect(reader.stopped).toBeUndefined();
    expect(index.lastSeq).toBe(frames.length - 1);
  });

  it("stops at the first bad line, naming it, keeping every frame before it", () => {
    const frames = sampleFrames();
    const lines = recordingText(frames).split("\n");
    const withLine = (n: number, text: string) => lines.map((l, i) => (i === n - 1 ? text : l)).join("\n");
    const cases: [number, string, string][] = [
      [5, JSON.stringify({ ...frames[3], seq: 40 }), "seq is 40, expected 4 (frames are numbered 1, 2, 3… in line order)"],
      [5, "{oops", "not JSON ("],
      [5, JSON.stringify({ ...frames[3], kind: "response" }), 'not a valid frame: kind: kind is "response" but msg is a request'],
      [5, JSON.stringify({ ...frames[3], msg: undefined }), "not a valid frame: msg: a request frame must carry its parsed message"],
      [5, JSON.stringify({ ...frames[3], raw: 5 }), "not a valid frame: raw: expected a string, got 5"],
      [5, JSON.stringify({ ...frames[3], dir: "up" }), 'not a valid frame: dir: expected one of "out", "in", "meta", "app", "host", got "up"'],
      [5, JSON.stringify({ ...frames[3], msg: { ...frames[3]!.msg, jsonrpc: "1.0" } }), 'not a valid frame: msg.jsonrpc: expected "2.0", got "1.0"'],
      [1, '{"type":"other"}', 'its first line is not a recording header (expected {"type":"mcpscope-recording",…}, got {"type":"other"})'],
      [1, '{"type":"mcpscope-recording","version":2,"session":{}}', "recording format version 2 is not supported (this mcpscope reads version 1)"],
    ];
    for (const [line, text, reason] of cases) {
      const { index, reader } = read(withLine(line, text), 40);
      expect(reader.stopped?.kind).toBe("invalid");
      expect(reader.stopped && "line" in reader.stopped && reader.stopped.line).toBe(line);
      expect(reader.stopped && "reason" in reader.stopped && reader.stopped.reason).toContain(reason);
      expect(index.lastSeq).toBe(Math.max(0, line - 2));
    }
    const empty = read("");
    expect(empty.reader.stopped).toEqual({ kind: "invalid", line: 1, reason: "the file is empty" });
  });

  it("continues a stream: frames held already are skipped, a gap or a line out of place stops reading and says where", () => {
    const frames = sampleFrames();
    const lines = frames.map((f) => JSON.stringify(f) + "\n");
    const index = new TimelineIndex();
    const batch = (from: number, to: number, reader = new FrameLineReader(index, { mode: "stream" })) => {
      reader.push(lines.slice(from - 1, to).join(""), from);
      return reader;
    };
    batch(1, 5);
    expect(batch(4, 9).stopped).toBeUndefined();
    expect(index.lastSeq).toBe(9);
    expect(batch(12, 13).stopped).toEqual({ kind: "gap", expected: 10, seq: 12 });
    expect(index.lastSeq).toBe(9);
    const reader = new FrameLineReader(index, { mode: "stream" });
    reader.push(lines[9]! + lines[9]!, 10);
    expect(reader.stopped).toEqual({ kind: "invalid", line: 12, reason: "seq is 10, expected 11 (frames are numbered 1, 2, 3… in line order)" });
    expect(index.lastSeq).toBe(10);
    batch(11, frames.length);
    expectSame(index, frames);
  });
});
