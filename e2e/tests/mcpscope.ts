import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test as base } from "@playwright/test";

// The built CLI (`pnpm build`: bin/mcpscope.mjs runs dist/main.cjs), as the package ships it.
const CLI = fileURLToPath(new URL("../../apps/proxy/bin/mcpscope.mjs", import.meta.url));

/** A running mcpscope CLI process. */
export interface Mcpscope {
  /** The URL from the ready line, carrying the token. */
  url: string;
  /** The origin, without the token. */
  origin: string;
  token: string;
  process: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Its --data-dir (a fresh temporary directory unless given). */
  dataDir: string;
}

/**
 * Starts `mcpscope [subcommand] --no-open --port 0 [args]` as a user would (e.g. subcommand
 * `view` with recording files as args) and waits for its `mcpscope ready: <url>` line.
 */
export async function startMcpscope(args: string[] = [], dataDir?: string, subcommand?: "view"): Promise<Mcpscope> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "mcpscope-e2e-"));
  const child = spawn(process.execPath, [CLI, ...(subcommand ? [subcommand] : []), "--no-open", "--port", "0", "--data-dir", dir, ...args], {
    env: { ...process.env, CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mcpscope did not print its ready line:\n${output}`)), 30_000);
    const check = () => {
      const match = /mcpscope ready: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", check);
    child.once("exit", (code) => reject(new Error(`mcpscope exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: parsed.searchParams.get("token")!, process: child, output: () => output, dataDir: dir };
}

/** Stops an mcpscope process and waits for it to exit. */
export async function stopMcpscope(m: Mcpscope): Promise<void> {
  if (m.process.exitCode !== null) return;
  const exited = new Promise((resolve) => m.process.once("exit", resolve));
  m.process.kill("SIGTERM");
  await exited;
}

/**
 * A Playwright `test` whose worker-scoped `mcpscope` fixture is its own: a spec file that
 * changes sessions (imports, restarts) takes one, so other files' sessions stay as they expect.
 * `args` go to `startMcpscope` (default: the default server).
 */
export function testWithOwnMcpscope(args: string[] = []) {
  return base.extend<object, { mcpscope: Mcpscope }>({
    mcpscope: [
      async ({}, use) => {
        const m = await startMcpscope(args);
        await use(m);
        await stopMcpscope(m);
      },
      { scope: "worker" },
    ],
  });
}

/** Playwright test with a worker-scoped mcpscope on the default server. */
export const test = testWithOwnMcpscope();

export { expect } from "@playwright/test";
