import { describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";
import { isOlderProtocol } from "./protocolVersion";
import { targetShort, uniqueSessionLabels } from "./targetLabel";

function session(id: string, createdAt: number, over: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id,
    createdAt,
    status: "ready",
    transport: "stdio",
    target: { transport: "stdio", command: "/usr/bin/node", args: ["/x/dist/index.js", "stdio"], env: {} },
    lastSeq: 0,
    settings: { requestTimeoutMs: 60_000, resetTimeoutOnProgress: true },
    serverInfo: { name: "everything", version: "1" },
    ...over,
  };
}

describe("uniqueSessionLabels", () => {
  it("numbers sessions sharing a label in creation order", () => {
    const labels = uniqueSessionLabels([session("b", 2), session("a", 1), session("c", 3, { serverInfo: { name: "other", version: "1" } })]);
    expect(Object.fromEntries(labels)).toEqual({ a: "everything", b: "everything (2)", c: "other" });
  });
});

describe("targetShort", () => {
  it("shows the command and its script, or the URL", () => {
    expect(targetShort(session("a", 1))).toBe("node index.js");
    expect(targetShort(session("a", 1, { target: { transport: "sse", url: "http://h/sse", headers: {}, revealSecrets: false } }))).toBe("http://h/sse");
  });
});

describe("isOlderProtocol", () => {
  it("compares revisions", () => {
    expect(isOlderProtocol("2024-11-05")).toBe(true);
    expect(isOlderProtocol("2025-11-25")).toBe(false);
    expect(isOlderProtocol(undefined)).toBe(false);
  });
});
