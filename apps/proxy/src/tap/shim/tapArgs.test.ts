import { describe, expect, it } from "vitest";
import { isNpxCache, printConfigText, relativePaths, tapConfigEntry } from "./printConfig.js";
import { defaultTapName, parseTapArgs } from "./tapArgs.js";

describe("mcpscope tap arguments", () => {
  it("splits options from the server command at --", () => {
    expect(parseTapArgs(["--name", "fs", "--", "npx", "-y", "@modelcontextprotocol/server-filesystem", "--name", "/tmp"])).toEqual({ name: "fs", help: false, command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "--name", "/tmp"] });
    expect(() => parseTapArgs(["node", "server.js"])).toThrow("put the server command after --");
    expect(() => parseTapArgs(["--nmae", "x", "--", "node"])).toThrow(/Unknown option '--nmae'/);
  });

  it("names a session after its command, or after what a runner runs", () => {
    expect(defaultTapName("/usr/local/bin/weather-server", [])).toBe("weather-server");
    expect(defaultTapName("npx", ["-y", "@modelcontextprotocol/server-everything@2026.8.31"])).toBe("server-everything");
    expect(defaultTapName("node", ["--inspect", "./build/index.js"])).toBe("index.js");
    expect(defaultTapName("uvx", ["mcp-server-fetch"])).toBe("mcp-server-fetch");
    expect(defaultTapName("node", ["-e", "console.log(1); process.exit(0)"])).toBe("node");
  });
});

describe("mcpscope tap --print-config", () => {
  it("points at this Node and mcpscope's bin by absolute paths when installed", () => {
    const entry = tapConfigEntry("weather", "node", ["/srv/weather.js"], { packageDir: "/usr/lib/node_modules/mcpscope", version: "0.2.0", node: "/usr/bin/node" });
    expect(entry).toEqual({ command: "/usr/bin/node", args: ["/usr/lib/node_modules/mcpscope/bin/mcpscope.mjs", "tap", "--name", "weather", "--", "node", "/srv/weather.js"] });
    expect(JSON.parse(printConfigText("weather", entry))).toEqual({ mcpServers: { weather: entry } });
  });

  it("runs the same version through npx when this mcpscope runs from npx's cache", () => {
    const packageDir = "/home/u/.npm/_npx/5f3a/node_modules/mcpscope";
    expect(isNpxCache(packageDir)).toBe(true);
    expect(tapConfigEntry("w", "uvx", ["weather"], { packageDir, version: "0.3.1", node: "/usr/bin/node" }, ["--data-dir", "/d"])).toEqual({ command: "npx", args: ["-y", "mcpscope@0.3.1", "tap", "--name", "w", "--data-dir", "/d", "--", "uvx", "weather"] });
  });

  it("points out paths a client would resolve elsewhere", () => {
    expect(relativePaths("./server", ["../lib/x.js", "/abs", "plain"])).toEqual(["./server", "../lib/x.js"]);
  });
});
