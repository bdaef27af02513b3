import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { TimelineIndex } from "@mcpscope/timeline";
import { rootsReread } from "./rootsReread";

let seq = 0;
function frame(dir: Frame["dir"], kind: Frame["kind"], msg: Record<string, unknown>): Frame {
  seq += 1;
  const raw = JSON.stringify({ jsonrpc: "2.0", ...msg });
  return { sessionId: "s", seq, ts: seq, dir, kind, raw, bytes: raw.length, msg: JSON.parse(raw) as Frame["msg"] };
}

describe("rootsReread", () => {
  const index = new TimelineIndex();
  index.add([
    frame("in", "request", { id: 0, method: "roots/list" }),
    frame("out", "response", { id: 0, result: { roots: [] } }),
    frame("out", "notification", { method: "notifications/roots/list_changed" }),
    frame("out", "request", { id: 1, method: "tools/call" }),
    frame("in", "request", { id: 1, method: "roots/list" }),
  ]);

  it("is false until mcpscope answered a roots/list the server sent after the seq", () => {
    expect(rootsReread(index, 0)).toBe(true);
    expect(rootsReread(index, 3)).toBe(false);
    expect(rootsReread(index, 3)).toBe(false); // again, from where it got
    index.add([frame("out", "response", { id: 1, result: { roots: [{ uri: "file:///a" }] } })]);
    expect(rootsReread(index, 3)).toBe(true);
    expect(rootsReread(index, 5)).toBe(false); // a new save starts a new scan
    expect(rootsReread(index, 4)).toBe(true);
  });
});
