import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame, SessionInfo } from "@mcpscope/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_FROM_SOURCE } from "../../testing/cli.js";
import { runScriptedClient, type ScriptedRun, type ScriptStep } from "../../testing/scriptedStdioClient.js";
import { tapFromSource } from "../../testing/tapShim.js";
import { startTestApp, type TestApp } from "../../testing/testApp.js";
import { processRuns } from "../instanceRegistry.js";

/** A server in a few lines of Node: `node -e <code>`. */
const server = (code: string) => ["-e", code];
const PING = `{"jsonrpc":"2.0","id":1,"method":"ping"}\n`;
/** Answers each line with a response of the same id; does what `onEnd` says when stdin ends. */
const ANSWERING = (onEnd: string) =>
  `const rl = require("node:readline").createInterface({ input: process.stdin }); rl.on("line", (l) => { const m = JSON.parse(l); process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id: m.id, result: {} }) + "\\n"); }); rl.on("close", () => { ${onEnd} });`;

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`mcpscope exited with ${code}`)));
  });
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

interface LocalRecordingFile {
  header: { session: { id: string; previousId?: string; tap?: unknown } };
  frames: Frame[];
}

function localRecordings(dataDir: string): LocalRecordingFile[] {
  const dir = join(dataDir, "sessions");
  return readdirSync(dir).map((name) => {
    const [header, ...frames] = readFileSync(join(dir, name), "utf8").trim().split("\n").map((l) => JSON.parse(l) as unknown);
    return { header, frames } as LocalRecordingFile;
  });
}

describe("mcpscope tap ends as a direct server would", () => {
  let scope: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "mcpscope-tap-relay-"));
    scope = await startTestApp({ session: { recordingsDir: mkdtempSync(join(dataDir, "scope-")) } });
  });
  afterAll(() => scope.close());

  const both = async (code: string, steps: ScriptStep[], options: Parameters<typeof runScriptedClient>[3] = {}): Promise<[ScriptedRun, ScriptedRun]> => {
    const direct = await runScriptedClient(process.execPath, server(code), steps, options);
    const tapped = await runScriptedClient(process.execPath, [...tapFromSource(["--scope-url", `${scope.base}/?token=${scope.token}`, "--data-dir", dataDir]), "--", process.execPath, ...server(code)], steps, options);
    return [direct, tapped];
  };

  it("propagates the server's exit code", async () => {
    const [direct, tapped] = await both(ANSWERING("process.exit(7)"), [{ send: PING, awaitId: 1 }]);
    expect(direct.code).toBe(7);
    expect([tapped.code, tapped.signal, tapped.stdout.toString()]).toEqual([direct.code, direct.signal, direct.stdout.toString()]);
  });

  it("dies of the signal that killed the server", async () => {
    const [direct, tapped] = await both(ANSWERING("process.kill(process.pid, 'SIGKILL')"), [{ send: PING, awaitId: 1 }]);
    expect(direct.signal).toBe("SIGKILL");
    expect([tapped.code, tapped.signal]).toEqual([direct.code, direct.signal]);
  });

  it("passes the client's SIGTERM on to the server, and the server's answer to it back", async () => {
    const code = `${ANSWERING("")} process.on("SIGTERM", () => { process.stdout.write("got SIGTERM\\n"); process.exit(3); });`;
    const steps: ScriptStep[] = [{ send: PING, awaitId: 1 }, { action: (pid) => void process.kill(pid, "SIGTERM") }];
    const [direct, tapped] = await both(code, steps, { keepStdinOpen: true });
    expect([direct.code, direct.stdout.toString()]).toEqual([3, `{"jsonrpc":"2.0","id":1,"result":{}}\ngot SIGTERM\n`]);
    expect([tapped.code, tapped.signal, tapped.stdout.toString()]).toEqual([direct.code, direct.signal, direct.stdout.toString()]);
  });

  it("leaves no server behind when the client kills it with SIGKILL: the server reads the end of its stdin", async () => {
    const code = `${ANSWERING("process.exit(0)")} process.stdout.write(JSON.stringify({ jsonrpc: "2.0", method: "pid", params: { pid: process.pid } }) + "\\n");`;
    let serverPid = 0;
    const run = await runScriptedClient(process.execPath, [...tapFromSource(["--scope-url", `${scope.base}/?token=${scope.token}`, "--data-dir", dataDir]), "--", process.execPath, ...server(code)], [
      { send: PING, awaitId: 1 },
      { action: (pid) => void process.kill(pid, "SIGKILL") },
    ], { keepStdinOpen: true });
    serverPid = (JSON.parse(run.stdout.toString().split("\n")[0]!) as { params: { pid: number } }).params.pid;
    expect(run.signal).toBe("SIGKILL");
    await expect.poll(() => processRuns(serverPid), { timeout: 10_000 }).toBe(false);
  });

  it("closes the server's stdin when the client closes its own, and says so in the session", async () => {
    const code = `process.stdin.on("end", () => { process.stdout.write("saw EOF\\n"); process.exit(0); }); process.stdin.resume();`;
    const [direct, tapped] = await both(code, [{ send: PING }]);
    expect(direct.stdout.toString()).toBe("saw EOF\n");
    expect([tapped.code, tapped.stdout.toString()]).toEqual([0, "saw EOF\n"]);
    const session = (await scope.api<SessionInfo[]>("GET", "/api/sessions")).body.filter((s) => s.tap).at(-1)!;
    const frames = (await scope.api<{ frames: Frame[] }>("GET", `/api/sessions/${session.id}/frames`)).body.frames;
    expect(frames.map((f) => f.meta?.event ?? f.kind)).toEqual(["spawned", "request", "closed", "invalid", "exited"]);
    expect(frames[3]).toMatchObject({ dir: "in", raw: "saw EOF", reason: "not JSON: Unexpected token 's', \"saw EOF\" is not valid JSON" });
  });

  it("exits 127 with a message when the command does not exist", async () => {
    const run = await runScriptedClient(process.execPath, [...tapFromSource(["--scope-url", `${scope.base}/?token=${scope.token}`, "--data-dir", dataDir]), "--", "mcpscope-no-such-command"], []);
    expect(run.code).toBe(127);
    expect(run.stderr.toString()).toContain("mcpscope tap: cannot start mcpscope-no-such-command: spawn mcpscope-no-such-command ENOENT");
  });
});

