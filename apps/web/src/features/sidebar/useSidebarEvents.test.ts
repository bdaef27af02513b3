import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { TimelineIndex } from "@mcpscope/timeline";
import { scanSidebarEvents, type SidebarEvent } from "./useSidebarEvents";

let seq = 0;
function frame(dir: Frame["dir"], kind: Frame["kind"], msg: Record<string, unknown>): Frame {
  const full = { jsonrpc: "2.0", ...msg };
  const raw = JSON.stringify(full);
  return { sessionId: "s", seq: ++seq, ts: seq, dir, kind, raw, bytes: raw.length, msg: full } as Frame;
}

describe("scanSidebarEvents", () => {
  it("visits only the new notifications after the cursor, and answers the next cursor", () => {
    seq = 0;
    const index = new TimelineIndex();
    index.add([
      frame("out", "request", { id: 1, method: "resources/list" }),
      frame("in", "notification", { method: "notifications/resources/list_changed" }),
      frame("in", "response", { id: 1, result: {} }),
    ]);
    const seen: SidebarEvent[] = [];
    let cursor = scanSidebarEvents(index, 0, (n) => seen.push(n));
    expect(cursor).toBe(3);
    expect(seen).toEqual([{ type: "listChanged", list: "resources" }]);

    index.add([
      frame("in", "notification", { method: "notifications/message", params: { level: "info", data: "x" } }),
      frame("in", "notification", { method: "notifications/resources/updated", params: { uri: "demo://a" } }),
    ]);
    cursor = scanSidebarEvents(index, cursor, (n) => seen.push(n));
    expect(cursor).toBe(5);
    expect(seen.slice(1)).toEqual([{ type: "resourceUpdated", uri: "demo://a" }]);
    expect(scanSidebarEvents(index, cursor, () => expect.unreachable())).toBe(5);
  });
});

describe("scanSidebarEvents and resource answers", () => {
  it("reads answered subscribe, unsubscribe and read requests by their URI, not failed ones", () => {
    seq = 0;
    const index = new TimelineIndex();
    index.add([
      frame("out", "request", { id: 7, method: "resources/subscribe", params: { uri: "demo://a" } }),
      frame("in", "response", { id: 7, result: {} }),
      frame("out", "request", { id: 8, method: "resources/read", params: { uri: "demo://a" } }),
      frame("in", "response", { id: 8, result: { contents: [] } }),
      frame("out", "request", { id: 9, method: "resources/subscribe", params: { uri: "demo://b" } }),
      frame("in", "error", { id: 9, error: { code: -32602, message: "no" } }),
      frame("out", "request", { id: 10, method: "resources/unsubscribe", params: { uri: "demo://a" } }),
      frame("in", "response", { id: 10, result: {} }),
      frame("out", "request", { id: 11, method: "tools/list" }),
      frame("in", "response", { id: 11, result: { tools: [] } }),
    ]);
    const seen: SidebarEvent[] = [];
    scanSidebarEvents(index, 0, (e) => seen.push(e));
    expect(seen).toEqual([
      { type: "subscribed", uri: "demo://a" },
      { type: "read", uri: "demo://a" },
      { type: "unsubscribed", uri: "demo://a" },
    ]);
  });
});
