// Part 1: what a tools/call costs through mcpscope, against the same call straight from the
// MCP SDK client. Every configuration talks to its own server-everything over stdio.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { EVERYTHING_ARGS, loadSdk } from "./lib/env.mjs";
import { cleanupAll, killTracked, onCleanup, trackPid } from "./lib/cleanup.mjs";
import { fetchClient } from "./lib/http.mjs";
import { startBareHttp } from "./lib/bareHttp.mjs";
import { startProxy } from "./lib/proxy.mjs";
import { formatProfiles } from "./lib/profileSummary.mjs";
import { fmtInt, fmtLatency, fmtLatencyRatio, fmtRatio, fmtUs, processCpuMs, rssKiB, summarize } from "./lib/stats.mjs";
import { Subscriber } from "./lib/subscriber.mjs";

const ECHO = { name: "echo", arguments: { message: "bench" } };
/** Calls of a fresh process reported as its cold start. */
export const COLD_CALLS = 500;
/** REST calls after which mcpscope's RSS is compared with its idle RSS. */
export const RSS_AFTER_CALLS = 15_000;
/**
 * Targets: the REST round trip against the floor (1a direct + 1b₋ one bare HTTP hop), at p50
 * and p99; mcpscope's own CPU per call; its RSS after `RSS_AFTER_CALLS` calls against idle
 * (the recording is on disk: memory must not grow with history).
 */
export const TARGETS = { p50VsFloor: 1.5, p99VsFloor: 3, proxyCpuUsPerCall: 150, rssIdleFactor: 1.1, rssIdleSlackMiB: 10 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function checkEcho(result, where) {
  const text = result?.content?.[0]?.text;
  if (typeof text !== "string" || !text.includes("bench")) throw new Error(`${where}: unexpected echo result ${JSON.stringify(result)}`);
}

async function timeCalls(call, n, samples) {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call();
    samples.push((performance.now() - t) * 1000);
  }
  return performance.now() - started;
}

/**
 * @returns {Promise<{configs: Record<string, {label: string, stats: object, extra?: object}>, fastest: "http"|"fetch"}>}
 */
