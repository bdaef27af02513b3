// @ts-check
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/** @typedef {import("../index.js").McpscopeServerOptions} McpscopeServerOptions */
/** @typedef {import("../index.js").RunningMcpscope} RunningMcpscope */

/**
 * The `mcpscope` command of the installed `mcpscope` package (its package.json's `bin`), or
 * `MCPSCOPE_BIN` when set.
 * @param {string} [from] where to resolve the package from (default: this file)
 * @returns {string}
 */
export function mcpscopeBin(from = import.meta.url) {
  if (process.env.MCPSCOPE_BIN) return resolve(process.env.MCPSCOPE_BIN);
  const require = createRequire(from);
  let pkgJson;
  try {
    pkgJson = require.resolve("mcpscope/package.json");
  } catch {
    throw new Error("@mcpscope/playwright: the mcpscope package is not installed. Install it beside @playwright/test: npm i -D mcpscope (or set MCPSCOPE_BIN to its bin/mcpscope.mjs).");
  }
  const pkg = JSON.parse(readFileSync(pkgJson, "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.mcpscope;
  if (!bin) throw new Error(`@mcpscope/playwright: ${pkgJson} names no mcpscope bin.`);
  return join(dirname(pkgJson), bin);
}

/**
 * The command line arguments that name the server (see `McpscopeServerOptions`).
 * @param {McpscopeServerOptions} server
 * @returns {string[]}
 */
export function serverArgs(server) {
  const args = [];
  if (server.protocol) args.push("--protocol", server.protocol);
  for (const [key, value] of Object.entries(server.env ?? {})) args.push("-e", `${key}=${value}`);
  if (server.cwd) args.push("--cwd", server.cwd);
  if (server.collections) args.push("--collections", server.collections);
  args.push(...(server.args ?? []));
  if (server.config) {
    args.push("--config", server.config);
    if (server.server) args.push("--server", server.server);
  } else if (server.url) {
    args.push("--url", server.url);
    for (const [name, value] of Object.entries(server.headers ?? {})) args.push("--header", `${name}: ${value}`);
  } else if (server.command?.length) {
    args.push("--", ...server.command);
  }
  return args;
}

/**
 * Starts mcpscope (the installed package's bin, with this Node) on a free loopback port with
 * its own temporary data directory, waits for its `--json` ready object and returns it.
 * @param {McpscopeServerOptions} server
 * @returns {Promise<RunningMcpscope>}
 * @throws Error with mcpscope's output when it exits or prints nothing in `startTimeoutMs`
 *   (default 60 s); with the connection doctor's message and hint when the server failed.
 */
export async function startMcpscope(server = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-playwright-"));
  const bin = mcpscopeBin();
  const child = spawn(process.execPath, [bin, "--no-open", "--port", "0", "--json", "--data-dir", dataDir, ...serverArgs(server)], {
    env: { ...process.env, CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += String(d)));
  child.stderr.on("data", (d) => (output += String(d)));
  const exited = new Promise((done) => child.once("exit", done));
  /** @type {Record<string, any>} */
  const ready = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`@mcpscope/playwright: mcpscope printed no ready object in ${server.startTimeoutMs ?? 60_000} ms:\n${output}`)), server.startTimeoutMs ?? 60_000);
    child.stdout.on("data", () => {
      const line = output.split("\n").find((l) => l.startsWith("{") && output.includes(`${l}\n`));
      if (!line) return;
      clearTimeout(timer);
      done(JSON.parse(line));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`@mcpscope/playwright: mcpscope exited with ${String(code)} before it was ready:\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  if (ready.status === "failed") {
    await stop();
    throw new Error(`@mcpscope/playwright: mcpscope could not connect to the server: ${ready.error}\n${ready.hint ?? ""}\n${output}`);
  }
  return {
    url: ready.url,
    origin: ready.origin,
    port: ready.port,
    token: ready.token,
    version: ready.version,
    sessionId: ready.sessionId,
    dataDir,
    pid: child.pid ?? 0,
    output: () => output,
    stop,
  };
}
