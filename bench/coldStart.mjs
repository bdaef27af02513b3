// Cold start (bench section 0): how long mcpscope's own start takes, from process start to
// listening, beside a bare node:http server started the same way in the same run; then
// that the ready line with a session comes at mcpscope's own start plus the server's own
// start and initialize, and not later.
//
//   node bench/coldStart.mjs [--runs <n>]      (after `pnpm build`; `pnpm bench` runs it too)
//
// Every run spawns a fresh process (file caches warm: one uncounted run of each first) and
// times spawn() → its line on stdout, in the parent; configurations take turns, run by run,
// so that a burst of load elsewhere on the machine hits all of them alike.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CLI, ROOT } from "./lib/env.mjs";
import { trackPid } from "./lib/cleanup.mjs";
import { processCpuMs } from "./lib/stats.mjs";

/** The plain-JavaScript stdio server with no dependencies (initialize, tools/list, echo). */
const PLAIN_ECHO = join(ROOT, "packages/fixtures/src/servers/plainEcho.mjs");
/** The default server's entry point (`@modelcontextprotocol/server-everything`, a dependency of apps/proxy). */
const EVERYTHING = join(dirname(createRequire(join(ROOT, "apps/proxy/package.json")).resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js");
const BARE_HTTP = "require('node:http').createServer().listen(0, '127.0.0.1', function () { console.log('listening ' + this.address().port) })";
const INITIALIZE = `${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "0" } } })}\n`;

/** Median and p90 (nearest rank) of a list of numbers. */
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { n: sorted.length, median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted.at(-1) };
}

/**
 * Spawns `node ...args`, waits for the first stdout line `accept` takes (its ms since spawn,
 * its CPU time so far), optionally writes `input`, then stops the process.
 */
async function timeOnce(args, accept, { env = {}, input } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, CI: "1", ...env }, stdio: ["pipe", "pipe", "pipe"] });
  trackPid(child.pid);
  const exited = once(child, "exit");
  let output = "";
  let errors = "";
  child.stderr.on("data", (d) => (errors += d));
  if (input) child.stdin.write(input);
  const { ms, line } = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 30 s from node ${args.join(" ")}:\n${output}${errors}`)), 30_000);
    child.stdout.on("data", (d) => {
      output += d;
      for (const l of output.split("\n").slice(0, -1)) {
        let accepted;
        try {
          accepted = accept(l);
        } catch (err) {
          clearTimeout(timer);
          reject(err);
          return;
        }
        if (accepted) {
          clearTimeout(timer);
          resolve({ ms: performance.now() - started, line: l });
          return;
        }
      }
    });
    exited.then(([code]) => reject(new Error(`node ${args.join(" ")} exited with ${code}:\n${output}${errors}`)));
  });
  const cpuMs = processCpuMs(child.pid);
  exited.catch(() => {});
  child.kill("SIGTERM");
  await exited.catch(() => {});
  return { ms, cpuMs, line };
}

/**
 * Packs apps/proxy (its build must exist) and installs the tarball with plain npm into a
 * fresh directory, as a user would: returns the installed `bin/mcpscope.mjs`.
 */
function installPackedCli(dir) {
  const tarballDir = join(dir, "tarball");
  execFileSync(process.execPath, [join(ROOT, "apps/proxy/scripts/pack.mjs"), "--out", tarballDir], { stdio: ["ignore", "ignore", "inherit"] });
  const [tarball] = readdirSync(tarballDir).filter((f) => f.endsWith(".tgz"));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|INIT_CWD$)/i.test(k)));
  const installDir = join(dir, "install");
  execFileSync("npm", ["install", "--prefix", installDir, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(tarballDir, tarball)], { env, stdio: ["ignore", "ignore", "inherit"] });
  return join(installDir, "node_modules", "mcpscope", "bin", "mcpscope.mjs");
}

/**
 * Runs the cold-start measurements `runs` times each. Returns, per configuration, the
 * summary of wall-clock ms from spawn to its line and of CPU ms at that moment:
 * `bare` (node -e node:http server, listening), `own` (mcpscope with nothing to connect to,
 * ready object printed = listening), `installed` (the same, from the packed tarball installed
 * with npm: what users run), `firstRequest` (ms from mcpscope's ready object to the
 * answer of GET /api/sessions, sent at once), `server` (the plain-echo server alone: spawn →
 * initialize answered), `withSession` (mcpscope -- node plainEcho.mjs: spawn → ready object,
 * session ready), `headless` (mcpscope tools list -- node plainEcho.mjs: spawn → the JSON
 * result), `everything` (the default server alone: spawn → initialize answered) and
 * `headlessDefault` (mcpscope tools list on the default server: spawn → the JSON result).
 */
export async function coldStart({ runs = 15, log = () => {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-bench-cold-"));
  const emptyConfig = join(dir, "mcp.json");
  writeFileSync(emptyConfig, JSON.stringify({ mcpServers: {} }));
  // A fresh data directory and code cache (dist/compileCache.cjs) for this run: the uncounted
  // first run of each configuration writes the cache, as a first start does for a user.
  const env = { XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir };
  const isJson = (l) => l.startsWith("{");
  const isResult = (l) => {
    if (!isJson(l)) return false;
    if (!JSON.parse(l).result) throw new Error(`mcpscope tools list did not print a result: ${l}`);
    return true;
  };
  log("cold start: packing mcpscope and installing the tarball with npm");
  const installedCli = installPackedCli(dir);
  const nothingToConnect = (cli) => () =>
    timeOnce([cli, "--no-open", "--port", "0", "--json", "--config", emptyConfig], isJson, { env });
  const configs = {
    bare: () => timeOnce(["-e", BARE_HTTP], (l) => l.startsWith("listening ")),
    installed: nothingToConnect(installedCli),
    own: async () => {
      // The first request goes out the moment the ready object is read; its process stays up until answered.
      const started = performance.now();
      const child = spawn(process.execPath, [CLI, "--no-open", "--port", "0", "--json", "--token", "bench", "--config", emptyConfig], { env: { ...process.env, CI: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
      trackPid(child.pid);
      const exited = once(child, "exit");
      let output = "";
      const ready = await new Promise((resolve, reject) => {
        child.stdout.on("data", (d) => {
          output += d;
          const line = output.split("\n").find((l) => isJson(l) && output.includes(`${l}\n`));
          if (line) resolve(JSON.parse(line));
        });
        exited.then(([code]) => reject(new Error(`mcpscope exited with ${code}:\n${output}`)));
      });
      const ms = performance.now() - started;
      const cpuMs = processCpuMs(child.pid);
      const asked = performance.now();
      const res = await fetch(`${ready.origin}/api/sessions`, { headers: { authorization: "Bearer bench" } });
      if (!res.ok) throw new Error(`GET /api/sessions: ${res.status}`);
      await res.json();
      const firstRequestMs = performance.now() - asked;
      child.kill("SIGTERM");
      await exited;
      return { ms, cpuMs, firstRequestMs };
    },
    server: () => timeOnce([PLAIN_ECHO], (l) => l.includes('"id":1'), { input: INITIALIZE }),
    // Headless (`mcpscope tools list`): no HTTP server, no browser; spawn → the JSON result.
    headless: () => timeOnce([CLI, "tools", "list", "--format", "json", "--", process.execPath, PLAIN_ECHO], isResult, { env }),
    everything: () => timeOnce([EVERYTHING, "stdio"], (l) => l.includes('"id":1'), { input: INITIALIZE }),
    headlessDefault: () => timeOnce([CLI, "tools", "list", "--format", "json"], isResult, { env }),
    withSession: () =>
      timeOnce([CLI, "--no-open", "--port", "0", "--json", "--", process.execPath, PLAIN_ECHO], (l) => {
        if (!isJson(l)) return false;
        const ready = JSON.parse(l);
        if (ready.status !== "ready") throw new Error(`the session did not connect: ${ready.error}`);
        return true;
      }, { env }),
  };
  const samples = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
  try {
    for (const run of Object.values(configs)) await run(); // warm file caches, uncounted
    for (let i = 0; i < runs; i++) {
      for (const [name, run] of Object.entries(configs)) samples[name].push(await run());
      if ((i + 1) % 5 === 0) log(`cold start: ${i + 1}/${runs} runs`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const wall = (name) => summary(samples[name].map((s) => s.ms));
  const cpu = (name) => (samples[name].every((s) => s.cpuMs !== undefined) ? summary(samples[name].map((s) => s.cpuMs)) : undefined);
  const result = { runs };
  for (const name of Object.keys(configs)) result[name] = { wall: wall(name), cpu: cpu(name) };
  result.firstRequest = summary(samples.own.map((s) => s.firstRequestMs));
  return result;
}

/** The mcpscope-own target (ms, median of process start → listening, as installed with npm). */
export const COLD_START_TARGET_MS = 300;

/** Adds section 0's rows to the bench table through `row(id, figure, measured, baseline, ratio, target, met)`. */
export function coldStartRows(row, r) {
  const ms = (x) => `${Math.round(x)} ms`;
  const fig = (s) => `median ${ms(s.wall.median)} · p90 ${ms(s.wall.p90)}${s.cpu ? ` (CPU ${ms(s.cpu.median)})` : ""}`;
  const ratio = (a, b) => `×${(a / b).toFixed(2)}`;
  const base = `0a: ${fig(r.bare)}`;
  row("0a", `cold start: bare node:http server (\`node -e\`), process start → listening — baseline (${r.runs} runs)`, fig(r.bare), "—", "—");
  const met = r.installed.wall.median <= COLD_START_TARGET_MS;
  row("0b", "cold start: mcpscope installed from its tarball with npm, nothing to connect to, process start → ready object (listening, every module loaded)", fig(r.installed), base, ratio(r.installed.wall.median, r.bare.wall.median), `≤ ${COLD_START_TARGET_MS} ms`, met ? "✅ yes" : "❌ no");
  row("0b′", "  the same from the repository's build (pnpm's symlinked node_modules)", fig(r.own), base, ratio(r.own.wall.median, r.bare.wall.median), "", "");
  row("0b′", "  its first request: ready object → GET /api/sessions answered", `median ${r.firstRequest.median.toFixed(1)} ms · p90 ${r.firstRequest.p90.toFixed(1)} ms`, "", "", "", "");
  row("0c", "stdio server alone (plain-echo fixture, no dependencies): process start → initialize answered", fig(r.server), "", "", "", "");
  const expected = r.own.wall.median + r.server.wall.median;
  row("0d", "mcpscope (repository build) -- node plainEcho.mjs: process start → ready object (session ready)", fig(r.withSession), `0b′ + 0c medians: ${ms(expected)}`, ratio(r.withSession.wall.median, expected), "", "");
  row("0e", "headless: `mcpscope tools list --format json -- node plainEcho.mjs`, process start → the JSON result (no HTTP server, no browser)", fig(r.headless), `0c: ${ms(r.server.wall.median)}`, ratio(r.headless.wall.median, r.server.wall.median), "", "");
  row("0f", "default server alone (@modelcontextprotocol/server-everything): process start → initialize answered", fig(r.everything), "", "", "", "");
  row("0g", "headless: `mcpscope tools list --format json` on the default server, process start → the JSON result", fig(r.headlessDefault), `0f: ${ms(r.everything.wall.median)}`, ratio(r.headlessDefault.wall.median, r.everything.wall.median), "", "");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
  const r = await coldStart({ runs: Number(values.runs), log: (l) => process.stderr.write(`[bench] ${l}\n`) });
  const rows = [];
  coldStartRows((...cells) => rows.push(cells), r);
  process.stdout.write(`| # | figure | measured | baseline (same run) | vs baseline | target | met |\n| --- | --- | --- | --- | --- | --- | --- |\n`);
  for (const cells of rows) process.stdout.write(`| ${cells.map((c) => String(c ?? "").replaceAll("|", "\\|")).join(" | ")} |\n`);
  process.exit(0);
}
