// Part 2: notification floods. The flood fixture writes pre-serialized JSON-RPC lines in
// 64 KiB chunks, so the reader is what is measured: a raw pipe reader (the ceiling), a bare
// SDK client (the baseline), mcpscope's recording, and mcpscope's WebSocket delivery.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { FLOOD_ARGS, loadSdk } from "./lib/env.mjs";
import { onCleanup, trackPid } from "./lib/cleanup.mjs";
import { startProxy } from "./lib/proxy.mjs";
import { Subscriber } from "./lib/subscriber.mjs";

const floodCall = (id, count) => JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "flood", arguments: { count } } }) + "\n";

/** The fixture's own summary from the tool result: `{count, mode, writeMs}`. */
function floodSummary(result, count, where) {
  const summary = JSON.parse(result?.content?.[0]?.text ?? "null");
  if (summary?.count !== count) throw new Error(`${where}: unexpected flood result ${JSON.stringify(result)}`);
  return summary;
}

/**
 * Ceiling: the flood read by a reader that only counts newlines (no JSON parsing) — the
 * fixture's own write rate through the pipe.
 */
async function rawPipe(counts) {
  const child = spawn(process.execPath, FLOOD_ARGS, { stdio: ["pipe", "pipe", "ignore"] });
  trackPid(child.pid);
  const exited = once(child, "exit");
  const unregister = onCleanup(() => child.kill("SIGKILL"));
  let onChunk;
  child.stdout.on("data", (chunk) => onChunk(chunk));
  const readLines = (lines) =>
    new Promise((resolve) => {
      let seen = 0;
      let tail = "";
      onChunk = (chunk) => {
        let at = chunk.indexOf(10);
        while (at !== -1) {
          seen++;
          at = chunk.indexOf(10, at + 1);
        }
        tail = (tail + chunk.toString("utf8", Math.max(0, chunk.length - 4096))).slice(-8192);
        if (seen >= lines) resolve(tail.trimEnd().split("\n").at(-1));
      };
    });

  child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench-raw", version: "1.0.0" } } }) + "\n");
  await readLines(1);
  child.stdin.write(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) + "\n");
  const results = [];
  for (const [i, count] of counts.entries()) {
    const done = readLines(count + 1); // the notifications, then the response
    const t0 = performance.now();
    child.stdin.write(floodCall(i + 1, count));
    const last = JSON.parse(await done);
    const ms = performance.now() - t0;
    const summary = floodSummary(last.result, count, "raw pipe");
    results.push({ count, ms, rate: count / (ms / 1000), serverWriteRate: count / (summary.writeMs / 1000) });
  }
  child.kill("SIGTERM");
  await exited;
  unregister();
  return results.at(-1);
}

/** Baseline: a bare MCP SDK client counting notifications in its fallback handler. */
async function sdkClient(counts) {
  const { Client, StdioClientTransport } = await loadSdk();
  const client = new Client({ name: "bench-sdk", version: "1.0.0" });
  let received = 0;
  client.fallbackNotificationHandler = async (n) => {
    if (n.method === "notifications/message") received++;
  };
  const transport = new StdioClientTransport({ command: process.execPath, args: FLOOD_ARGS, stderr: "ignore" });
  const unregister = onCleanup(() => client.close());
  await client.connect(transport);
  trackPid(transport.pid);
  const results = [];
  for (const count of counts) {
    received = 0;
    const t0 = performance.now();
    const result = await client.callTool({ name: "flood", arguments: { count } }, undefined, { timeout: 120_000 });
    await new Promise((r) => setImmediate(r)); // handlers run on microtasks
    const ms = performance.now() - t0;
    floodSummary(result, count, "SDK client");
    results.push({ count, ms, rate: received / (ms / 1000), received });
  }
  await client.close();
  unregister();
  return results.at(-1);
}

/** mcpscope: recording alone, then recording while one WebSocket subscriber follows. */
async function throughProxy(counts, { token, profileDir, log }) {
  const proxy = await startProxy({ token, command: [process.execPath, ...FLOOD_ARGS], profileDir, label: "proxy-throughput" });
  try {
    const session = await proxy.readySession();
    const info = () => proxy.http.get(`/api/sessions/${session.id}`);
    const path = `/api/sessions/${session.id}/requests`;
    const flood = async (count) => {
      const before = (await info()).lastSeq;
      const t0 = performance.now();
      const answer = await proxy.http.post(path, { method: "tools/call", params: { name: "flood", arguments: { count } }, timeoutMs: 120_000 });
      const ms = performance.now() - t0;
      if (answer.error) throw new Error(`flood through mcpscope: ${JSON.stringify(answer.error)}`);
      floodSummary(answer.result, count, "mcpscope");
      const after = (await info()).lastSeq;
      // request out + count notifications in + response in
      if (after - before !== count + 2) throw new Error(`mcpscope recorded ${after - before} frames for a flood of ${count} (expected ${count + 2})`);
      return { before, after, t0, ms, frames: after - before, rate: count / (ms / 1000) };
    };

    for (const count of counts.slice(0, -1)) await flood(count); // warm-up
    const count = counts.at(-1);
    log(`stream throughput: mcpscope recording, ${count} notifications`);
    const recording = await flood(count);

    const follow = async (encoding) => {
      log(`stream throughput: mcpscope + WebSocket subscriber (${encoding}), ${count} notifications`);
      const sub = await Subscriber.open(proxy.base, token);
      try {
        const since = (await info()).lastSeq;
        sub.subscribe(session.id, since, encoding);
        // Warm the subscriber path with a small flood, then measure a full one.
        const warm = await flood(counts[0]);
        await sub.waitForSeq(warm.after, 30_000);
        sub.resetCounts();
        const measured = await flood(count);
        const lastAt = await sub.waitForSeq(measured.after, 60_000);
        const deliveryMs = lastAt - measured.t0;
        return {
          recording: measured,
          delivery: {
            count,
            ms: deliveryMs,
            rate: sub.received / (deliveryMs / 1000),
            received: sub.received,
            expected: measured.frames,
            notifications: sub.notifications,
            missing: sub.missing + (measured.after - sub.lastSeq),
            duplicates: sub.duplicates,
            messages: sub.messages,
            parseMs: sub.parseMs,
            errors: sub.errors,
          },
        };
      } finally {
        await sub.close();
      }
    };
    const json = await follow("json");
    // The web app's encoding: the recording's lines as written, read back by offset.
    const jsonl = await follow("jsonl");
    return { recording, recordingWithSubscriber: json.recording, delivery: json.delivery, recordingWithLinesSubscriber: jsonl.recording, linesDelivery: jsonl.delivery };
  } finally {
    await proxy.stop();
  }
}

export async function streamThroughput({ count, token, profileDir, log }) {
  const counts = [Math.max(1000, Math.round(count / 10)), count];
  log(`stream throughput: raw pipe reader, ${count} notifications`);
  const raw = await rawPipe(counts);
  log(`stream throughput: bare SDK client, ${count} notifications`);
  const sdk = await sdkClient(counts);
  const proxy = await throughProxy(counts, { token, profileDir, log });
  return { count, raw, sdk, ...proxy };
}
