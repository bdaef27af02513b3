import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { ApiError, SessionInfo } from "@mcpscope/protocol";
import { fixtureCommand } from "@mcpscope/fixtures";
import { buildApp } from "../app.js";

// The report in issue #15: a recording exported from mcpscope, its header's target edited to
// a shell command, imported, then reconnected — and the command ran. A recording is data:
// nothing that came from a file may start a process or open a connection.

const TOKEN = "recording-attack-token";
// inject() needs no socket: the port only fills the Host header the guard expects.
const PORT = 6283;
const CLI = fileURLToPath(new URL("../../bin/mcpscope.mjs", import.meta.url));

const work = mkdtempSync(join(tmpdir(), "mcpscope-attack-"));
/** Created by the hostile target if it ever runs. */
const marker = join(work, "pwned");
const hostileTarget = { transport: "stdio", command: "/bin/sh", args: ["-c", `touch '${marker}'`], env: {} };

function inject(app: FastifyInstance, method: "GET" | "POST" | "DELETE", url: string, payload?: unknown, contentType = "application/json") {
  return app.inject({
    method,
    url,
    headers: { host: `127.0.0.1:${PORT}`, authorization: `Bearer ${TOKEN}`, ...(payload === undefined ? {} : { "content-type": contentType }) },
    ...(payload === undefined ? {} : { payload: typeof payload === "string" ? payload : JSON.stringify(payload) }),
  });
}

/** The export with its header's target replaced, as the user in the report edited it. */
function withTarget(exported: string, target: unknown): string {
  const [head, ...rest] = exported.split("\n");
  const header = JSON.parse(head!) as { session: { target: unknown } };
  header.session.target = target;
  return [JSON.stringify(header), ...rest].join("\n");
}

function expectRefused(res: { statusCode: number; json(): unknown }) {
  expect(res.statusCode).toBe(403);
  const body = res.json() as ApiError;
  expect(body.code).toBe("MCPSCOPE_RECORDING_NOT_STARTABLE");
  expect(body.message).toMatch(/never starts the command or opens the URL a recording names/);
  expect(body.hint).toContain("Start a new session from this target");
}

describe("a recording is data, never a command", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-attack-data-"));
  let app: FastifyInstance;
  let live: SessionInfo;
  let hostile: string;

  beforeAll(async () => {
    app = await buildApp({ token: TOKEN, port: PORT, session: { recordingsDir: dataDir } });
    const opened = await inject(app, "POST", "/api/sessions", { transport: "stdio", env: {}, ...fixtureCommand("legacy") });
    expect(opened.statusCode).toBe(201);
    live = opened.json();
    await inject(app, "POST", `/api/sessions/${live.id}/requests`, { method: "tools/list" });
    await inject(app, "DELETE", `/api/sessions/${live.id}`);
    hostile = withTarget((await inject(app, "GET", `/api/sessions/${live.id}/export`)).body, hostileTarget);
  });
  afterAll(() => app.close());

  it("an imported recording whose target was edited is listed read-only, and reconnecting it is refused", async () => {
    const imported = await inject(app, "POST", "/api/recordings", hostile, "application/x-ndjson");
    expect(imported.statusCode).toBe(201);
    const copy = imported.json<SessionInfo>();
    expect(copy).toMatchObject({ id: `${live.id}-copy`, recorded: true, imported: true, target: hostileTarget });
    const before = app.sessions.list().length;

    expectRefused(await inject(app, "POST", `/api/sessions/${copy.id}/reconnect`));
    expect(existsSync(marker)).toBe(false);
    expect(app.sessions.list()).toHaveLength(before);
    expect(app.sessions.list().some((s) => s.previousId === copy.id)).toBe(false);
    // Nor can anything be sent through it.
    expect((await inject(app, "POST", `/api/sessions/${copy.id}/requests`, { method: "ping" })).statusCode).toBe(409);
  });

  it("a session of this run, closed, may still be reconnected: its target came from the user", async () => {
    const again = await inject(app, "POST", `/api/sessions/${live.id}/reconnect`);
    expect(again.statusCode).toBe(201);
    const successor = again.json<SessionInfo>();
    expect(successor).toMatchObject({ status: "ready", previousId: live.id, target: { command: fixtureCommand("legacy").command } });
    await inject(app, "DELETE", `/api/sessions/${successor.id}`);
  });

  it("a recording loaded from the data directory at start is refused too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-attack-dir-"));
    writeFileSync(join(dir, "edited.jsonl"), hostile);
    const later = await buildApp({ token: TOKEN, port: PORT, session: { recordingsDir: dir } });
    try {
      const [listed] = later.sessions.list();
      expect(listed).toMatchObject({ id: live.id, recorded: true });
      expect(listed?.imported).toBeUndefined();
      expectRefused(await inject(later, "POST", `/api/sessions/${live.id}/reconnect`));
      expect(existsSync(marker)).toBe(false);
      expect(later.sessions.list()).toHaveLength(1);
    } finally {
      await later.close();
    }
  });

  it("`mcpscope view` of the file refuses it, and `mcpscope replay` without a server names the command instead of running it", async () => {
    const file = join(work, "edited.jsonl");
    writeFileSync(file, hostile);
    const child = spawn(process.execPath, [CLI, "view", file, "--no-open", "--port", "0", "--token", TOKEN, "--data-dir", mkdtempSync(join(tmpdir(), "mcpscope-attack-view-"))], {
      env: { ...process.env, CI: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let output = "";
      const origin = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          output += d.toString();
          const match = /mcpscope ready: (http:\/\/[^/\s]+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`mcpscope view exited with ${code}: ${output}`)));
      });
      const res = await fetch(`${origin}/api/sessions/${live.id}/reconnect`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as ApiError).code).toBe("MCPSCOPE_RECORDING_NOT_STARTABLE");
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    expect(existsSync(marker)).toBe(false);

    const replay = await promisify(execFile)(process.execPath, [CLI, "replay", file, "--data-dir", work], { env: { ...process.env, CI: "1" } }).then(
      () => ({ code: 0, stderr: "" }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain("replay never starts what a recording names");
    expect(replay.stderr).toContain(`The recording says it ran: /bin/sh -c 'touch '\\''${marker}'\\'''`);
    expect(replay.stderr).toContain(`mcpscope replay ${file} -- /bin/sh -c`);
    expect(existsSync(marker)).toBe(false);
  });

  it("the marker does appear when a person posts that target to POST /api/sessions (so the checks above can fail)", async () => {
    await inject(app, "POST", "/api/sessions", hostileTarget);
    expect(existsSync(marker)).toBe(true);
  });
});
