import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The package as a user gets it: `pnpm pack` of apps/proxy (after `pnpm build`), installed
// with plain npm into an empty directory, run from another directory with no pnpm, no
// workspace and no repository in reach (environment without pnpm's npm_* variables).
const run = promisify(execFile);
const PKG_DIR = fileURLToPath(new URL("../", import.meta.url));
const PLAIN_ECHO = fileURLToPath(new URL("../../../packages/fixtures/src/servers/plainEcho.mjs", import.meta.url));
const { version } = JSON.parse(readFileSync(join(PKG_DIR, "package.json"), "utf8")) as { version: string };
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|INIT_CWD$)/i.test(k)));

const root = mkdtempSync(join(tmpdir(), "mcpscope-pack-"));
const installDir = join(root, "install");
const userDir = join(root, "user");
const bin = join(installDir, "node_modules", ".bin", "mcpscope");
const children = new Set<ChildProcess>();

interface Ready {
  url: string;
  origin: string;
  token: string;
  version: string;
  sessionId?: string;
  status?: string;
  recordings?: Array<{ file: string; sessionId: string }>;
}

/** Starts the installed `mcpscope [view] --json …` in the user's directory; resolves with its ready object. */
function start(args: string[]): Promise<Ready> {
  const [sub, rest] = args[0] === "view" ? [["view"], args.slice(1)] : [[], args];
  const child = spawn(bin, [...sub, "--no-open", "--port", "0", "--json", ...rest], { cwd: userDir, env: { ...env, CI: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let output = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      const line = output.split("\n").find((l) => l.startsWith("{"));
      if (line && output.includes("}\n")) resolve(JSON.parse(line) as Ready);
    });
    child.once("exit", (code) => reject(new Error(`mcpscope exited with ${code}:\n${output}`)));
  });
}

async function api<T>(ready: Ready, path: string, body?: unknown): Promise<T> {
  const res = await fetch(ready.origin + path, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${ready.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as T;
}

async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map((child) => {
      children.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      return exited;
    }),
  );
}

beforeAll(async () => {
  // The build is `pnpm build`'s (run before the tests by `pnpm test`); the prepack guard says so if it is missing.
  await run(process.execPath, [join(PKG_DIR, "scripts/pack.mjs"), "--out", join(root, "tarball")], { env: process.env });
  mkdirSync(installDir);
  mkdirSync(userDir);
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(root, "tarball", `mcpscope-${version}.tgz`)], { cwd: installDir, env });
  copyFileSync(PLAIN_ECHO, join(userDir, "server.mjs"));
  mkdirSync(join(userDir, "sub"));
  copyFileSync(PLAIN_ECHO, join(userDir, "sub", "server.mjs"));
  writeFileSync(join(userDir, "mcp.json"), JSON.stringify({ mcpServers: { echo: { command: "node", args: ["./server.mjs"] } } }));
}, 180_000);

afterAll(stopAll);

describe("the packed mcpscope, installed with npm", () => {
  it("holds the compiled CLI, the web app and a license, and pulls in neither tsx nor workspace packages", () => {
    const installed = join(installDir, "node_modules");
    const pkg = JSON.parse(readFileSync(join(installed, "mcpscope", "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: "mcpscope", version, license: "MIT", bin: { mcpscope: "bin/mcpscope.mjs" } });
    expect(readdirSync(join(installed, "mcpscope")).sort()).toEqual(["LICENSE", "README.md", "bin", "dist", "package.json"]);
    expect(existsSync(join(installed, "mcpscope", "dist", "web", "index.html"))).toBe(true);
    expect(readFileSync(join(installed, "mcpscope", "LICENSE"), "utf8")).toBe(readFileSync(join(PKG_DIR, "../../LICENSE"), "utf8"));
    expect(existsSync(join(installed, "tsx"))).toBe(false);
    expect(existsSync(join(installed, "@mcpscope"))).toBe(false);
  });

  it("prints its version, also through npx", async () => {
    expect((await run(bin, ["--version"], { cwd: userDir, env })).stdout.trim()).toBe(version);
    expect((await run("npx", ["mcpscope", "--version"], { cwd: installDir, env })).stdout.trim()).toBe(version);
  });

  it("inspects a stdio server given by a relative path, serves the web app, and answers a tool call over REST", async () => {
    const ready = await start(["--data-dir", "./data", "--", "node", "./server.mjs"]);
    expect(ready).toMatchObject({ version, status: "ready", url: expect.stringContaining("?token=") });
    const session = await api<{ serverInfo: { name: string }; target: { cwd?: string } }>(ready, `/api/sessions/${ready.sessionId}`);
    expect(session.serverInfo.name).toBe("plain-echo");
    expect(session.target.cwd).toBe(userDir);
    const call = await api<{ result: { content: Array<{ text: string }> } }>(ready, `/api/sessions/${ready.sessionId}/requests`, {
      method: "tools/call",
      params: { name: "echo", arguments: { message: "from the packed CLI" } },
    });
    expect(call.result.content[0]!.text).toBe("from the packed CLI");
    const page = await fetch(ready.url);
    expect(await page.text()).toContain('<div id="root">');
    await stopAll();
    // --data-dir ./data is the user's directory's data/: the recording is there.
    const recordings = readdirSync(join(userDir, "data", "sessions"));
    expect(recordings).toHaveLength(1);
    copyFileSync(join(userDir, "data", "sessions", recordings[0]!), join(userDir, "session.jsonl"));
  });

  it("resolves --cwd and --config against the user's directory", async () => {
    const inSub = await start(["--data-dir", "./data", "--cwd", "./sub", "--", "node", "./server.mjs"]);
    expect(inSub.status).toBe("ready");
    expect((await api<{ target: { cwd?: string } }>(inSub, `/api/sessions/${inSub.sessionId}`)).target.cwd).toBe(join(userDir, "sub"));
    const fromConfig = await start(["--data-dir", "./data-config", "--config", "./mcp.json", "--server", "echo"]);
    expect(fromConfig.status).toBe("ready");
    await stopAll();
  });

  it("views, diffs and replays a recording given by a relative path", async () => {
    const viewed = await start(["view", "./session.jsonl", "--data-dir", "./data"]);
    expect(viewed.recordings).toEqual([{ file: "./session.jsonl", sessionId: expect.any(String) }]);
    const info = await api<{ recorded: boolean; serverInfo: { name: string } }>(viewed, `/api/sessions/${viewed.recordings![0]!.sessionId}`);
    expect(info).toMatchObject({ recorded: true, serverInfo: { name: "plain-echo" } });
    await stopAll();

    const diff = await run(bin, ["diff", "./session.jsonl", "./session.jsonl"], { cwd: userDir, env });
    expect(diff.stdout).toMatch(/no differences/i);
    const replay = await run(bin, ["replay", "./session.jsonl", "--data-dir", "./data", "--", "node", "./server.mjs"], { cwd: userDir, env });
    expect(replay.stdout).toMatch(/no differences/i);
  });

  it("finds its default server, @modelcontextprotocol/server-everything, in its own dependencies", async () => {
    const ready = await start(["--data-dir", "./data"]);
    expect(ready.status).toBe("ready");
    const session = await api<{ serverInfo: { name: string } }>(ready, `/api/sessions/${ready.sessionId}`);
    expect(session.serverInfo.name).toMatch(/everything/);
    await stopAll();
  });
});