export async function proxyOverhead({ n, warmup, settle, rounds, token, profileDir, log }) {
  const { Client, StdioClientTransport } = await loadSdk();

  // (a) direct: the SDK client spawns its own server-everything.
  const direct = new Client({ name: "bench-direct", version: "1.0.0" });
  const transport = new StdioClientTransport({ command: process.execPath, args: EVERYTHING_ARGS, stderr: "ignore" });
  const unregisterDirect = onCleanup(() => direct.close());
  await direct.connect(transport);
  trackPid(transport.pid);

  // (b), (c): mcpscope's CLI in its own process, on its default session (server-everything).
  const proxy = await startProxy({ token, profileDir, label: "proxy-overhead" });
  const session = await proxy.readySession();
  // Idle: session ready, no call yet (median of a few samples once it has settled).
  await sleep(500);
  const idleSamples = [];
  for (let i = 0; i < 5; i++, await sleep(100)) idleSamples.push(rssKiB(proxy.child.pid));
  const rss = { idleKiB: idleSamples.sort((x, y) => x - y)[2], afterKiB: undefined, endKiB: undefined };
  let restCalls = 0;
  const countRestCall = () => {
    if (++restCalls === RSS_AFTER_CALLS) rss.afterKiB = rssKiB(proxy.child.pid);
  };
  const path = `/api/sessions/${session.id}/requests`;
  const body = JSON.stringify({ method: "tools/call", params: ECHO });
  const clients = { http: proxy.http, fetch: fetchClient(proxy.base, token) };
  const bare = await startBareHttp();

  const configs = {
    direct: { label: "(a) direct: SDK Client + StdioClientTransport", call: async () => checkEcho(await direct.callTool(ECHO), "direct") },
    http: {
      label: `(b) REST, ${clients.http.name}`,
      call: async () => {
        checkEcho((await clients.http.post(path, body)).result, "REST");
        countRestCall();
      },
    },
    health: {
      label: `GET /api/health, ${clients.http.name} (the HTTP hop alone: auth, routing, no MCP)`,
      call: async () => {
        if ((await clients.http.get("/api/health")).ok !== true) throw new Error("health check failed");
      },
    },
    bare: {
      label: `GET / of a bare node:http server in its own process, ${clients.http.name} (one localhost HTTP hop on this machine)`,
      pid: bare.pid,
      call: async () => {
        if ((await bare.http.get("/")).ok !== true) throw new Error("bare http server: unexpected answer");
      },
    },
    fetch: {
      label: `(b) REST, ${clients.fetch.name}`,
      call: async () => {
        checkEcho((await clients.fetch.post(path, body)).result, "REST");
        countRestCall();
      },
    },
    wsHttp: { label: `(c) REST, ${clients.http.name} + 1 WS subscriber`, client: "http", ws: true },
    wsFetch: { label: `(c) REST, ${clients.fetch.name} + 1 WS subscriber`, client: "fetch", ws: true },
  };
  for (const cfg of Object.values(configs)) {
    if (cfg.ws) cfg.call = configs[cfg.client].call;
    cfg.samples = [];
    cfg.wallMs = 0;
    cfg.proxyCpuMs = 0;
    cfg.selfCpuUs = 0;
    if (cfg.ws) cfg.wsCheck = { received: 0, missing: 0, duplicates: 0, messages: 0 };
  }

  const lastSeq = async () => (await proxy.http.get(`/api/sessions/${session.id}`)).lastSeq;

  // Warm-up to the steady state: the first few thousand calls of a fresh process (V8 compiling
  // the hot paths, the machine settling) are several times slower for every configuration,
  // direct too. The first COLD_CALLS of each are kept and reported on their own.
  log(`proxy overhead: warm-up ${warmup} calls per configuration`);
  const cold = {};
  for (const key of ["direct", "http", "health", "bare", "fetch"]) {
    const samples = [];
    await timeCalls(configs[key].call, warmup, samples);
    const first = samples.slice(0, COLD_CALLS);
    cold[key] = summarize(first, first.reduce((sum, us) => sum + us, 0) / 1000);
  }

  const perRound = Math.ceil(n / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const [key, cfg] of Object.entries(configs)) {
      let sub;
      if (cfg.ws) {
        sub = await Subscriber.open(proxy.base, token);
        sub.subscribe(session.id, 0);
        await sub.waitForSeq(await lastSeq(), 10_000); // the backlog first, then measure
        sub.resetCounts();
      }
      // After a switch from another configuration the machine takes a few hundred calls to
      // settle again (which process runs on which core, how idle cores wake): not counted.
      await timeCalls(cfg.call, settle, []);
      const serverPid = key === "direct" ? undefined : (cfg.pid ?? proxy.child.pid);
      const cpuBefore = serverPid && processCpuMs(serverPid);
      const selfBefore = process.cpuUsage();
      cfg.wallMs += await timeCalls(cfg.call, perRound, cfg.samples);
      const self = process.cpuUsage(selfBefore);
      cfg.selfCpuUs += self.user + self.system;
      if (serverPid) cfg.proxyCpuMs += processCpuMs(serverPid) - cpuBefore;
      if (sub) {
        await sub.waitForSeq(await lastSeq(), 10_000);
        for (const k of Object.keys(cfg.wsCheck)) cfg.wsCheck[k] += sub[k];
        if (sub.errors.length) throw new Error(`WebSocket errors: ${JSON.stringify(sub.errors)}`);
        await sub.close();
      }
      log(`  round ${round + 1}/${rounds}: ${key} done`);
    }
  }

  // Short runs (a small --n) make up the calls the RSS figure is taken after.
  while (restCalls < RSS_AFTER_CALLS) await configs.http.call();
  rss.endKiB = rssKiB(proxy.child.pid);
  rss.calls = restCalls;

  const result = {};
  for (const [key, cfg] of Object.entries(configs)) {
    result[key] = { label: cfg.label, stats: summarize(cfg.samples, cfg.wallMs), proxyCpuUsPerCall: (cfg.proxyCpuMs * 1000) / cfg.samples.length, clientCpuUsPerCall: cfg.selfCpuUs / cfg.samples.length, ...(cfg.wsCheck ? { ws: cfg.wsCheck } : {}) };
  }
  const fastest = result.http.stats.p50 <= result.fetch.stats.p50 ? "http" : "fetch";

  await direct.close();
  unregisterDirect();
  await bare.stop();
  await proxy.stop();
  return { configs: result, cold, fastest, rss, clientNames: { http: clients.http.name, fetch: clients.fetch.name } };
}

