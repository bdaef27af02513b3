import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { messageId, messageMethod, PARSED_CACHE_SIZE, StoredFrame } from "./storedFrame.js";
import { TimelineIndex } from "./timelineIndex.js";

function wire(seq: number, message: Record<string, unknown>, kind: Frame["kind"] = "request"): Frame {
  const raw = JSON.stringify(message);
  return { sessionId: "s", seq, ts: 1000.25 + seq, dir: "out", kind, raw, bytes: raw.length, msg: JSON.parse(raw) };
}

describe("StoredFrame", () => {
  it("keeps method and id as fields and parses msg from raw, equal to the recorded one", () => {
    const frame = wire(1, { jsonrpc: "2.0", id: "a-1", method: "tools/call", params: { name: "echo", arguments: { message: "hi" } } });
    const stored = new StoredFrame(frame);
    expect(stored.method).toBe("tools/call");
    expect(stored.id).toBe("a-1");
    expect(messageMethod(stored)).toBe("tools/call");
    expect(messageId(stored)).toBe("a-1");
    expect(stored.msg).toEqual(frame.msg);
    expect(stored.msg).not.toBe(frame.msg); // the recorded tree is not kept
    expect(stored.msg).toBe(stored.msg); // cached: the same object while read recently
  });

  it("has no msg for frames without one, and reads nothing from their raw", () => {
    const stderr = new StoredFrame({ sessionId: "s", seq: 2, ts: 5, dir: "in", kind: "stderr", raw: '{"looks":"like json"}', bytes: 21 });
    expect(stderr.msg).toBeUndefined();
    expect(stderr.method).toBeUndefined();
    expect(messageId(stderr)).toBeUndefined();
  });

  it("serializes as the plain frame it was made from", () => {
    const frames: Frame[] = [
      wire(1, { jsonrpc: "2.0", id: 7, result: { content: [{ type: "text", text: "ok" }] } }, "response"),
      { sessionId: "s", seq: 2, ts: 9.5, dir: "in", kind: "invalid", raw: "nope", bytes: 4, reason: "not JSON" },
      { sessionId: "s", seq: 3, ts: 10, dir: "meta", kind: "lifecycle", raw: '{"event":"exited"}', bytes: 18, meta: { event: "exited" } },
    ];
    for (const frame of frames) {
      const stored = new StoredFrame(frame);
      expect(JSON.parse(JSON.stringify(stored))).toEqual(frame);
      expect(stored.toJSON()).toEqual(frame);
    }
  });

  it("drops the oldest parsed message once more frames than the cache holds were read", () => {
    const first = new StoredFrame(wire(1, { jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: 1, progress: 1 } }, "notification"));
    const msg = first.msg;
    const others = Array.from({ length: PARSED_CACHE_SIZE }, (_, i) => new StoredFrame(wire(i + 2, { jsonrpc: "2.0", id: i, method: "ping" })));
    for (const other of others.slice(0, PARSED_CACHE_SIZE - 1)) void other.msg;
    expect(first.msg).toBe(msg); // still cached
    void others[PARSED_CACHE_SIZE - 1]!.msg;
    const again = first.msg;
    expect(again).not.toBe(msg); // parsed again, equal
    expect(again).toEqual(msg);
  });

  it("is what a TimelineIndex holds, with pairing read from the recorded message", () => {
    const index = new TimelineIndex();
    index.add([
      wire(1, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "slow", _meta: { progressToken: "t" } } }),
      { ...wire(2, { jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: "t", progress: 1 } }, "notification"), dir: "in" },
      { ...wire(3, { jsonrpc: "2.0", id: 1, result: {} }, "response"), dir: "in" },
    ]);
    expect(index.get(1)).toBeInstanceOf(StoredFrame);
    expect(index.get(3)!.id).toBe(1);
    expect(index.methodOf(index.get(3)!)).toBe("tools/call");
    const pair = index.pairOf(index.get(2)!)!;
    expect(pair.request.seq).toBe(1);
    expect(pair.response?.seq).toBe(3);
    expect(pair.progress.map((f) => f.seq)).toEqual([2]);
  });
});
