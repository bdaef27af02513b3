import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PACKAGE_DIR } from "../../packageDir.js";
import { instancesDir, processRuns, runningInstances, type RunningInstance } from "../instanceRegistry.js";
import { ScopeClient } from "./scopeClient.js";

/** A running mcpscope the shim can talk to. */
export interface FoundScope {
  client: ScopeClient;
  /** Its ready-line URL (with the token). */
  url: string;
  /** True when this shim started it. */
  started: boolean;
}

/** How long a start may take before the shim gives up on it. */
const START_TIMEOUT_MS = 20_000;
/** A start lock older than this is stale (its owner died mid-start). */
const STALE_LOCK_MS = 30_000;
const POLL_MS = 50;
const HEALTH_TIMEOUT_MS = 1500;
/** The port a background mcpscope tries first: the documented default, so its address is the usual one. */
const BACKGROUND_PORT = 6280;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client for a `--scope-url` (the URL of an mcpscope's ready line, token included).
 * @throws Error when the URL is not one.
 */
export function clientForUrl(scopeUrl: string): FoundScope {
  let url: URL;
  try {
    url = new URL(scopeUrl);
  } catch {
    throw new Error(`--scope-url ${JSON.stringify(scopeUrl)} is not a URL; pass the URL mcpscope printed in its ready line (http://127.0.0.1:<port>/?token=…)`);
  }
  const token = url.searchParams.get("token");
  if (url.protocol !== "http:" || !token) throw new Error(`--scope-url must be the URL mcpscope printed in its ready line, with its token (http://127.0.0.1:<port>/?token=…); got ${url.origin}${url.pathname}`);
  return { client: new ScopeClient(url.origin, token), url: scopeUrl, started: false };
}

async function healthy(instance: RunningInstance): Promise<FoundScope | undefined> {
  const client = new ScopeClient(instance.origin, instance.token);
  try {
    const answer = await client.send("GET", "/api/health", undefined, HEALTH_TIMEOUT_MS);
    if (answer.status === 200) return { client, url: instance.url, started: false };
  } catch {
    // not answering: try the next one
  }
  client.close();
  return undefined;
}

/** The newest registered mcpscope of the data directory that answers. */
export async function registeredScope(dataDir: string): Promise<FoundScope | undefined> {
  for (const instance of runningInstances(dataDir)) {
    const found = await healthy(instance);
    if (found) return found;
  }
  return undefined;
}

/** Takes the start lock (one shim starts mcpscope; the others wait for it); false when another holds it. */
function takeLock(lock: string): boolean {
  try {
    const fd = openSync(lock, "wx", 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch {
    try {
      const owner = Number(readFileSync(lock, "utf8"));
      const age = Date.now() - statSync(lock).mtimeMs;
      if (!processRuns(owner) || age > STALE_LOCK_MS) rmSync(lock, { force: true });
    } catch {
      // gone meanwhile
    }
    return false;
  }
}

/**
 * Starts mcpscope in the background on the same data directory: detached, `--no-open`,
 * `--no-connect` (no server of its own), on port 6280 when free, else any free port. Its
 * output goes to `<data dir>/mcpscope-background.log`. Resolves once it registered itself.
 */
async function startBackground(dataDir: string): Promise<FoundScope> {
  const bin = fileURLToPath(new URL("bin/mcpscope.mjs", PACKAGE_DIR));
  const logPath = join(dataDir, "mcpscope-background.log");
  const started = Date.now();
  for (const port of [BACKGROUND_PORT, 0]) {
    const log = openSync(logPath, "a", 0o600);
    const child = spawn(process.execPath, [bin, "--no-open", "--no-connect", "--port", String(port), "--data-dir", dataDir], {
      detached: true,
      stdio: ["ignore", log, log],
      windowsHide: true,
    });
    closeSync(log);
    let exited = false;
    child.once("exit", () => (exited = true));
    child.once("error", () => (exited = true));
    child.unref();
    while (!exited && Date.now() - started < START_TIMEOUT_MS) {
      const mine = runningInstances(dataDir).find((i) => i.pid === child.pid);
      if (mine) {
        const found = await healthy(mine);
        if (found) return { ...found, started: true };
      }
      await sleep(POLL_MS);
    }
    if (!exited) break;
  }
  throw new Error(`could not start mcpscope in the background (see ${logPath})`);
}

/**
 * Finds the mcpscope to record with: the newest registered one of the data directory that
 * answers, else one this shim starts in the background (one shim starts it while the
 * others started at the same moment wait for it).
 * @throws Error saying why there is none.
 */
export async function findScope(dataDir: string): Promise<FoundScope> {
  const existing = await registeredScope(dataDir);
  if (existing) return existing;
  mkdirSync(instancesDir(dataDir), { recursive: true, mode: 0o700 });
  const lock = join(instancesDir(dataDir), "starting.lock");
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (takeLock(lock)) {
      try {
        return (await registeredScope(dataDir)) ?? (await startBackground(dataDir));
      } finally {
        rmSync(lock, { force: true });
      }
    }
    await sleep(POLL_MS * 4);
    const found = await registeredScope(dataDir);
    if (found) return found;
  }
  throw new Error("no mcpscope answered and none could be started in time");
}
