import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Frame, FrameSchema } from "@mcpscope/protocol";
import { FrameLineReader, TimelineIndex } from "@mcpscope/timeline";
import { describe, expect, it } from "vitest";
import { ChunkFramer, type StampedFrameInput } from "./chunkFramer.js";
import { ShimIngest } from "./shimIngest.js";
import { TappedSession } from "./tappedSession.js";
import { wireFrameLine } from "../recording/wireFrameLine.js";

/** Lines a server or client may write: valid messages of every kind, and what is not one. */
const LINES = [
  '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"é ☃ 𝄞 \u2028 \\"q\\" \\\\ \\n"}}}',
  '{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"x"}}',
  '{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"ok"}]}}',
  '{"jsonrpc":"2.0","id":1,"result":{}}',
  '{"jsonrpc":"2.0","id":"s-2","error":{"code":-32601,"message":"no such method","data":{"n":1e3,"m":2.50}}}',
  '{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}',
  '{"jsonrpc":"2.0","id":7,"method":"ping","params":{"escaped":"\\u00e9\\u2028"}}',
  '{"jsonrpc":"2.0","id":7,"method":"ping"}\r',
  '  { "jsonrpc" : "2.0", "id" : 8.0, "method" : "ping", "id" : 9 }\t',
  '{"jsonrpc":"2.0","id":10,"method":"x","params":{"__proto__":{"a":1},"big":12345678901234567890}}',
  '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":10}}',
  '{"jsonrpc":"2.0","id":10,"result":{}}',
  "not json",
  "",
  "[]",
  '{"jsonrpc":"2.0","id":{},"method":"x"}',
  '{"jsonrpc":"1.0","id":1,"method":"x"}',
  "\uFFFD{}",
];

function frame(input: StampedFrameInput, seq: number): Frame {
  return { sessionId: "6c1f0c38-3a7e-4bd3-9b59-3f0a8f8a2b11", seq, ...input, bytes: input.bytes ?? Buffer.byteLength(input.raw) };
}

describe("ChunkFramer", () => {
  it("builds only frames that match FrameSchema, from any line, in either direction", () => {
    const frames: Frame[] = [];
    const framer = new ChunkFramer((input) => frames.push(frame(input, frames.length + 1)));
    const bytes = Buffer.from(LINES.join("\n") + "\n", "utf8");
    for (const stream of ["stdin", "stdout", "stderr"] as const) {
      // Cut at every 7th byte: lines and characters straddle chunks.
      for (let at = 0; at < bytes.length; at += 7) framer.chunk(stream, 1000 + at, bytes.subarray(at, at + 7));
    }
    framer.event(2000, { event: "exited", code: 0, signal: null });
    framer.end(2001);
    expect(frames).toHaveLength(LINES.length * 3 + 1);
    for (const f of frames) expect(FrameSchema.safeParse(f).error).toBeUndefined();
    expect(frames.slice(0, LINES.length).map((f) => f.kind)).toEqual([
      "request", "notification", "response", "response", "error", "error", "request", "request", "request", "request", "notification", "response",
      "invalid", "invalid", "invalid", "invalid", "invalid", "invalid",
    ]);
  });
});

describe("wireFrameLine", () => {
  it("writes the JSON of the frame: byte for byte for lines written as JSON.stringify writes them, the same frame read back for any line", () => {
    const frames: Frame[] = [];
    const framer = new ChunkFramer((input) => frames.push(frame(input, frames.length + 1)));
    framer.chunk("stdout", 1764776400000.125, Buffer.from(LINES.join("\n") + "\n", "utf8"));
    frames.push({ ...frames[11]!, seq: frames.length + 1, reason: "unmatched: no request with id 10 is waiting (an unknown or duplicate id)" });
    let same = 0;
    for (const f of frames) {
      const line = wireFrameLine(f);
      expect(JSON.parse(line)).toEqual(f);
      expect(Object.keys(JSON.parse(line) as object)).toEqual(Object.keys(f));
      // Written as JSON.stringify writes it (every MCP SDK does): the same bytes.
      if (!f.msg || JSON.stringify(f.msg) === f.raw) {
        expect(line).toBe(JSON.stringify(f));
        same++;
      }
    }
    expect(same).toBe(frames.length - 5);
  });

  it("writes lines the timeline's reader takes on its fast path (no JSON.parse) when the sender wrote compact JSON", () => {
    const frames: Frame[] = [];
    const framer = new ChunkFramer((input) => frames.push(frame(input, frames.length + 1)));
    framer.chunk("stdout", 1, Buffer.from(LINES.slice(0, 4).join("\n") + "\n", "utf8"));
    const reader = new FrameLineReader(new TimelineIndex(), { mode: "stream" });
    reader.push(frames.map(wireFrameLine).join("\n") + "\n", 1);
    expect(reader.stopped).toBeUndefined();
    expect(reader.parsedLines).toBe(0);
  });

  it("never writes a carriage return into a recording line: a message with one between its tokens is serialized again", () => {
    const frames: Frame[] = [];
    const framer = new ChunkFramer((input) => frames.push(frame(input, frames.length + 1)));
    framer.chunk("stdout", 1, Buffer.from('{"jsonrpc":"2.0",\r"method":"notifications/message","params":{}}\r\n', "utf8"));
    expect(frames[0]?.msg).toEqual({ jsonrpc: "2.0", method: "notifications/message", params: {} });
    const line = wireFrameLine(frames[0]!);
    expect(line).not.toContain("\r");
    expect(line).toBe(JSON.stringify(frames[0]));
  });

  it("is how a shim's upload is recorded: the recording reads back as the frames recorded", () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-wire-line-"));
    const session = new TappedSession({ transport: "stdio", command: "node", args: [], env: {}, name: "t" }, { name: "t", kind: "stdio" }, { recordingsDir: dir, transport: "stdio", serialize: wireFrameLine });
    const ingest = new ShimIngest(session);
    const text = LINES.join("\n") + "\n";
    ingest.take([
      { n: 1, ts: 1, event: { event: "spawned", pid: 1 } },
      { n: 2, ts: 2, stream: "stdin", data: Buffer.from(text) },
      { n: 3, ts: 3, stream: "stdout", data: Buffer.from(text) },
    ]);
    const live = session.log.since(0);
    ingest.finish();
    const recorded = readFileSync(session.recordingPath!, "utf8").trim().split("\n").slice(1).map((l) => JSON.parse(l) as Frame);
    expect(recorded).toEqual(live);
    expect(recorded.filter((f) => f.reason?.startsWith("unmatched")).length).toBeGreaterThan(0);
  });
});
