import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiError, type ConfiguredServer, type SendRequestResult, type SessionInfo, targetToEntry } from "@mcpscope/protocol";
import { fixtureCommand } from "@mcpscope/fixtures";
import { defaultServerTarget } from "../sessions/defaultServer.js";
import { ServerCatalog } from "../sessions/serverCatalog.js";
import { startTestApp, type TestApp } from "../testing/testApp.js";

async function writeConfig(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mcpscope-config-"));
  const path = join(dir, "mcp.json");
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("configured servers (mcpServers files)", () => {
  let t: TestApp;
  const legacy = fixtureCommand("legacy");
  beforeAll(async () => {
    const path = await writeConfig({
      mcpServers: {
        legacy: { command: legacy.command, args: legacy.args, env: { GITHUB_TOKEN: "ghp_secret", MODE: "test" } },
        remote: { type: "http", url: "http://127.0.0.1:9/mcp", headers: { Authorization: "Bearer abc" } },
      },
    });
    t = await startTestApp({ catalog: await ServerCatalog.load(path) });
  });
  afterAll(() => t.close());

  it("lists the servers in the same shape, with secret values redacted", async () => {
    const { body } = await t.api<ConfiguredServer[]>("GET", "/api/servers");
    expect(body.map((s) => s.name)).toEqual(["legacy", "remote"]);
    expect(body[0]!.entry.env).toEqual({ GITHUB_TOKEN: "[redacted]", MODE: "test" });
    expect(body[1]!.entry).toEqual({ type: "http", url: "http://127.0.0.1:9/mcp", headers: { Authorization: "Bearer [redacted]" } });
  });

  it("connects to a server by name with the real secrets, and copies it back out in the same shape", async () => {
    const res = await t.api<SessionInfo>("POST", "/api/servers/legacy/sessions");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "ready", serverInfo: { name: "legacy-fixture" }, target: { name: "legacy", env: { GITHUB_TOKEN: "[redacted]" } } });
    expect(targetToEntry(res.body.target)).toEqual({ type: "stdio", command: legacy.command, args: legacy.args, env: { GITHUB_TOKEN: "[redacted]", MODE: "test" } });
    const missing = await t.api<ApiError>("POST", "/api/servers/nope/sessions");
    expect(missing.status).toBe(404);
    expect(missing.body.hint).toContain("legacy, remote");
  });

  it("reports a ping's round trip and reconnects a session as a new one with the same settings", async () => {
    const first = (await t.api<SessionInfo>("POST", "/api/servers/legacy/sessions")).body;
    const ping = (await t.api<SendRequestResult>("POST", `/api/sessions/${first.id}/requests`, { method: "ping" })).body;
    expect(ping).toMatchObject({ result: {}, durationMs: expect.any(Number) });
    expect(ping.durationMs).toBeGreaterThan(0);

    const again = await t.api<SessionInfo>("POST", `/api/sessions/${first.id}/reconnect`);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: "ready", previousId: first.id, target: { name: "legacy" } });
    expect(again.body.pid).not.toBe(first.pid);
    expect((await t.api<SessionInfo>("GET", `/api/sessions/${first.id}`)).body.status).toBe("closed");
  });
});

describe("ServerCatalog.load", () => {
  it.each([
    ["not JSON", "{nope", /not valid JSON/],
    ["no mcpServers", { other: {} }, /mcpServers/],
    ["an entry with neither command nor url", { mcpServers: { x: { args: [] } } }, /command .* or a url/],
  ])("refuses a file with %s, naming the problem", async (_, content, message) => {
    await expect(ServerCatalog.load(await writeConfig(content))).rejects.toThrow(message);
  });

  it("takes the session's client behaviour from an entry's `mcpscope` key: canned answers let an unattended sampling call finish", async () => {
    const everything = defaultServerTarget();
    const canned = { role: "assistant", content: { type: "text", text: "canned by the config" }, model: "ci", stopReason: "endTurn" };
    const path = await writeConfig({ mcpServers: { ci: { command: everything.command, args: everything.args, mcpscope: { capabilities: { roots: false }, autoAnswer: { sampling: canned } } } } });
    const t = await startTestApp({ catalog: await ServerCatalog.load(path) });
    try {
      const session = (await t.api<SessionInfo>("POST", "/api/servers/ci/sessions")).body;
      expect(session.clientCapabilities).not.toHaveProperty("roots");
      const answer = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "trigger-sampling-request", arguments: { prompt: "hi", maxTokens: 5 } } });
      expect(JSON.stringify(answer.body)).toContain("canned by the config");
    } finally {
      await t.close();
    }
  });

  it("reads VS Code's `servers` key too", async () => {
    const catalog = await ServerCatalog.load(await writeConfig({ servers: { a: { url: "http://localhost:1/sse", type: "sse" } } }));
    expect(catalog.target("a")).toMatchObject({ transport: "sse", url: "http://localhost:1/sse" });
  });
});
