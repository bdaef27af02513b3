// mcpscope's CLI in a process of its own, like lib/proxy.mjs, but with a data directory the
// caller chooses (so recordings written before the start are listed as recorded sessions)
// and optionally no live session at all (`--config <file with no servers>`).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI } from "./env.mjs";
import { onCleanup, trackPid } from "./cleanup.mjs";
import { keepAliveClient } from "./http.mjs";

/**
 * Starts `mcpscope --no-open --port 0 --token <token> --data-dir <dataDir> [--config <empty>] [-- command...]`
 * and waits for its `mcpscope ready: <url>` line. With no `command`, `noLiveSession` passes a
 * config file without servers, so the proxy opens no session of its own. Recordings are
 * `<dataDir>/sessions/*.jsonl`. The caller owns `dataDir` (it is not removed here).
 */
export async function startBrowserProxy({ token, dataDir, command = [], noLiveSession = false, label = "proxy", startTimeoutMs = 60_000 }) {
  const args = [CLI, "--no-open", "--port", "0", "--token", token, "--data-dir", dataDir];
  if (noLiveSession) {
    const config = join(dataDir, "no-servers.json");
    writeFileSync(config, JSON.stringify({ mcpServers: {} }));
    args.push("--config", config);
  }
  if (command.length) args.push("--", ...command);
  const startedAt = Date.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, CI: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  trackPid(child.pid);
  let output = "";
  const exited = once(child, "exit");
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: mcpscope did not start in ${startTimeoutMs / 1000} s:\n${output}`)), startTimeoutMs);
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
    exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`${label}: mcpscope exited with ${code}:\n${output}`));
    });
  });
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
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
    })());
  const unregister = onCleanup(stop);

  return {
    url,
    base,
    port,
    http,
    child,
    startMs: Date.now() - startedAt,
    output: () => output,
    /** Waits until the CLI's own session (started after this proxy) is `ready`. */
    async readySession(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const sessions = await http.get("/api/sessions");
        const info = sessions.filter((s) => !s.recorded && s.createdAt >= startedAt - 1000).at(-1);
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
