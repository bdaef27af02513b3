import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A running mcpscope as it registers itself in its data directory
 * (`<data dir>/instances/<pid>.json`, mode 0600: it holds the API token), so that
 * `mcpscope tap` finds it.
 */
export interface RunningInstance {
  pid: number;
  /** `http://<host>:<port>/?token=<token>`, the URL of the ready line. */
  url: string;
  /** `http://<host>:<port>`. */
  origin: string;
  token: string;
  version: string;
  /** Epoch milliseconds. */
  startedAt: number;
}

/** The registry directory of a data directory. */
export function instancesDir(dataDir: string): string {
  return join(dataDir, "instances");
}

/** True when a process with this id runs (as any user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Registers this process as a running mcpscope; removed again when the process exits
 * (any exit but SIGKILL; a stale file is recognised by its dead pid and removed by readers).
 * @returns the remover.
 */
export function registerInstance(dataDir: string, instance: RunningInstance): () => void {
  const dir = instancesDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${instance.pid}.json`);
  // Written whole under another name, then renamed: a reader never sees an empty or half-written entry.
  const partial = join(dir, `.${instance.pid}.json.partial`);
  writeFileSync(partial, JSON.stringify(instance) + "\n", { mode: 0o600 });
  renameSync(partial, file);
  const remove = () => rmSync(file, { force: true });
  process.once("exit", remove);
  return () => {
    process.removeListener("exit", remove);
    remove();
  };
}

function parse(text: string): RunningInstance | undefined {
  try {
    const v = JSON.parse(text) as Partial<RunningInstance>;
    if (typeof v.pid === "number" && typeof v.url === "string" && typeof v.origin === "string" && typeof v.token === "string") {
      return { pid: v.pid, url: v.url, origin: v.origin, token: v.token, version: String(v.version ?? ""), startedAt: Number(v.startedAt ?? 0) };
    }
  } catch {
    // not ours, or torn: ignored
  }
  return undefined;
}

/**
 * The registered mcpscopes whose process still runs, newest first. Entries of dead
 * processes (stale: mcpscope was killed) are deleted on the way, and so is a half-written
 * entry (`.<pid>.json.partial`) left by a process that died before renaming it.
 */
export function runningInstances(dataDir: string): RunningInstance[] {
  const dir = instancesDir(dataDir);
  let all: string[];
  try {
    all = readdirSync(dir);
  } catch {
    return [];
  }
  for (const name of all) {
    const partial = /^\.(\d+)\.json\.partial$/.exec(name);
    if (partial && !processRuns(Number(partial[1]))) rmSync(join(dir, name), { force: true });
  }
  const names = all.filter((n) => /^\d+\.json$/.test(n));
  const found: RunningInstance[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let instance: RunningInstance | undefined;
    try {
      instance = parse(readFileSync(file, "utf8"));
    } catch {
      continue;
    }
    if (instance && processRuns(instance.pid)) found.push(instance);
    // Stale only when the process the file is named after is gone: an unreadable entry of a
    // running process (an older mcpscope caught mid-write) is skipped, never deleted.
    else if (!processRuns(Number(name.slice(0, -5)))) rmSync(file, { force: true });
  }
  return found.sort((a, b) => b.startedAt - a.startedAt);
}
