import { describe, expect, it } from "vitest";
import type { Frame } from "@mcpscope/protocol";
import { listQueryKeys, readServerNotification } from "./serverNotification";

let seq = 0;
function frame(dir: Frame["dir"], kind: Frame["kind"], method: string, params?: Record<string, unknown>): Frame {
  const msg = { jsonrpc: "2.0" as const, method, ...(params ? { params } : {}) };
  const raw = JSON.stringify(msg);
  return { sessionId: "s", seq: ++seq, ts: 1, dir, kind, raw, bytes: raw.length, msg };
}

describe("readServerNotification", () => {
  it("reads the three list_changed notifications", () => {
    expect(readServerNotification(frame("in", "notification", "notifications/tools/list_changed"))).toEqual({ type: "listChanged", list: "tools" });
    expect(readServerNotification(frame("in", "notification", "notifications/prompts/list_changed"))).toEqual({ type: "listChanged", list: "prompts" });
    expect(readServerNotification(frame("in", "notification", "notifications/resources/list_changed"))).toEqual({ type: "listChanged", list: "resources" });
  });

  it("reads a resource update with its URI and a task status with its id and status", () => {
    expect(readServerNotification(frame("in", "notification", "notifications/resources/updated", { uri: "demo://a" }))).toEqual({ type: "resourceUpdated", uri: "demo://a" });
    expect(readServerNotification(frame("in", "notification", "notifications/tasks/status", { taskId: "t1", status: "working" }))).toEqual({
      type: "taskStatus",
      taskId: "t1",
      status: "working",
    });
  });

  it("ignores client notifications, requests, other methods and malformed params", () => {
    expect(readServerNotification(frame("out", "notification", "notifications/tools/list_changed"))).toBeUndefined();
    expect(readServerNotification(frame("in", "request", "notifications/tools/list_changed"))).toBeUndefined();
    expect(readServerNotification(frame("in", "notification", "notifications/progress", { progressToken: 1 }))).toBeUndefined();
    expect(readServerNotification(frame("in", "notification", "notifications/resources/updated", { uri: 5 }))).toBeUndefined();
    expect(readServerNotification(frame("in", "notification", "notifications/tasks/status", {}))).toBeUndefined();
  });
});

describe("listQueryKeys", () => {
  it("maps a list to the react-query keys holding it; resources include templates", () => {
    expect(listQueryKeys("tools", "s1")).toEqual([["tools", "s1"]]);
    expect(listQueryKeys("prompts", "s1")).toEqual([["prompts", "s1"]]);
    expect(listQueryKeys("resources", "s1")).toEqual([["resources", "s1"], ["resourceTemplates", "s1"]]);
  });
});
