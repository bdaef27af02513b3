import { describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";
import { groupOf, groupSessions, matchesSearch, olderThan } from "./sessionGroups";

function session(id: string, patch: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id,
    status: "ready",
    transport: "stdio",
    target: { transport: "stdio", command: "node", args: ["server.js"], env: {} },
    createdAt: 1_000,
    lastSeq: 0,
    settings: { requestTimeoutMs: 60_000, resetTimeoutOnProgress: true },
    ...patch,
  };
}

describe("session groups", () => {
  it("sorts sessions into live, closed, earlier runs and imported", () => {
    expect(groupOf(session("a"))).toBe("live");
    expect(groupOf(session("b", { status: "connecting" }))).toBe("live");
    expect(groupOf(session("c", { status: "failed" }))).toBe("closed");
    expect(groupOf(session("d", { status: "closed", recorded: true }))).toBe("earlier");
    expect(groupOf(session("e", { status: "closed", recorded: true, imported: true }))).toBe("imported");
  });

  it("lists live sessions first, each group newest first, and leaves empty groups out", () => {
    const groups = groupSessions([
      session("old-run", { status: "closed", recorded: true, createdAt: 1 }),
      session("live-1", { createdAt: 5 }),
      session("live-2", { createdAt: 9 }),
      session("new-run", { status: "closed", recorded: true, createdAt: 3 }),
    ]);
    expect(groups.map((g) => [g.group, g.sessions.map((s) => s.id)])).toEqual([
      ["live", ["live-2", "live-1"]],
      ["earlier", ["new-run", "old-run"]],
    ]);
  });

  it("searches label, command line, id, server name and protocol, every word", () => {
    const s = session("abc-123", { serverInfo: { name: "everything", version: "1" }, protocolVersion: "2025-11-25" });
    expect(matchesSearch(s, "my server", "")).toBe(true);
    expect(matchesSearch(s, "my server", "server.js")).toBe(true);
    expect(matchesSearch(s, "my server", "EVERYTHING 2025")).toBe(true);
    expect(matchesSearch(s, "my server", "abc-1")).toBe(true);
    expect(matchesSearch(s, "my server", "everything python")).toBe(false);
  });

  it("prunes only sessions that are not live, older than the age", () => {
    const now = 10 * 86_400_000;
    const day = 86_400_000;
    const list = [
      session("live-old", { createdAt: 0 }),
      session("run-old", { status: "closed", recorded: true, createdAt: now - 8 * day }),
      session("run-new", { status: "closed", recorded: true, createdAt: now - day / 2 }),
      session("failed-old", { status: "failed", createdAt: now - 2 * day }),
    ];
    expect(olderThan(list, 7 * day, now).map((s) => s.id)).toEqual(["run-old"]);
    expect(olderThan(list, day, now).map((s) => s.id)).toEqual(["run-old", "failed-old"]);
  });
});
