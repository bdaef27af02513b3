import { describe, expect, it } from "vitest";
import { targetToEntry, type SessionTarget } from "@mcpscope/protocol";
import { targetEntryJson, toServerEntry } from "./serverEntry";

const targets: SessionTarget[] = [
  { transport: "stdio", command: "node", args: [], env: {} },
  { transport: "stdio", command: "npx", args: ["-y", "srv"], env: { KEY: "[redacted]" }, cwd: "/tmp", name: "x" },
  { transport: "auto", url: "http://127.0.0.1:3001/mcp", headers: {}, revealSecrets: false },
  { transport: "sse", url: "http://h/sse", headers: { Authorization: "[redacted]" }, revealSecrets: false },
  { transport: "streamable-http", url: "https://h/mcp", headers: {}, revealSecrets: true },
  { transport: "stdio", command: "node", args: ["modern.js"], env: {}, protocol: "2026-07-28" },
  { transport: "auto", url: "http://h/mcp", headers: {}, revealSecrets: false, protocol: "2025-06-18" },
  { transport: "auto", url: "http://h/mcp", headers: {}, revealSecrets: false, protocol: "auto" },
];

describe("toServerEntry", () => {
  it("matches @mcpscope/protocol's targetToEntry", () => {
    for (const target of targets) expect(toServerEntry(target)).toEqual(targetToEntry(target));
  });
});

describe("a pinned protocol", () => {
  it("is kept under the entry's mcpscope key, and auto is left out", () => {
    expect(toServerEntry(targets[5]!)).toMatchObject({ mcpscope: { protocol: "2026-07-28" } });
    expect(toServerEntry(targets[7]!)).not.toHaveProperty("mcpscope");
  });
});

describe("targetEntryJson", () => {
  it("puts the entry under its name", () => {
    expect(JSON.parse(targetEntryJson("everything", targets[2]!))).toEqual({ everything: { url: "http://127.0.0.1:3001/mcp" } });
  });
});
