import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { PARSED_CACHE_SIZE } from "./frameColumns.js";
import { messageId, messageMethod, StoredFrame } from "./storedFrame.js";
import { TimelineIndex } from "./timelineIndex.js";

function wire(seq: number, message: Record<string, unknown>, kind: Frame["kind"] = "request", dir: Frame["dir"] = "out"): Frame {
  const raw = JSON.stringify(message);
  return { sessionId: "s", seq, ts: 1000.25 + seq, dir, kind, raw, bytes: raw.length, msg: JSON.parse(raw) as Frame["msg"] };
}

describe("frames stored by column (FrameColumns, StoredFrame)", () => {
  it("reads back every field of every kind of frame, and serializes as the plain frame", () => {
    const frames: Frame[] = [
      { sessionId: "s", seq: 1, ts: 1.5, dir: "meta", kind: "lifecycle", raw: '{"event":"spawned"}', bytes: 19, meta: { event: "spawned" } },
      wire(2, { jsonrpc: "2.0", id: "a-1", method: "tools/call", params: { name: "echo", arguments: { message: "hi" } } }),
      wire(3, { jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: "t", progress: 1 } }, "notification", "in"),
      wire(4, { jsonrpc: "2.0", id: "a-1", error: { code: -32602, message: "bad" } }, "error", "in"),
      { sessionId: "s", seq: 5, ts: 9.5, dir: "in", kind: "invalid", raw: "nope", bytes: 4, reason: "not JSON" },
      { sessionId: "s", seq: 6, ts: 10, dir: "in", kind: "stderr", raw: '{"looks":"like json"}', bytes: 21 },
      { sessionId: "s", seq: 7, ts: 11, dir: "meta", kind: "http", raw: '{"method":"POST","status":200}', bytes: 30, meta: { method: "POST", status: 200 } },
      { ...wire(8, { jsonrpc: "2.0", id: 7, result: { content: [] } }, "response", "in"), bytes: 2 ** 40 },
    ];
    const index = new TimelineIndex();
    index.add(frames);
    expect(index.lastSeq).toBe(8);
    for (const frame of frames) {
      const stored = index.get(frame.seq)!;
      expect(stored).toBeInstanceOf(StoredFrame);
      expect(JSON.parse(JSON.stringify(stored))).toEqual(frame);
      expect(stored.toJSON()).toEqual(frame);
      expect(stored.method).toBe(frame.msg?.method);
      expect(stored.id).toBe(frame.msg?.id);
    }
    expect(index.get(6)!.msg).toBeUndefined(); // stderr: its raw is not a message, even when it parses
    expect(messageMethod(index.get(2)!)).toBe("tools/call");
    expect(messageId(index.get(4)!)).toBe("a-1");
    expect(index.get(0)).toBeUndefined();
    expect(index.get(9)).toBeUndefined();
  });

  it("parses msg from raw, equal to the recorded one, and keeps it for recent frames", () => {
    const index = new TimelineIndex();
    const frame = wire(1, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo" } });
    index.add([frame]);
    const msg = index.get(1)!.msg;
    expect(msg).toEqual(frame.msg);
    expect(msg).not.toBe(frame.msg); // the recorded tree is not kept
    expect(index.get(1)!.msg).toBe(msg); // cached
  });

  it("drops the oldest parsed message once more frames than the cache holds were read", () => {
    const index = new TimelineIndex();
    const n = PARSED_CACHE_SIZE + 1;
    index.add(Array.from({ length: n }, (_, i) => wire(i + 1, { jsonrpc: "2.0", method: "notifications/message", params: { level: "info", data: i } }, "notification", "in")));
    const first = index.get(1)!.msg;
    const second = index.get(2)!.msg;
    for (let seq = 3; seq <= PARSED_CACHE_SIZE; seq++) void index.get(seq)!.msg;
    expect(index.get(1)!.msg).toBe(first); // still cached, and now the most recently read
    void index.get(n)!.msg; // drops the least recently read: seq 2, not seq 1
    expect(index.get(1)!.msg).toBe(first);
    const again = index.get(2)!.msg;
    expect(again).not.toBe(second); // parsed again, equal
    expect(again).toEqual(second);
  });

  it("keeps method names apart past 65,535 distinct ones (a hostile server)", () => {
    const index = new TimelineIndex();
    const n = 70_000;
    const frames: Frame[] = [];
    for (let i = 1; i <= n; i++) frames.push(wire(i, { jsonrpc: "2.0", method: `m/${i}` }, "notification", "in"));
    index.add(frames);
    expect(index.get(1)!.method).toBe("m/1");
    expect(index.get(65_535)!.method).toBe("m/65535");
    expect(index.get(n)!.method).toBe(`m/${n}`);
  });

  it("holds a gap in seq (a damaged file) as invalid frames saying so, keeping seq n at n", () => {
    const index = new TimelineIndex();
    index.add([wire(1, { jsonrpc: "2.0", method: "a" }, "notification"), wire(4, { jsonrpc: "2.0", method: "b" }, "notification")]);
    expect(index.lastSeq).toBe(4);
    expect(index.get(2)!.kind).toBe("invalid");
    expect(index.get(3)!.reason).toBe("frames 2–3 are missing (seq jumps from 1 to 4)");
    expect(index.get(4)!.method).toBe("b");
  });

  it("numbers on after a jump too long to fill or a seq that is not an integer, losing no frame", () => {
    const index = new TimelineIndex();
    index.add([
      wire(1, { jsonrpc: "2.0", id: 1, method: "tools/call" }),
      wire(1e9, { jsonrpc: "2.0", method: "notifications/message" }, "notification", "in"),
      wire(1e9 + 1, { jsonrpc: "2.0", id: 1, result: {} }, "response", "in"),
      wire(1e9 + 1.5, { jsonrpc: "2.0", method: "notifications/progress" }, "notification", "in"),
    ]);
    expect(index.lastSeq).toBe(6);
    expect(index.get(2)!.reason).toBe("seq jumps from 1 to 1000000000: frames are numbered on from 3");
    expect(index.get(3)!.method).toBe("notifications/message");
    expect(index.get(4)!.kind).toBe("response");
    expect(index.pairOf(index.get(4)!)?.request.seq).toBe(1); // pairing follows the new numbers
    expect(index.get(5)!.kind).toBe("invalid");
    expect(index.get(6)!.method).toBe("notifications/progress");
  });

  it("keeps HTTP exchange meta, unknown directions and kinds, and null ids as recorded", () => {
    const index = new TimelineIndex();
    const frames: Frame[] = [
      { ...wire(1, { jsonrpc: "2.0", id: 1, method: "ping" }), meta: { exchange: 3 } },
      { ...wire(2, { jsonrpc: "2.0", id: 1, result: {} }, "response", "in"), meta: { exchange: 3, eventId: "ev-9" } },
      { ...wire(3, { jsonrpc: "2.0", method: "x" }, "notification", "in"), meta: { exchange: 4, other: true } },
      { sessionId: "s", seq: 4, ts: 4, dir: "sideways" as Frame["dir"], kind: "telepathy" as Frame["kind"], raw: "?", bytes: 1 },
      { ...wire(5, { jsonrpc: "2.0", id: null, method: "notifications/x" }, "notification", "in") },
    ];
    index.add(frames);
    for (const frame of frames.slice(0, 4)) expect(index.get(frame.seq)!.toJSON()).toEqual(frame);
    expect(index.get(4)!.dir).toBe("sideways");
    expect(index.get(4)!.kind).toBe("telepathy");
    expect(index.get(5)!.id).toBeUndefined();
    expect(messageId(frames[4]!)).toBeUndefined();
  });

  it("pairs and groups from the recorded messages, and views compare by seq", () => {
    const index = new TimelineIndex();
    index.add([
      wire(1, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "slow", _meta: { progressToken: "t" } } }),
      wire(2, { jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: "t", progress: 1 } }, "notification", "in"),
      wire(3, { jsonrpc: "2.0", id: 1, result: {} }, "response", "in"),
    ]);
    expect(index.get(3)!.id).toBe(1);
    expect(index.methodOf(index.get(3)!)).toBe("tools/call");
    const pair = index.pairOf(index.get(2)!)!;
    expect(pair.request.seq).toBe(1);
    expect(pair.response?.seq).toBe(3);
    expect(pair.progress.map((f) => f.seq)).toEqual([2]);
    expect(index.get(1)).not.toBe(index.get(1));
    expect([...index.framesFrom(2)].map((f) => f.seq)).toEqual([2, 3]);
  });
});
