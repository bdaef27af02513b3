import { type ChildProcess, spawn } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { plainFixturePath } from "@mcpscope/fixtures";
import { afterEach, describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";
import { CLI_FROM_SOURCE } from "../testing/cli.js";

// The ready line (or --json object) comes once mcpscope listens and the session given at start
// has connected or failed. stdout and stderr go to one file, so their order shows.
const PLAIN_ECHO = plainFixturePath("plainEcho");
const children: ChildProcess[] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r).kill("SIGTERM")) : Promise.resolve())));
});

/** Starts the CLI from source; resolves with everything it wrote up to its first line on stdout that `done` accepts. */
async function startUntil(args: string[], done: (line: string) => boolean): Promise<{ output: string; line: string }> {
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-serve-"));
  const file = join(dir, "output.txt");
  const fd = openSync(file, "w");
  const child = spawn(process.execPath, [...CLI_FROM_SOURCE, "--no-open", "--port", "0", "--data-dir", join(dir, "data"), ...args], {
    env: { ...process.env, CI: "1" },
    stdio: ["ignore", fd, fd],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  for (;;) {
    const output = readFileSync(file, "utf8");
    const line = output.split("\n").find(done);
    if (line) return { output, line };
    const code = await Promise.race([exited, new Promise<"running">((r) => setTimeout(() => r("running"), 25))]);
    if (code !== "running") throw new Error(`mcpscope exited with ${code}:\n${readFileSync(file, "utf8")}`); // all it wrote, up to its exit
  }
}

async function sessionInfo(origin: string, token: string, id: string): Promise<SessionInfo> {
  const res = await fetch(`${origin}/api/sessions/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as SessionInfo;
}

describe("the ready line", () => {
  it("comes once the session given at start is ready", async () => {
    const { line } = await startUntil(["--", process.execPath, PLAIN_ECHO], (l) => l.startsWith("mcpscope ready: "));
    const url = new URL(line.slice("mcpscope ready: ".length));
    const token = url.searchParams.get("token")!;
    const sessions = (await (await fetch(`${url.origin}/api/sessions`, { headers: { authorization: `Bearer ${token}` } })).json()) as SessionInfo[];
    expect(sessions.map((s) => [s.status, s.serverInfo?.name])).toEqual([["ready", "plain-echo"]]);
  });

  it("with --json is one object naming the ready session", async () => {
    const { output, line } = await startUntil(["--json", "--", process.execPath, PLAIN_ECHO], (l) => l.startsWith("{"));
    const ready = JSON.parse(line) as Record<string, unknown>;
    expect(ready).toMatchObject({ status: "ready", version: expect.any(String), port: expect.any(Number), sessionId: expect.any(String) });
    expect(ready.url).toBe(`${String(ready.origin)}/?token=${String(ready.token)}`);
    expect(output.trim()).toBe(line);
    expect((await sessionInfo(ready.origin as string, ready.token as string, ready.sessionId as string)).status).toBe("ready");
  });

  it("after a failed connection comes after the connection doctor's message, and mcpscope keeps serving", async () => {
    const { output, line } = await startUntil(["--json", "--", "mcpscope-no-such-command"], (l) => l.startsWith("{"));
    const ready = JSON.parse(line) as Record<string, string>;
    expect(ready).toMatchObject({ status: "failed", errorCode: "MCPSCOPE_COMMAND_NOT_FOUND", sessionId: expect.any(String), hint: expect.any(String) });
    expect(output.indexOf("mcpscope: could not connect to mcpscope-no-such-command")).toBeGreaterThanOrEqual(0);
    expect(output.indexOf("could not connect")).toBeLessThan(output.indexOf(line));
    expect((await sessionInfo(ready.origin!, ready.token!, ready.sessionId!)).status).toBe("failed");
  });

  it("with nothing to connect to comes as soon as mcpscope listens", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-serve-config-"));
    const config = join(dir, "mcp.json");
    writeFileSync(config, JSON.stringify({ mcpServers: {} }));
    const { line } = await startUntil(["--json", "--config", config], (l) => l.startsWith("{"));
    const ready = JSON.parse(line) as Record<string, unknown>;
    expect(ready.sessionId).toBeUndefined();
    expect(ready.status).toBeUndefined();
  });
});

describe("taps at start", () => {
  it("--config … --tap <server> serves an HTTP facade, listed in the ready object", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-serve-tap-"));
    const config = join(dir, "mcp.json");
    writeFileSync(config, JSON.stringify({ mcpServers: { echo: { command: process.execPath, args: [PLAIN_ECHO] } } }));
    const { line } = await startUntil(["--json", "--config", config, "--tap", "echo"], (l) => l.startsWith("{"));
    const ready = JSON.parse(line) as { origin: string; token: string; taps: Array<{ name: string; url: string }> };
    expect(ready.taps).toEqual([{ name: "echo", url: expect.stringMatching(new RegExp(`^${ready.origin}/tap/echo/[\\w-]{43}/mcp$`)) }]);
    const init = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "curl-like", version: "1" } } };
    const res = await fetch(ready.taps[0]!.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: JSON.stringify(init) });
    expect(res.headers.get("mcp-session-id")).toMatch(/^[\w-]{36}$/);
    expect(await res.text()).toContain('"serverInfo":{"name":"plain-echo"');
  });

  it("refuses --tap without --config, and an unknown server", async () => {
    await expect(startUntil(["--tap", "echo"], () => false)).rejects.toThrow("--tap names a server of a --config file");
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-serve-tap-"));
    const config = join(dir, "mcp.json");
    writeFileSync(config, JSON.stringify({ mcpServers: {} }));
    await expect(startUntil(["--config", config, "--tap", "nope"], () => false)).rejects.toThrow('--tap nope: No server named "nope" in the config.');
  });

  it("says a port is in use in one line and points at --help, without printing the whole help", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const failure = await startUntil(["--no-connect", "--port", String(port)], () => false).catch((err: Error) => err.message);
      expect(failure).toContain(`mcpscope: port ${port} is in use. Stop the other process or pick another port with --port <n>.\n(add --help to see the options)`);
      expect(failure).not.toContain("Usage:");
    } finally {
      holder.close();
    }
  });
});
