// Part 6: `mcpscope tap`, the stdio shim in front of a server. What a client pays for it,
// against the same server run directly, in the same run: the added latency per request, the
// throughput of a notification flood, and the added start-up time. The shim records to a
// running mcpscope (its own process) throughout, as in real use.
//
//   node bench/tapShim.mjs [--quick] [--profile]   (after `pnpm build`; `pnpm bench` runs it too)
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { CLI, FLOOD_ARGS, loadSdk, ROOT } from "./lib/env.mjs";
import { onCleanup, trackPid } from "./lib/cleanup.mjs";
import { buildPollRelay } from "./lib/pollRelay.mjs";
import { formatProfiles } from "./lib/profileSummary.mjs";
import { startProxy } from "./lib/proxy.mjs";
import { summarize } from "./lib/stats.mjs";

const PLAIN_ECHO = join(ROOT, "packages/fixtures/src/servers/plainEcho.mjs");
const INITIALIZE = (id) => `${JSON.stringify({ jsonrpc: "2.0", id, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "bench-tap", version: "1.0.0" } } })}\n`;
const ECHO = (id) => `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"message":"bench"}}}\n`;

const PIPE_RELAY = join(ROOT, "bench/lib/pipeRelay.mjs");

/** The command that runs `server` through a bare pipe() relay (the floor of any relay process). */
function throughPipeRelay(server) {
  return [PIPE_RELAY, process.execPath, ...server];
}

/** The command that runs `server` through the built shim, recording to `scopeUrl`. */
function throughShim(server, scopeUrl, dataDir) {
  return [CLI, "tap", "--scope-url", scopeUrl, "--data-dir", dataDir, "--name", "bench", "--", process.execPath, ...server];
}

/**
 * A stdio client with no MCP library: writes a request line, waits for the line answering its
 * id. The least a client can do per request, so that a relay's cost is not hidden in it.
 */
class LineClient {
  /** Starts `command` (default: this Node) with `args`. */
  static start(args, command = process.execPath) {
    const client = new LineClient();
    const child = (client.child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] }));
    trackPid(child.pid);
    client.exited = once(child, "exit");
    client.unregister = onCleanup(() => child.kill("SIGKILL"));
    let tail = "";
    child.stdout.on("data", (chunk) => {
      const text = tail + chunk.toString("utf8");
      const lines = text.split("\n");
      tail = lines.pop();
      for (const line of lines) {
        const waiter = client.waiting;
        if (waiter && line.includes(`"id":${waiter.id}`)) {
          client.waiting = undefined;
          waiter.resolve(line);
        }
      }
    });
    return client;
  }

  call(id, line) {
    return new Promise((resolve) => {
      this.waiting = { id, resolve };
      this.child.stdin.write(line);
    });
  }

  async stop() {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await this.exited;
    clearTimeout(timer);
    this.unregister();
  }
}

/**
 * Added latency: sequential echo calls, direct, through the shim, through the Node pipe()
 * relay and (when `cRelay` was built) through the C relay, rounds interleaved.
 */
async function latency({ n, warmup, rounds, scopeUrl, dataDir, cRelay, log }) {
  const configs = {
    direct: { label: "(a) direct: plain-echo server, raw line client", args: [PLAIN_ECHO] },
    tap: { label: "(b) through `mcpscope tap`, recording to mcpscope", args: throughShim([PLAIN_ECHO], scopeUrl, dataDir) },
    relay: { label: "(c) through a bare pipe() relay in Node, recording nothing", args: throughPipeRelay([PLAIN_ECHO]) },
    ...(cRelay.path ? { cRelay: { label: "(d) through a minimal relay in C (poll, read, write), recording nothing", command: cRelay.path, args: [process.execPath, PLAIN_ECHO] } } : {}),
  };
  for (const cfg of Object.values(configs)) {
    cfg.client = LineClient.start(cfg.args, cfg.command);
    cfg.next = 1;
    cfg.samples = [];
    cfg.wallMs = 0;
    await cfg.client.call(0, INITIALIZE(0));
  }
  const run = async (cfg, count, samples) => {
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const id = cfg.next++;
      const t = performance.now();
      const line = await cfg.client.call(id, ECHO(id));
      samples?.push((performance.now() - t) * 1000);
      if (!line.includes("bench")) throw new Error(`unexpected echo answer: ${line}`);
    }
    return performance.now() - started;
  };
  log(`tap latency: warm-up ${warmup} calls each`);
  for (const cfg of Object.values(configs)) await run(cfg, warmup);
  const perRound = Math.ceil(n / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const cfg of Object.values(configs)) {
      await run(cfg, Math.ceil(perRound / 10));
      cfg.wallMs += await run(cfg, perRound, cfg.samples);
    }
    log(`  round ${round + 1}/${rounds} done`);
  }
  const result = cRelay.path ? {} : { cRelay: { skipped: cRelay.skipped } };
  for (const [key, cfg] of Object.entries(configs)) {
    result[key] = { label: cfg.label, stats: summarize(cfg.samples, cfg.wallMs) };
    await cfg.client.stop();
  }
  return result;
}

