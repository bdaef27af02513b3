// Part 1: what a tools/call costs through mcpscope, against the same call straight from the
// MCP SDK client. Every configuration talks to its own server-everything over stdio.
import { performance } from "node:perf_hooks";
import { EVERYTHING_ARGS, loadSdk } from "./lib/env.mjs";
import { onCleanup, trackPid } from "./lib/cleanup.mjs";
import { fetchClient } from "./lib/http.mjs";
import { startBareHttp } from "./lib/bareHttp.mjs";
import { startProxy } from "./lib/proxy.mjs";
import { processCpuMs, summarize } from "./lib/stats.mjs";
import { Subscriber } from "./lib/subscriber.mjs";

const ECHO = { name: "echo", arguments: { message: "bench" } };
/** Calls of a fresh process reported as its cold start. */
export const COLD_CALLS = 500;

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
  const path = `/api/sessions/${session.id}/requests`;
  const body = JSON.stringify({ method: "tools/call", params: ECHO });
  const clients = { http: proxy.http, fetch: fetchClient(proxy.base, token) };
  const bare = await startBareHttp();

  const configs = {
    direct: { label: "(a) direct: SDK Client + StdioClientTransport", call: async () => checkEcho(await direct.callTool(ECHO), "direct") },
    http: { label: `(b) REST, ${clients.http.name}`, call: async () => checkEcho((await clients.http.post(path, body)).result, "REST") },
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
    fetch: { label: `(b) REST, ${clients.fetch.name}`, call: async () => checkEcho((await clients.fetch.post(path, body)).result, "REST") },
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

  const result = {};
  for (const [key, cfg] of Object.entries(configs)) {
    result[key] = { label: cfg.label, stats: summarize(cfg.samples, cfg.wallMs), proxyCpuUsPerCall: (cfg.proxyCpuMs * 1000) / cfg.samples.length, clientCpuUsPerCall: cfg.selfCpuUs / cfg.samples.length, ...(cfg.wsCheck ? { ws: cfg.wsCheck } : {}) };
  }
  const fastest = result.http.stats.p50 <= result.fetch.stats.p50 ? "http" : "fetch";

  await direct.close();
  unregisterDirect();
  await bare.stop();
  await proxy.stop();
  return { configs: result, cold, fastest, clientNames: { http: clients.http.name, fetch: clients.fetch.name } };
}
