// mcpscope run as its CLI in a process of its own (the load generator must not share it).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI } from "./env.mjs";
import { onCleanup, trackPid } from "./cleanup.mjs";
import { keepAliveClient } from "./http.mjs";

/**
 * Starts `mcpscope --no-open --port 0 --token <token> [-- command...]` and waits for its
 * `mcpscope ready: <url>` line. `profileDir` adds `--cpu-prof` (written when it exits).
 */
export async function startProxy({ token, command = [], profileDir, label = "proxy", cli = CLI, extraArgs = [] }) {
  // One directory per proxy: tsx's loader runs in a worker thread that writes its own profile.
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${join(profileDir, label)}`] : [];
  const args = [...nodeArgs, cli, "--no-open", "--port", "0", "--token", token, ...extraArgs, ...(command.length ? ["--", ...command] : [])];
  // A fresh data directory (recordings) per run, outside the user's: XDG_STATE_HOME is where
  // the CLI puts it by default.
  const stateHome = mkdtempSync(join(tmpdir(), "mcpscope-bench-state-"));
  const startedAt = Date.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, CI: "1", XDG_STATE_HOME: stateHome }, stdio: ["ignore", "pipe", "pipe"] });
  trackPid(child.pid);
  let output = "";
  const exited = once(child, "exit");
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mcpscope did not start in 30 s:\n${output}`)), 30_000);
    const onData = (d) => {
      output += d;
      const match = /mcpscope ready: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exited.then(([code]) => reject(new Error(`mcpscope exited with ${code}:\n${output}`)));
  });
  // Keep draining its output so a chatty proxy never blocks on a full pipe.
  child.stdout.resume();
  const port = Number(new URL(url).port);
  const base = `http://127.0.0.1:${port}`;
  const http = keepAliveClient(base, token);

  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      http.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(stateHome, { recursive: true, force: true });
    })());
  const unregister = onCleanup(stop);

  return {
    base,
    port,
    token,
    http,
    child,
    /** Its XDG_STATE_HOME: recordings are under `<stateHome>/mcpscope/sessions/*.jsonl`. */
    stateHome,
    output: () => output,
    /** Waits until the CLI's initial session is `ready`; returns its info (pid tracked). */
    async readySession(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const sessions = await http.get("/api/sessions");
        const info = sessions.filter((s) => s.createdAt >= startedAt - 1000).at(-1);
        if (info?.pid) trackPid(info.pid, true);
        if (info?.status === "ready") return info;
        if (info?.status === "failed") throw new Error(`session failed: ${info.error}`);
        if (Date.now() > deadline) throw new Error(`session not ready after ${timeoutMs} ms: ${JSON.stringify(info)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      unregister();
      await stop();
    },
  };
}
