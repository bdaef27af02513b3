import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// `pnpm mcpscope …` in the repository (after `pnpm build`): relative paths are the invoking
// directory's, though pnpm runs root scripts in the repository root.
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const SERVERS = join(REPO, "packages", "fixtures", "src", "servers");
const DOCS = join(REPO, "docs");
const RUN_FROM_REPO = fileURLToPath(new URL("./runFromRepo.mjs", import.meta.url));
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|INIT_CWD$)/i.test(k)));
const children: ChildProcess[] = [];

/** Runs `command args…` in `cwd`; resolves with the ready object mcpscope prints with --json. */
function ready(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ origin: string; token: string; sessionId: string; status: string }> {
  // A process group of its own: pnpm starts mcpscope through a shell, and all of them are stopped.
  const child = spawn(command, args, { cwd, env: { ...env, CI: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      const line = output.split("\n").find((l) => l.startsWith("{") && l.endsWith("}"));
      if (line) resolve(JSON.parse(line) as { origin: string; token: string; sessionId: string; status: string });
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

async function sessionCwd(r: { origin: string; token: string; sessionId: string }): Promise<string | undefined> {
  const res = await fetch(`${r.origin}/api/sessions/${r.sessionId}`, { headers: { authorization: `Bearer ${r.token}` } });
  return ((await res.json()) as { target: { cwd?: string } }).target.cwd;
}

/** Stops `child` and everything it started (its process group), and waits for it to exit. */
function stopGroup(child: ChildProcess): Promise<unknown> {
  const exited = child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once("exit", r)) : Promise.resolve();
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // The group is gone already.
  }
  return exited;
}

afterEach(async () => {
  await Promise.all(children.splice(0).map(stopGroup));
});

describe("pnpm mcpscope in the repository", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-repo-"));
  const options = ["--json", "--no-open", "--port", "0", "--data-dir", dataDir];
  const args = [...options, "--", "node", "./plainEcho.mjs"];

  it("run from a subdirectory, resolves `-- node ../server.mjs` there", async () => {
    const r = await ready("pnpm", ["--silent", "mcpscope", ...options, "--", "node", "../packages/fixtures/src/servers/plainEcho.mjs"], DOCS, baseEnv);
    expect(r.status).toBe("ready");
    expect(await sessionCwd(r)).toBe(DOCS);
  });

  it("run with -w from inside a workspace package, resolves `-- node ./server.mjs` there", async () => {
    const r = await ready("pnpm", ["-w", "--silent", "mcpscope", ...args], SERVERS, baseEnv);
    expect(r.status).toBe("ready");
    expect(await sessionCwd(r)).toBe(SERVERS);
  });

  it("`pnpm mcpscope -- --options -- node ./server.mjs`: the `--` pnpm passes on is not taken for the server command", async () => {
    const r = await ready("pnpm", ["-w", "--silent", "mcpscope", "--", ...args], SERVERS, baseEnv);
    expect(r.status).toBe("ready");
    expect(await sessionCwd(r)).toBe(SERVERS);
  });

  it("ignores an INIT_CWD that this repository's script did not set", async () => {
    const stale = { ...baseEnv, INIT_CWD: tmpdir(), npm_package_json: join(tmpdir(), "package.json") };
    const r = await ready(process.execPath, [RUN_FROM_REPO, ...args], SERVERS, stale);
    expect(r.status).toBe("ready");
    expect(await sessionCwd(r)).toBe(SERVERS);
  });
});