const yes = (ok) => (ok ? "✅ yes" : "❌ no");
const us = fmtUs;
const lat = fmtLatency;
const vs = fmtLatencyRatio;
const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;

/** Adds section 1's rows to the bench table through `row(id, figure, measured, baseline, ratio, target, met)`. */
export function proxyOverheadRows(row, overhead) {
  const c = overhead.configs;
  const a = c.direct.stats;
  const bare = c.bare.stats;
  const fastKey = overhead.fastest;
  const slowKey = fastKey === "http" ? "fetch" : "http";
  const wsKey = (k) => (k === "http" ? "wsHttp" : "wsFetch");
  const baseA = `1a: ${lat(a)}`;
  // The floor of a REST call: the direct call plus one bare localhost HTTP hop.
  const floor = { p50: a.p50 + bare.p50, p99: a.p99 + bare.p99 };
  const baseFloor = `1a + 1b₋: p50 ${us(floor.p50)} · p99 ${us(floor.p99)} µs`;

  row("1a", `echo round trip, ${c.direct.label} — baseline`, lat(a), "—", "—");
  row("1a", "  CPU per call: load generator (SDK client + stdio)", `${us(c.direct.clientCpuUsPerCall)} µs`, "", "", "", "");
  const overheadRows = (id, cfg, judged) => {
    const s = cfg.stats;
    row(id, `echo round trip, ${cfg.label}${judged ? "" : " (slower client, for reference)"}`, lat(s), baseA, vs(s, a));
    row(id, "  p50 against the floor (1a + 1b₋)", `p50 ${us(s.p50)} µs (+${us(s.p50 - floor.p50)})`, baseFloor, fmtRatio(s.p50 / floor.p50), judged ? `≤ ×${TARGETS.p50VsFloor}` : "", judged ? yes(s.p50 <= TARGETS.p50VsFloor * floor.p50) : "");
    row(id, "  p99 against the floor (1a + 1b₋)", `p99 ${us(s.p99)} µs`, baseFloor, fmtRatio(s.p99 / floor.p99), judged ? `≤ ×${TARGETS.p99VsFloor}` : "", judged ? yes(s.p99 <= TARGETS.p99VsFloor * floor.p99) : "");
    row(id, "  CPU per call: mcpscope process · load generator (client)", `${us(cfg.proxyCpuUsPerCall)} · ${us(cfg.clientCpuUsPerCall)} µs`, `1b₋ server ${us(c.bare.proxyCpuUsPerCall)} µs; 1a client ${us(c.direct.clientCpuUsPerCall)} µs`, "", judged ? `mcpscope ≤ ${TARGETS.proxyCpuUsPerCall} µs` : "", judged ? yes(cfg.proxyCpuUsPerCall <= TARGETS.proxyCpuUsPerCall) : "");
    if (cfg.ws) {
      const w = cfg.ws;
      row(id, "  frames the subscriber received while measuring", `${fmtInt(w.received)} frames in ${fmtInt(w.messages)} messages, ${w.missing} missing, ${w.duplicates} duplicate`, "", "", judged ? "0 missing" : "", judged ? yes(w.missing === 0 && w.duplicates === 0) : "");
    }
  };
  overheadRows("1b", c[fastKey], true);
  const h = c.health.stats;
  row("1b₀", `floor: ${c.health.label}`, lat(h), baseA, vs(h, a));
  row("1b₀", "  CPU per call: mcpscope process · load generator (client)", `${us(c.health.proxyCpuUsPerCall)} · ${us(c.health.clientCpuUsPerCall)} µs`, "", "", "", "");
  row("1b₀", "  1b p50 minus this floor (the session/MCP part of the overhead)", `${us(c[fastKey].stats.p50 - h.p50)} µs`, "", "", "", "");
  row("1b₋", `floor: ${c.bare.label}`, lat(bare), baseA, vs(bare, a));
  row("1b₋", "  CPU per call: server process · load generator (client)", `${us(c.bare.proxyCpuUsPerCall)} · ${us(c.bare.clientCpuUsPerCall)} µs`, "", "", "", "");
  overheadRows("1c", c[wsKey(fastKey)], true);
  const r = overhead.rss;
  const rssLimitKiB = TARGETS.rssIdleFactor * r.idleKiB + TARGETS.rssIdleSlackMiB * 1024;
  row("1e", `mcpscope RSS after ${fmtInt(RSS_AFTER_CALLS)} REST calls (VmRSS) · after all ${fmtInt(r.calls)}`, `${mib(r.afterKiB)} · ${mib(r.endKiB)}`, `idle (session ready, no call yet) ${mib(r.idleKiB)}`, fmtRatio(r.afterKiB / r.idleKiB), `≤ ×${TARGETS.rssIdleFactor} idle + ${TARGETS.rssIdleSlackMiB} MiB (${mib(rssLimitKiB)})`, yes(r.afterKiB <= rssLimitKiB));
  const cold = overhead.cold;
  row("1d", `cold start: the first ${COLD_CALLS} calls of a fresh process (in the warm-up), (a) direct`, lat(cold.direct), "", "", "", "");
  row("1d", `  the first ${COLD_CALLS} calls through a fresh mcpscope, (b) REST, ${overhead.clientNames.http}`, lat(cold.http), `1d (a): ${lat(cold.direct)}`, vs(cold.http, cold.direct));
  row("1d", "  p50 overhead above direct, cold (not judged: the target is the steady state)", `+${us(cold.http.p50 - cold.direct.p50)} µs`, `1d (a) p50 ${us(cold.direct.p50)} µs`, fmtRatio(cold.http.p50 / cold.direct.p50), "", "");
  overheadRows("1b′", c[slowKey], false);
  overheadRows("1c′", c[wsKey(slowKey)], false);
}

