import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TapRegistry } from "./tapRegistry.js";

const target = { transport: "streamable-http" as const, url: "http://127.0.0.1:1/mcp", headers: { Authorization: "Bearer s3cret" }, revealSecrets: false };

describe("TapRegistry", () => {
  it("keeps a tap's token across runs in the data directory (0600), and forgets it with the tap", () => {
    const file = join(mkdtempSync(join(tmpdir(), "mcpscope-taps-")), "taps.json");
    const first = new TapRegistry(file).create("github", target);
    expect(first.token).toMatch(/^[\w-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = new TapRegistry(file);
    expect(again.create("github", target).token).toBe(first.token);
    again.delete("github");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({});
    expect(new TapRegistry(file).create("github", target).token).not.toBe(first.token);
  });

  it("shows facades with their URLs, secrets of the upstream redacted", () => {
    const taps = new TapRegistry();
    const tap = taps.create("gh", target);
    const shown = taps.describe(tap, "http://127.0.0.1:6280");
    expect(shown).toMatchObject({ url: `http://127.0.0.1:6280/tap/gh/${tap.token}/mcp`, upstream: { headers: { Authorization: "Bearer [redacted]" } } });
    expect(shown.sseUrl).toBeUndefined();
    expect(taps.describe(taps.create("any", { ...target, transport: "auto" }), "http://h:1").sseUrl).toMatch(/\/tap\/any\/[\w-]+\/sse$/);
    expect(taps.describe(taps.create("old", { ...target, transport: "sse" }), "http://h:1").url).toMatch(/\/tap\/old\/[\w-]+\/sse$/);
    expect(() => taps.create("gh", target)).toThrow('A tap named "gh" exists already.');
    expect(() => taps.get("nope")).toThrow('No tap named "nope".');
  });
});
