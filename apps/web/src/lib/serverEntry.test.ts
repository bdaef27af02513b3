import { describe, expect, it } from "vitest";
import type { SessionTarget } from "@mcpscope/protocol/types";
import { targetEntryJson } from "./serverEntry";

const targets: SessionTarget[] = [
  { transport: "stdio", command: "npx", args: ["-y", "srv"], env: { KEY: "[redacted]" }, cwd: "/tmp", name: "x" },
  { transport: "auto", url: "http://127.0.0.1:3001/mcp", headers: {}, revealSecrets: false },
  { transport: "sse", url: "http://h/sse", headers: { Authorization: "[redacted]" }, revealSecrets: false },
  { transport: "stdio", command: "node", args: ["modern.js"], env: {}, protocol: "2026-07-28" },
  { transport: "auto", url: "http://h/mcp", headers: {}, revealSecrets: false, protocol: "auto" },
];

describe("targetEntryJson", () => {
  it("puts the entry under its name, in the mcpServers shape", () => {
    expect(JSON.parse(targetEntryJson("srv", targets[0]!))).toEqual({ srv: { type: "stdio", command: "npx", args: ["-y", "srv"], env: { KEY: "[redacted]" }, cwd: "/tmp" } });
    expect(JSON.parse(targetEntryJson("everything", targets[1]!))).toEqual({ everything: { url: "http://127.0.0.1:3001/mcp" } });
    expect(JSON.parse(targetEntryJson("legacy", targets[2]!))).toEqual({ legacy: { type: "sse", url: "http://h/sse", headers: { Authorization: "[redacted]" } } });
  });
});

describe("a pinned protocol", () => {
  it("is kept under the entry's mcpscope key, and auto is left out", () => {
    expect(JSON.parse(targetEntryJson("modern", targets[3]!))).toEqual({ modern: { type: "stdio", command: "node", args: ["modern.js"], mcpscope: { protocol: "2026-07-28" } } });
    expect(JSON.parse(targetEntryJson("auto", targets[4]!))).toEqual({ auto: { url: "http://h/mcp" } });
  });
});
