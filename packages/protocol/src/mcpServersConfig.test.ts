import { describe, expect, it } from "vitest";
import { McpServerEntrySchema } from "./mcpServersConfig.js";
import { entryToTarget, targetToEntry } from "./serverEntry.js";
import { SessionTargetSchema } from "./session.js";

describe("the mcpscope key of an mcpServers entry", () => {
  it("carries the protocol revision beside the client behaviour", () => {
    const entry = McpServerEntrySchema.parse({ command: "node", args: ["server.js"], mcpscope: { protocol: "2026-07-28", capabilities: { sampling: false } } });
    const target = entryToTarget("modern", entry);
    expect(target).toMatchObject({ transport: "stdio", name: "modern", protocol: "2026-07-28", client: { capabilities: { sampling: false, elicitation: true } } });
    expect(target.client).not.toHaveProperty("protocol");
    expect(SessionTargetSchema.parse(target)).toMatchObject({ protocol: "2026-07-28" });
  });

  it("leaves protocol out (auto) when the entry has none, and refuses an unknown revision", () => {
    expect(entryToTarget("plain", McpServerEntrySchema.parse({ url: "http://h/mcp" }))).not.toHaveProperty("protocol");
    expect(McpServerEntrySchema.safeParse({ url: "http://h/mcp", mcpscope: { protocol: "2031-01-01" } }).success).toBe(false);
  });

  it("round-trips a pinned revision through targetToEntry", () => {
    const target = SessionTargetSchema.parse({ url: "http://h/mcp", protocol: "2025-06-18" });
    const entry = targetToEntry(target);
    expect(entry).toEqual({ url: "http://h/mcp", mcpscope: { protocol: "2025-06-18" } });
    expect(entryToTarget("x", McpServerEntrySchema.parse(entry)).protocol).toBe("2025-06-18");
  });
});
