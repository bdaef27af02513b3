import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { shareStrings } from "./sharedStrings";

const parsed = (seq: number, method: unknown): Frame =>
  JSON.parse(JSON.stringify({ sessionId: "3f1c9d2e-5b7a-4c1e-9f0a-2b6d8e4c1a7f", seq, ts: seq + 0.5, dir: "in", kind: "notification", raw: "{}", bytes: 2, msg: { jsonrpc: "2.0", method, params: { n: seq } } }));

describe("shareStrings", () => {
  it("leaves every value of the frame as it was", () => {
    const frames = [parsed(1, "notifications/message"), parsed(2, "notifications/message"), parsed(3, 42), parsed(4, undefined)];
    const copies = frames.map((f) => structuredClone(f));
    frames.forEach(shareStrings);
    expect(frames).toEqual(copies);
  });

  it("keeps the values of a server that invents a method per message (past the shared methods' cap)", () => {
    const frames = Array.from({ length: 6000 }, (_, i) => parsed(i + 1, `x/${i}`));
    frames.forEach(shareStrings);
    expect(frames.map((f) => f.msg?.method)).toEqual(Array.from({ length: 6000 }, (_, i) => `x/${i}`));
    const again = parsed(7000, "x/5999");
    shareStrings(again);
    expect(again.msg?.method).toBe("x/5999");
  });
});