// Run alone: node bench/proxyOverhead.mjs [--quick] [--n <calls>] [--profile]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, n: { type: "string" }, profile: { type: "boolean", default: false } } });
  const quick = values.quick;
  const log = (l) => process.stderr.write(`[bench] ${l}\n`);
  const profileDir = values.profile ? mkdtempSync(join(tmpdir(), "mcpscope-bench-profile-")) : undefined;
  process.on("exit", killTracked);
  const overhead = await proxyOverhead({
    n: Number(values.n ?? (quick ? 1000 : 4000)),
    warmup: quick ? 4000 : 6000,
    settle: quick ? 400 : 500,
    rounds: quick ? 2 : 8,
    token: randomBytes(16).toString("hex"),
    profileDir,
    log,
  });
  const rows = [];
  proxyOverheadRows((...cells) => rows.push(cells), overhead);
  process.stdout.write(`| # | figure | measured | baseline (same run) | vs baseline | target | met |\n| --- | --- | --- | --- | --- | --- | --- |\n`);
  for (const cells of rows) process.stdout.write(`| ${cells.map((x) => String(x ?? "").replaceAll("|", "\\|")).join(" | ")} |\n`);
  await cleanupAll();
  if (profileDir) process.stdout.write(formatProfiles(profileDir, 500));
  process.exit(0);
}
