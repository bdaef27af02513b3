import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { diffSessions, formatDiffReport } from "./diffSessions.js";

function session(pairs: Array<[string, unknown, unknown]>): Frame[] {
  const frames: Frame[] = [];
  let seq = 0;
  const push = (dir: Frame["dir"], kind: Frame["kind"], msg: Record<string, unknown>) => {
    const raw = JSON.stringify(msg);
    frames.push({ sessionId: "s", seq: ++seq, ts: seq, dir, kind, raw, bytes: raw.length, msg: { jsonrpc: "2.0", ...msg } });
  };
  push("out", "request", { id: 0, method: "initialize", params: {} });
  push("in", "response", { id: 0, result: { protocolVersion: "2025-11-25" } });
  pairs.forEach(([method, params, result], i) => {
    push("out", "request", { id: i + 1, method, params: { ...(params as object), _meta: { progressToken: i + 100 } } });
    push("in", "response", { id: i + 1, result });
  });
  return frames;
}

const tools = (schemaType: string, extra: string[] = []) => ({
  tools: [{ name: "echo", inputSchema: { type: "object", properties: { message: { type: schemaType } } } }, ...extra.map((name) => ({ name, inputSchema: { type: "object" } }))],
});

describe("diffSessions", () => {
  it("finds no difference between runs that differ only in volatile fields", () => {
    const a = session([["tools/list", {}, tools("string")], ["tools/call", { name: "echo" }, { content: [{ text: "hi" }], timestamp: 1 }]]);
    const b = session([["tools/list", {}, tools("string")], ["tools/call", { name: "echo" }, { content: [{ text: "hi" }], timestamp: 2 }]]);
    const diff = diffSessions(a, b);
    expect(diff.equal).toBe(true);
    expect(formatDiffReport(diff)).toContain("No differences.");
  });

  it("matches a request sent without params (a client's bare tools/list) with one carrying only _meta", () => {
    const a = session([["tools/list", {}, tools("string")]]);
    const bare = a.find((f) => f.msg?.method === "tools/list")!;
    delete bare.msg!.params;
    const diff = diffSessions(a, session([["tools/list", {}, tools("string")]]));
    expect(diff.requests.map((r) => [r.method, r.equal])).toEqual([["tools/list", true]]);
    expect(diff.equal).toBe(true);
  });

  it("names exactly the changed result and the changed schema, and added tools", () => {
    const a = session([["tools/list", {}, tools("string")], ["tools/call", { name: "echo" }, { content: [{ text: "hi" }] }]]);
    const b = session([["tools/list", {}, tools("number", ["new-tool"])], ["tools/call", { name: "echo" }, { content: [{ text: "HI" }] }]]);
    const diff = diffSessions(a, b);
    expect(diff.equal).toBe(false);
    expect(diff.requests.filter((r) => !r.equal).map((r) => [r.method, r.paths])).toEqual([
      ["tools/list", ["result.tools[0].inputSchema.properties.message.type", "result.tools[1]"]],
      ["tools/call", ["result.content[0].text"]],
    ]);
    expect(diff.lists).toEqual([
      { list: "tools", name: "echo", change: "changed", paths: ["inputSchema.properties.message.type"] },
      { list: "tools", name: "new-tool", change: "added" },
    ]);
  });

  it("reports a request B never answered, and honours extra ignored keys", () => {
    const a = session([["ping", {}, {}], ["tools/call", { name: "t" }, { n: 1, when: "x" }]]);
    const b = session([["tools/call", { name: "t" }, { n: 1, when: "y" }]]);
    const diff = diffSessions(a, b, { ignoreKeys: ["when"] });
    expect(diff.requests.map((r) => r.equal)).toEqual([false, true]);
    expect(diff.requests[0]!.paths).toEqual(["(no answer in B)"]);
  });
});
