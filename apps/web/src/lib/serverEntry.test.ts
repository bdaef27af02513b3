import { describe, expect, it } from "vitest";
import type { SessionTarget } from "@mcpscope/protocol/types";
import { targetEntryJson } from "./serverEntry";

const targets: SessionTarget[] = [
  { transport: "stdio", command: "npx", args: ["-y", "srv"], env: { KEY: "[redacted]" }, cwd: "/tmp", name: "x" },
  { transport: "auto", url: "http://127.0.0.1:3001/mcp", headers: {}, revealSecrets: false },
  { transport: "sse", url: "http://h/sse", headers: { Authorization: "[redacted]" }, revealSecrets: false },
];

describe("targetEntryJson", () => {
  it("puts the entry under its name, in the mcpServers shape", () => {
    expect(JSON.parse(targetEntryJson("srv", targets[0]!))).toEqual({ srv: { type: "stdio", command: "npx", args: ["-y", "srv"], env: { KEY: "[redacted]" }, cwd: "/tmp" } });
    expect(JSON.parse(targetEntryJson("everything", targets[1]!))).toEqual({ everything: { url: "http://127.0.0.1:3001/mcp" } });
    expect(JSON.parse(targetEntryJson("legacy", targets[2]!))).toEqual({ legacy: { type: "sse", url: "http://h/sse", headers: { Authorization: "[redacted]" } } });
  });
});
