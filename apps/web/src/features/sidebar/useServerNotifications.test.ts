import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { TimelineIndex } from "@mcpscope/timeline";
import { scanNotifications } from "./useServerNotifications";
import type { ServerNotification } from "./serverNotification";

let seq = 0;
function frame(dir: Frame["dir"], kind: Frame["kind"], msg: Record<string, unknown>): Frame {
  const full = { jsonrpc: "2.0", ...msg };
  const raw = JSON.stringify(full);
  return { sessionId: "s", seq: ++seq, ts: seq, dir, kind, raw, bytes: raw.length, msg: full } as Frame;
}

describe("scanNotifications", () => {
  it("visits only the new notifications after the cursor, and answers the next cursor", () => {
    const index = new TimelineIndex();
    index.add([
      frame("out", "request", { id: 1, method: "resources/list" }),
      frame("in", "notification", { method: "notifications/resources/list_changed" }),
      frame("in", "response", { id: 1, result: {} }),
    ]);
    const seen: ServerNotification[] = [];
    let cursor = scanNotifications(index, 0, (n) => seen.push(n));
    expect(cursor).toBe(3);
    expect(seen).toEqual([{ type: "listChanged", list: "resources" }]);

    index.add([
      frame("in", "notification", { method: "notifications/message", params: { level: "info", data: "x" } }),
      frame("in", "notification", { method: "notifications/resources/updated", params: { uri: "demo://a" } }),
    ]);
    cursor = scanNotifications(index, cursor, (n) => seen.push(n));
    expect(cursor).toBe(5);
    expect(seen.slice(1)).toEqual([{ type: "resourceUpdated", uri: "demo://a" }]);
    expect(scanNotifications(index, cursor, () => expect.unreachable())).toBe(5);
  });
});