describe("mcpscope tap finds mcpscope", () => {
  it("through the registry of the data directory: the newest running mcpscope that answers", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-tap-registry-"));
    const scope = spawn(process.execPath, [...CLI_FROM_SOURCE, "--no-open", "--no-connect", "--port", "0", "--data-dir", dataDir, "--json"], { env: { ...process.env, CI: "1" }, stdio: ["ignore", "pipe", "inherit"] });
    try {
      const ready = JSON.parse(await firstLine(scope)) as { origin: string; token: string };
      // A stale entry (its mcpscope was killed) is passed over and removed.
      const stale = 2 ** 22 + 999;
      writeFileSync(join(dataDir, "instances", `${stale}.json`), JSON.stringify({ pid: stale, url: "http://127.0.0.1:9/?token=x", origin: "http://127.0.0.1:9", token: "x", version: "0", startedAt: Date.now() + 1000 }));
      const run = await runScriptedClient(process.execPath, [...tapFromSource(["--data-dir", dataDir, "--name", "found"]), "--", process.execPath, ...server(ANSWERING("process.exit(0)"))], [{ send: PING, awaitId: 1 }]);
      expect([run.code, run.stderr.toString()]).toEqual([0, ""]);
      const sessions = (await (await fetch(`${ready.origin}/api/sessions`, { headers: { authorization: `Bearer ${ready.token}` } })).json()) as SessionInfo[];
      expect(sessions.map((s) => [s.tap?.name, s.status, s.lastSeq])).toEqual([["found", "closed", 5]]);
      expect(existsSync(join(dataDir, "instances", `${stale}.json`))).toBe(false);
    } finally {
      scope.kill("SIGTERM");
      await new Promise((resolve) => scope.once("exit", resolve));
    }
    // Gone at exit: mcpscope unregisters itself.
    expect(readdirSync(join(dataDir, "instances"))).toEqual([]);
  });
});

describe("mcpscope tap without a working mcpscope", () => {
  it("relays as usual and records the session locally when mcpscope cannot be reached", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-tap-local-"));
    const port = await closedPort();
    const run = await runScriptedClient(process.execPath, [...tapFromSource(["--scope-url", `http://127.0.0.1:${port}/?token=nope`, "--data-dir", dataDir, "--name", "offline"]), "--", process.execPath, ...server(ANSWERING("process.exit(0)"))], [{ send: PING, awaitId: 1 }]);
    expect([run.code, run.stdout.toString()]).toEqual([0, `{"jsonrpc":"2.0","id":1,"result":{}}\n`]);
    expect(run.stderr.toString()).toMatch(/^mcpscope tap: could not upload to mcpscope|^mcpscope tap: .*ECONNREFUSED.*; recording this session to /m);
    const [recording] = localRecordings(dataDir);
    expect(recording!.header.session).toMatchObject({ tap: { name: "offline", kind: "stdio" } });
    expect(recording!.frames.map((f) => f.meta?.event ?? `${f.dir} ${f.kind}`)).toEqual(["recorded-locally", "spawned", "out request", "in response", "closed", "exited"]);
    expect(recording!.frames.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("keeps relaying when mcpscope goes away mid-session, and records the rest locally, linked to mcpscope's part", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-tap-gone-"));
    const scope = await startTestApp({ session: { recordingsDir: mkdtempSync(join(dataDir, "scope-")) } });
    let sessionId = "";
    const shim = [...tapFromSource(["--scope-url", `${scope.base}/?token=${scope.token}`, "--data-dir", dataDir]), "--", process.execPath, ...server(ANSWERING("process.exit(0)"))];
    const run = await runScriptedClient(process.execPath, shim, [
      { send: PING, awaitId: 1 },
      {
        // mcpscope stops once it has recorded the first answer.
        action: async () => {
          await expect
            .poll(async () => {
              const tapped = (await scope.api<SessionInfo[]>("GET", "/api/sessions")).body.find((s) => s.tap);
              sessionId = tapped?.id ?? "";
              return tapped?.lastSeq ?? 0;
            }, { timeout: 10_000 })
            .toBeGreaterThanOrEqual(3);
          await scope.close();
        },
      },
      { send: `{"jsonrpc":"2.0","id":2,"method":"ping"}\n`, awaitId: 2 },
    ]);
    expect([run.code, run.stdout.toString()]).toEqual([0, `{"jsonrpc":"2.0","id":1,"result":{}}\n{"jsonrpc":"2.0","id":2,"result":{}}\n`]);
    const [local] = localRecordings(dataDir);
    expect(local!.header.session.previousId).toBe(sessionId);
    expect(local!.frames[0]!.meta).toMatchObject({ event: "recorded-locally", previousId: sessionId });
    expect(local!.frames.filter((f) => f.dir === "out").map((f) => f.raw)).toEqual(['{"jsonrpc":"2.0","id":2,"method":"ping"}']);
    expect(local!.frames.at(-1)!.meta).toMatchObject({ event: "exited", code: 0 });
  });
});
