import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { toolsFromFrames } from "./toolsFromFrames";

let seq = 0;
function frame(dir: "in" | "out", kind: Frame["kind"], msg: Record<string, unknown>): Frame {
  const m = { jsonrpc: "2.0", ...msg } as Frame["msg"];
  return { sessionId: "s", seq: ++seq, ts: seq, dir, kind, raw: JSON.stringify(m), bytes: 1, msg: m };
}
const tool = (name: string) => ({ name, inputSchema: { type: "object" } });

describe("toolsFromFrames", () => {
  it("is empty when the session never listed its tools", () => {
    expect(toolsFromFrames([frame("out", "request", { id: 1, method: "ping" }), frame("in", "response", { id: 1, result: {} })])).toEqual([]);
  });

  it("joins the pages of the newest complete listing, ignoring other answers and unanswered pages", () => {
    const frames = [
      frame("out", "request", { id: 1, method: "tools/list" }),
      frame("in", "response", { id: 1, result: { tools: [tool("old")] } }),
      frame("out", "request", { id: 2, method: "tools/list" }),
      frame("out", "request", { id: 3, method: "prompts/list" }),
      frame("in", "response", { id: 3, result: { prompts: [{ name: "not a tool" }] } }),
      frame("in", "response", { id: 2, result: { tools: [tool("a")], nextCursor: "p2" } }),
      frame("out", "request", { id: 4, method: "tools/list", params: { cursor: "p2" } }),
      frame("in", "response", { id: 4, result: { tools: [tool("b")] } }),
      // A listing whose second page never came does not replace the complete one.
      frame("out", "request", { id: 5, method: "tools/list" }),
      frame("in", "response", { id: 5, result: { tools: [tool("partial")], nextCursor: "x" } }),
    ];
    expect(toolsFromFrames(frames).map((t) => t.name)).toEqual(["a", "b"]);
  });
});