/** A flood reader that counts newlines only (no JSON): the relay's ceiling. */
async function rawReader(args) {
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  trackPid(child.pid);
  const exited = once(child, "exit");
  const unregister = onCleanup(() => child.kill("SIGKILL"));
  let lines = 0;
  let want = 1;
  let done;
  child.stdout.on("data", (chunk) => {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    if (lines >= want) done?.();
  });
  const until = (n) => new Promise((resolve) => ((want = n), (done = resolve), lines >= n && resolve()));
  child.stdin.write(INITIALIZE(0));
  await until(1);
  child.stdin.write(`{"jsonrpc":"2.0","method":"notifications/initialized"}\n`);
  let id = 0;
  return {
    async flood(n) {
      const base = lines;
      const t0 = performance.now();
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: ++id, method: "tools/call", params: { name: "flood", arguments: { count: n } } })}\n`);
      await until(base + n + 1);
      return performance.now() - t0;
    },
    async close() {
      child.stdin.end();
      await exited;
      unregister();
    },
  };
}

/** A flood read by the MCP SDK client (what a real client does with it): call → response. */
async function sdkReader(args) {
  const { Client, StdioClientTransport } = await loadSdk();
  const client = new Client({ name: "bench-tap-sdk", version: "1.0.0" });
  let received = 0;
  client.fallbackNotificationHandler = async (n) => {
    if (n.method === "notifications/message") received++;
  };
  const transport = new StdioClientTransport({ command: process.execPath, args, stderr: "ignore" });
  const unregister = onCleanup(() => client.close());
  await client.connect(transport);
  trackPid(transport.pid);
  return {
    async flood(n) {
      received = 0;
      const t0 = performance.now();
      await client.callTool({ name: "flood", arguments: { count: n } }, undefined, { timeout: 600_000 });
      const ms = performance.now() - t0;
      if (received !== n) throw new Error(`SDK client received ${received} of ${n} notifications`);
      return ms;
    },
    async close() {
      await client.close();
      unregister();
    },
  };
}

/**
 * Floods of `count` notifications read directly, through the shim and through a bare pipe()
 * relay, taking turns round
 * by round (so that load elsewhere on the machine hits both alike), after a warm-up flood
 * each. @returns the median rate of each, in notifications per second.
 */
async function flood(open, { count, rounds, scopeUrl, dataDir }) {
  const readers = { direct: await open(FLOOD_ARGS), tap: await open(throughShim(FLOOD_ARGS, scopeUrl, dataDir)), relay: await open(throughPipeRelay(FLOOD_ARGS)) };
  const ms = { direct: [], tap: [], relay: [] };
  for (const reader of Object.values(readers)) await reader.flood(Math.max(1000, Math.round(count / 10)));
  for (let round = 0; round < rounds; round++) {
    for (const [key, reader] of Object.entries(readers)) ms[key].push(await reader.flood(count));
  }
  for (const reader of Object.values(readers)) await reader.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rate = (key) => count / (median(ms[key]) / 1000);
  return { direct: rate("direct"), tap: rate("tap"), relay: rate("relay"), rounds };
}

/** Spawn → the answer to initialize, for a server run directly and through the shim. */
async function startUp({ runs, scopeUrl, dataDir }) {
  const once1 = async (args) => {
    const t0 = performance.now();
    const client = LineClient.start(args);
    await client.call(0, INITIALIZE(0));
    const ms = performance.now() - t0;
    await client.stop();
    return ms;
  };
  const samples = { direct: [], tap: [] };
  await once1([PLAIN_ECHO]);
  await once1(throughShim([PLAIN_ECHO], scopeUrl, dataDir));
  for (let i = 0; i < runs; i++) {
    samples.direct.push(await once1([PLAIN_ECHO]));
    samples.tap.push(await once1(throughShim([PLAIN_ECHO], scopeUrl, dataDir)));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { runs, direct: median(samples.direct), tap: median(samples.tap) };
}

/**
 * Runs part 6 against a fresh mcpscope (its own process, no server of its own); with
 * `profileDir`, mcpscope writes a CPU profile there when it stops.
 * @returns latency stats, flood rates, start-up medians, and the shim bundle's size.
 */
export async function tapShim({ quick, token, log, profileDir }) {
  const proxy = await startProxy({ token, label: "tap", extraArgs: ["--no-connect"], profileDir });
  const scopeUrl = `${proxy.base}/?token=${token}`;
  const dataDir = join(proxy.stateHome, "mcpscope");
  try {
    const cRelay = buildPollRelay(mkdtempSync(join(tmpdir(), "mcpscope-bench-relay-")));
    if (cRelay.skipped) log(`tap latency: the C relay is left out: ${cRelay.skipped}`);
    const lat = await latency({ n: quick ? 2000 : 8000, warmup: quick ? 2000 : 4000, rounds: quick ? 2 : 6, scopeUrl, dataDir, cRelay, log });
    const count = quick ? 50_000 : 200_000;
    const rounds = quick ? 3 : 5;
    log(`tap flood: ${count} notifications × ${rounds} rounds, SDK client then raw reader, direct and through the shim by turns`);
    const floods = { count, sdk: await flood(sdkReader, { count, rounds, scopeUrl, dataDir }), raw: await flood(rawReader, { count, rounds, scopeUrl, dataDir }) };
    log("tap start-up: spawn → initialize answered");
    const start = await startUp({ runs: quick ? 7 : 15, scopeUrl, dataDir });
    const sessions = await proxy.http.get("/api/sessions");
    const recorded = sessions.filter((s) => s.tap).map((s) => s.lastSeq);
    return { latency: lat, flood: floods, start, shimKiB: statSync(join(ROOT, "apps/proxy/dist/tap.cjs")).size / 1024, tappedSessions: recorded.length, failedSessions: sessions.filter((s) => s.tap && s.status === "failed").length };
  } finally {
    await proxy.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, profile: { type: "boolean", default: false } } });
  const profileDir = values.profile ? mkdtempSync(join(tmpdir(), "mcpscope-bench-profile-")) : undefined;
  const result = await tapShim({ quick: values.quick, token: "bench-tap", profileDir, log: (l) => process.stderr.write(`[bench] ${l}\n`) });
  console.log(JSON.stringify(result, null, 2));
  // With --profile: where mcpscope's time went while it recorded the taps (on stderr).
  if (profileDir) process.stderr.write(formatProfiles(profileDir));
  process.exit(0);
}
