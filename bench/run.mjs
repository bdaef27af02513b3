#!/usr/bin/env node
// `pnpm bench`: mcpscope's cold start, proxy overhead, stream throughput and memory under a
// sustained flood, each figure beside its baseline measured in the same run. See bench/README.md.
//
//   node bench/run.mjs [--quick] [--n <calls>] [--count <notifications>] [--flood-seconds <s>] [--profile]
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cleanupAll, killTracked } from "./lib/cleanup.mjs";
import { machineInfo, ROOT } from "./lib/env.mjs";
import { formatProfiles } from "./lib/profileSummary.mjs";
import { fmtInt, fmtLatency as lat, fmtLatencyRatio as vs, fmtRatio, fmtUs as us } from "./lib/stats.mjs";
import { coldStart, coldStartRows } from "./coldStart.mjs";
import { floodMemory } from "./floodMemory.mjs";
import { timelineScale } from "./timelineScale.mjs";
import { COLD_CALLS, proxyOverhead, proxyOverheadRows } from "./proxyOverhead.mjs";
import { streamThroughput } from "./streamThroughput.mjs";
import { bundleSize } from "./bundleSize.mjs";
import { tapShim } from "./tapShim.mjs";

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    n: { type: "string" },
    count: { type: "string" },
    "flood-seconds": { type: "string" },
    profile: { type: "boolean", default: false },
  },
});
const quick = opts.quick;
const settings = {
  n: Number(opts.n ?? (quick ? 1000 : 4000)),
  // Past the ~3,000 calls a fresh process takes to reach its steady state here.
  warmup: quick ? 4000 : 6000,
  // …and past the few hundred it takes to settle after switching from another configuration.
  settle: quick ? 400 : 500,
  rounds: quick ? 2 : 8,
  count: Number(opts.count ?? (quick ? 50_000 : 200_000)),
  floodSeconds: Number(opts["flood-seconds"] ?? (quick ? 10 : 60)),
};
// The slow subscriber stops reading 1 s into the sustained flood, for a third of it.
settings.pauseSeconds = Math.max(1, Math.round(settings.floodSeconds / 3));
if (!(settings.floodSeconds > 0)) throw new Error("--flood-seconds must be a positive number");
// Parts 1–2, then part 3: its flood, the subscriber's catch-up and the proxy's start/stop.
// The timeline section (Chromium) keeps to its own budget: 80 s quick, 220 s full.
const WATCHDOG_MS = ((quick ? 180 : 420) + settings.floodSeconds + settings.pauseSeconds + 30 + (quick ? 100 : 250)) * 1000 * (opts.profile ? 2 : 1);
const TARGETS = { recordPerSec: 50_000, deliverPerSec: 20_000, growthBytesPerFrame: 64, judgeFromFrames: 1_000_000, tapAddedUs: 50, tapThroughput: 0.95 };

const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const token = randomBytes(16).toString("hex");
const profileDir = opts.profile ? mkdtempSync(join(tmpdir(), "mcpscope-bench-profile-")) : undefined;

let finished = false;
let loadAtStart;
const abort = async (reason, code = 1) => {
  if (finished) return;
  finished = true;
  log(reason);
  await cleanupAll();
  process.exit(code);
};
const watchdog = setTimeout(() => abort(`timed out after ${WATCHDOG_MS / 1000} s; stopped everything`), WATCHDOG_MS);
process.on("SIGINT", () => abort("interrupted"));
process.on("SIGTERM", () => abort("terminated"));
process.on("exit", killTracked);

const yes = (ok) => (ok ? "✅ yes" : "❌ no");
const perSec = (x) => `${fmtInt(x)} frames/s`;

function buildTable(start, overhead, flood, memory, timeline, bundle, tap) {
  const rows = [];
  const row = (id, figure, measured, baseline = "", ratio = "", target = "", met = "") => rows.push([id, figure, measured, baseline, ratio, target, met]);
  coldStartRows(row, start);
  proxyOverheadRows(row, overhead);

  const sdk = flood.sdk;
  const rec = flood.recording;
  const recSub = flood.recordingWithSubscriber;
  const del = flood.delivery;
  const n = fmtInt(flood.count);
  row("2", `${n} notifications: flood fixture → raw pipe reader (counts newlines; the fixture's write ceiling)`, perSec(flood.raw.rate), `fixture write loop ${perSec(flood.raw.serverWriteRate)}`, "—");
  row("2", `${n} notifications: bare SDK Client (fallbackNotificationHandler) — baseline`, perSec(sdk.rate), `${fmtInt(sdk.received)} received`, "—");
  row("2(i)", `${n} notifications recorded by mcpscope (call → response, lastSeq +${fmtInt(rec.frames)})`, perSec(rec.rate), `SDK client ${perSec(sdk.rate)}`, fmtRatio(rec.rate / sdk.rate), `≥ ${fmtInt(TARGETS.recordPerSec)} frames/s`, yes(rec.rate >= TARGETS.recordPerSec));
  row("2(i)", `  same, while 1 WebSocket subscriber follows`, perSec(recSub.rate), `SDK client ${perSec(sdk.rate)}`, fmtRatio(recSub.rate / sdk.rate), `≥ ${fmtInt(TARGETS.recordPerSec)} frames/s`, yes(recSub.rate >= TARGETS.recordPerSec));
  row("2(ii)", `${n} notifications delivered to the WebSocket subscriber (call → last frame received)`, perSec(del.rate), `recording ${perSec(recSub.rate)}`, fmtRatio(del.rate / recSub.rate), `≥ ${fmtInt(TARGETS.deliverPerSec)} frames/s`, yes(del.rate >= TARGETS.deliverPerSec));
  row("2(ii)", `  seq check at the subscriber`, `${fmtInt(del.received)} of ${fmtInt(del.expected)} frames (${fmtInt(del.notifications)} notifications) in ${fmtInt(del.messages)} messages; ${del.missing} missing, ${del.duplicates} duplicate`, "", "", "0 missing", yes(del.missing === 0 && del.duplicates === 0 && del.received === del.expected));
  const recLines = flood.recordingWithLinesSubscriber;
  const linesDel = flood.linesDelivery;
  row("2(i)", `  same, while 1 \`jsonl\` subscriber follows (the web app's encoding: the recording's lines, read back by offset)`, perSec(recLines.rate), `SDK client ${perSec(sdk.rate)}`, fmtRatio(recLines.rate / sdk.rate), `≥ ${fmtInt(TARGETS.recordPerSec)} frames/s`, yes(recLines.rate >= TARGETS.recordPerSec));
  row("2(ii)", `${n} notifications delivered to the \`jsonl\` subscriber (call → last frame received)`, perSec(linesDel.rate), `recording ${perSec(recLines.rate)}; json subscriber ${perSec(del.rate)}`, fmtRatio(linesDel.rate / del.rate), `≥ ${fmtInt(TARGETS.deliverPerSec)} frames/s`, yes(linesDel.rate >= TARGETS.deliverPerSec));
  row("2(ii)", `  seq check at the \`jsonl\` subscriber`, `${fmtInt(linesDel.received)} of ${fmtInt(linesDel.expected)} frames (${fmtInt(linesDel.notifications)} notifications) in ${fmtInt(linesDel.messages)} messages; ${linesDel.missing} missing, ${linesDel.duplicates} duplicate${linesDel.errors.length ? `; ${linesDel.errors[0].message}` : ""}`, "", "", "0 missing", yes(linesDel.missing === 0 && linesDel.duplicates === 0 && linesDel.received === linesDel.expected && linesDel.errors.length === 0));

  memoryRows(row, memory);
  tapRows(row, tap);
  for (const r of timeline.rows) rows.push(r);
  for (const r of bundle.rows) rows.push(r);

  const header = ["#", "figure", "measured", "baseline (same run)", "vs baseline", "target", "met"];
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const r of rows) lines.push(`| ${r.map((x) => String(x).replaceAll("|", "\\|")).join(" | ")} |`);
  const allMet = rows.every((r) => !r[6] || r[6].startsWith("✅"));
  return { markdown: lines.join("\n"), allMet };
}

function tapRows(row, t) {
  const l = t.latency;
  const a = l.direct.stats;
  const b = l.tap.stats;
  const added = b.p50 - a.p50;
  row("6a", `echo round trip, ${l.direct.label} — baseline`, lat(a), "—", "—");
  row("6b", `echo round trip, ${l.tap.label}`, lat(b), `6a: ${lat(a)}`, vs(b, a));
  row("6b", "  p50 added by the shim", `+${us(added)} µs`, `6a p50 ${us(a.p50)} µs`, fmtRatio(b.p50 / a.p50), `≤ ${TARGETS.tapAddedUs} µs`, yes(added <= TARGETS.tapAddedUs));
  const c = l.relay.stats;
  row("6b′", `echo round trip, ${l.relay.label}: the floor of any relay process`, lat(c), `6a: ${lat(a)}`, vs(c, a));
  row("6b′", "  p50 added by the bare relay · the shim's p50 against it", `+${us(c.p50 - a.p50)} µs · ${b.p50 >= c.p50 ? "+" : "−"}${us(Math.abs(b.p50 - c.p50))} µs`, `6a p50 ${us(a.p50)} µs`, fmtRatio(b.p50 / c.p50));
  const d = l.cRelay;
  if (d?.stats) {
    row("6b″", `echo round trip, ${d.label}: a relay without a JavaScript runtime`, lat(d.stats), `6a: ${lat(a)}`, vs(d.stats, a));
    row("6b″", "  p50 added by the C relay · the shim's p50 against it", `+${us(d.stats.p50 - a.p50)} µs · ${b.p50 >= d.stats.p50 ? "+" : "−"}${us(Math.abs(b.p50 - d.stats.p50))} µs`, `6a p50 ${us(a.p50)} µs`, fmtRatio(b.p50 / d.stats.p50));
  } else if (d?.skipped) row("6b″", "echo round trip through a minimal relay in C", `not measured: ${d.skipped}`, "", "");
  const f = t.flood;
  const n = fmtInt(f.count);
  const sdkRatio = f.sdk.tap / f.sdk.direct;
  row("6c", `${n} notifications read by the SDK client, direct — baseline (median of ${f.sdk.rounds}, by turns)`, `${fmtInt(f.sdk.direct)} notifications/s`, "—", "—");
  row("6c", `  same, through \`mcpscope tap\` recording to mcpscope`, `${fmtInt(f.sdk.tap)} notifications/s`, `${fmtInt(f.sdk.direct)}/s direct`, fmtRatio(sdkRatio), `≥ ×${TARGETS.tapThroughput}`, yes(sdkRatio >= TARGETS.tapThroughput));
  row("6c", `  same, through a bare pipe() relay recording nothing (the relay floor)`, `${fmtInt(f.sdk.relay)} notifications/s`, `${fmtInt(f.sdk.direct)}/s direct`, fmtRatio(f.sdk.relay / f.sdk.direct));
  row("6c′", `${n} notifications read by a reader that counts newlines (the relay's ceiling): direct · through the shim · through the bare relay`, `${fmtInt(f.raw.direct)} · ${fmtInt(f.raw.tap)} · ${fmtInt(f.raw.relay)} notifications/s`, "", `${fmtRatio(f.raw.tap / f.raw.direct)} · ${fmtRatio(f.raw.relay / f.raw.direct)}`);
  row("6d", `start-up: spawn → the answer to initialize, plain-echo server: direct · through the shim (median of ${t.start.runs})`, `${t.start.direct.toFixed(0)} · ${t.start.tap.toFixed(0)} ms`, "", `+${(t.start.tap - t.start.direct).toFixed(0)} ms`);
  row("6d", "  the shim's bundle (dist/tap.cjs: no Fastify, SDK or zod)", `${t.shimKiB.toFixed(0)} KiB`, "dist/main.cjs: the whole CLI", "");
  row("6e", "  tapped sessions mcpscope recorded during part 6 · failed", `${t.tappedSessions} · ${t.failedSessions}`, "", "", "0 failed", yes(t.failedSessions === 0));
}

function memoryRows(row, m) {
  const mib = (x) => `${fmtInt(x)} MiB`;
  const sec = (x) => `${x.toFixed(1)} s`;
  const p = m.proxy;
  const f = m.frames;
  const s = m.subscriber;
  const r = m.responsiveness;
  const idle = `idle ${mib(p.baselineMiB)}`;
  const g = p.growth;
  // A 10 s flood cannot tell a leak from the heap still sizing up: judged from 1M frames on.
  const judged = g.envelopeBytesPerFrame !== undefined && g.buckets >= 4 && g.frames >= TARGETS.judgeFromFrames;
  const bounded = judged && g.envelopeBytesPerFrame < TARGETS.growthBytesPerFrame;
  const met = judged ? yes(bounded) : "";
  const bpf = (x) => (x === undefined ? "—" : `${x >= 0 ? "+" : ""}${x.toFixed(1)} B/frame`);
  const dur = `${sec(m.floodSeconds)} flood`;
  row("3", `mcpscope RSS, idle: flood session open, subscriber attached, before the flood — baseline`, mib(p.baselineMiB), "—", "—");
  row("3", `mcpscope RSS during a ${dur} (VmRSS every 250 ms): peak · end of flood · 1 s after the subscriber caught up`, `peak ${mib(p.peakMiB)} (at ${sec(p.peakAtS)}, lastSeq ${fmtInt(p.peakAtSeq)}) · ${mib(p.endMiB)} · ${mib(p.settledMiB)}`, idle, `peak ${fmtRatio(p.peakMiB / p.baselineMiB)}`, judged ? "bounded" : `bounded (judged from ${fmtInt(TARGETS.judgeFromFrames)} frames)`, met);
  row("3", `  bound observed: peak RSS while lastSeq grew to ${fmtInt(f.finalSeq)} (${fmtInt(f.recordingMiB)} MiB on disk); peaks of the 1st · 2nd half`, `under ${mib(Math.ceil(p.overallPeakMiB / 10) * 10)}; ${mib(p.firstHalfPeakMiB)} · ${mib(p.secondHalfPeakMiB)}`, idle, "", "", "");
  row("3", `  RSS growth per frame recorded after the first ${fmtInt(g.rampS)} s: slope of the lowest RSS per ${fmtInt(g.bucketS)} s (after GCs; a leak raises it) · of every sample; troughs min–max`, `${bpf(g.envelopeBytesPerFrame)} · ${bpf(g.allBytesPerFrame)} over ${fmtInt(g.frames)} frames; ${g.troughMinMiB === undefined ? "—" : `${mib(g.troughMinMiB)}–${mib(g.troughMaxMiB)}`}`, idle, "", `< ${TARGETS.growthBytesPerFrame} B/frame (its file index costs 8)`, met);
  row("3", `flood fixture (server) RSS: peak · end of flood (it waits for its pipe to drain, so it buffers at most a chunk)`, `${mib(m.server.peakMiB)} · ${mib(m.server.endMiB)}`, `idle ${mib(m.server.baselineMiB)}`, fmtRatio(m.server.peakMiB / m.server.baselineMiB));
  row("3", `frames recorded: lastSeq growth (${m.calls} calls of flood {count: ${fmtInt(m.countPerCall)}})`, `+${fmtInt(f.grew)} in ${sec(m.floodSeconds)}: ${perSec(f.rate)}`, `expected lastSeq ${fmtInt(f.expectedSeq)}`, f.finalSeq === f.expectedSeq ? "= expected" : `${fmtInt(f.finalSeq - f.expectedSeq)} off`);
  row("3", `  frames lost: lastSeq − frame lines in the recording file (after the last response)`, `${fmtInt(f.lost)} (${fmtInt(f.onDisk)} of ${fmtInt(f.finalSeq)} on disk ${fmtInt(f.diskCaughtUpMs)} ms after the last response)`, "", "", "0", yes(f.lost === 0));
  const paused = r.recordingWhilePaused;
  const catching = r.recordingWhileCatchingUp;
  row("3", `  recording rate while the slow subscriber was paused · while it caught up (file lines/s)`, `${paused ? perSec(paused.rate) : "—"} · ${catching ? `${perSec(catching.rate)} for ${sec(catching.seconds)}` : "— (caught up after the flood)"}`, `whole flood ${perSec(f.rate)}`, catching ? fmtRatio(catching.rate / f.rate) : "");
  row("3", `  GET /api/sessions/:id during the flood (one at a time, every 250 ms): median · slowest answer`, `${fmtInt(r.medianGetMs)} ms · ${fmtInt(r.slowestGetMs)} ms (sent at ${sec(r.slowestGetAtS)}; ${r.polls} polls)`, `idle ${r.idleGetMs.toFixed(1)} ms`, `slowest ${fmtRatio(r.slowestGetMs / r.idleGetMs)}`);
  const caught = s.caughtUpAfterFloodEndS;
  const span = (x) => (Math.abs(x) < 1 ? `${fmtInt(Math.abs(x) * 1000)} ms` : sec(Math.abs(x)));
  const when = caught === undefined ? `did not catch up: ${s.catchUpError}` : `${span(caught)} ${caught >= 0 ? "after" : "before"} the flood's end (the last call's answer)`;
  row("3", `slow subscriber: stopped reading at ${sec(s.pausedFromS ?? 0)} for ${sec(s.pausedS)} (socket paused), then resumed; up to ${fmtInt(s.maxBehind)} frames behind`, `caught up ${when}${s.closeS !== undefined ? `; within 20,000 frames of live at ${sec(s.closeS)}` : ""}`, "", "", "", "");
  row("3", `  seq check at the slow subscriber (from seq 1)`, `${fmtInt(s.received)} of ${fmtInt(s.expected)} frames in ${fmtInt(s.messages)} messages; ${s.missing} missing, ${s.duplicates} duplicate`, "", "", "0 missing", yes(s.missing === 0 && s.duplicates === 0 && s.received === s.expected));
}

try {
  const machine = machineInfo();
  log(`${machine.cpu}, ${machine.cores} cores, node ${machine.node}; ${quick ? "quick" : "full"} run: ${JSON.stringify(settings)}`);
  const started = performance.now();
  loadAtStart = os.loadavg()[0].toFixed(2);
  const start = await coldStart({ runs: quick ? 7 : 15, log });
  const overhead = await proxyOverhead({ ...settings, token, profileDir, log });
  const flood = await streamThroughput({ count: settings.count, token, profileDir, log });
  const memory = await floodMemory({ seconds: settings.floodSeconds, pauseSeconds: settings.pauseSeconds, token, profileDir, log });
  const tap = await tapShim({ quick, token, log });
  const seconds = (performance.now() - started) / 1000;
  const timeline = await timelineScale({ quick, log, token, profile: Boolean(opts.profile) });
  const bundle = await bundleSize({ log });
  const { markdown, allMet } = buildTable(start, overhead, flood, memory, timeline, bundle, tap);

  const fastName = overhead.clientNames[overhead.fastest];
  const notes = [
    `- Cold start (0): ${start.runs} fresh processes of each, taking turns; wall time from spawn() to the process's line on stdout, measured by this script; CPU is the process's user + system time at that moment (all its threads, 10 ms ticks). with nothing to connect to (an empty \`--config\`) in 0b/0b′: 0b from the packed tarball installed with npm into a temporary directory (as users get it), 0b′ and 0d from the repository's build (\`pnpm build\`).`,
    `- Mode: ${quick ? "`--quick`" : "full"}; ${fmtInt(settings.n)} sequential \`tools/call echo\` per configuration after ${fmtInt(settings.warmup)} warm-up calls (a fresh process needs about 3,000 to reach its steady state here; 1d shows the first ${COLD_CALLS}), in ${settings.rounds} interleaved round(s), each after ${settings.settle} uncounted calls; floods of ${fmtInt(settings.count)} \`notifications/message\` after a ${fmtInt(Math.max(1000, Math.round(settings.count / 10)))}-notification warm-up flood. Took ${seconds.toFixed(1)} s.`,
    `- Processes: the load generator (this script, also the WebSocket subscriber), mcpscope's CLI in its own process, and each MCP server in its own process, on ${machine.cores} cores.`,
    `- REST client: ${fastName} was the faster here and is the one judged (1b, 1c); the other is shown as 1b′/1c′. Its own cost (request building, JSON parsing) is inside every REST figure.`,
    `- Latencies are per call, measured by the caller; calls/s is calls over wall time. The subscriber parsed ${fmtInt(flood.delivery.parseMs)} ms of JSON during the measured flood (its own cost, inside 2(ii)); the \`jsonl\` subscriber spent ${fmtInt(flood.linesDelivery.parseMs)} ms checking its batches.`,
  ];
  notes.push(`- Flood memory (3): ${settings.floodSeconds} s of repeated \`flood {count: ${fmtInt(memory.countPerCall)}}\` calls through \`POST …/requests\` on a fresh mcpscope; the slow subscriber pauses its socket 1 s in for ${settings.pauseSeconds} s; RSS is VmRSS from /proc (${fmtInt(memory.samples)} samples). The recording reached ${fmtInt(memory.frames.recordingMiB)} MiB.`);
  {
    const r = memory.responsiveness;
    const slowed = r.recordingWhileCatchingUp && r.recordingWhilePaused && r.recordingWhileCatchingUp.rate < r.recordingWhilePaused.rate / 2;
    if (slowed || r.slowestGetMs > 1000) {
      notes.push(`- ⚠ Flood memory: while the slow subscriber caught up${r.recordingWhileCatchingUp ? ` (${r.recordingWhileCatchingUp.seconds.toFixed(1)} s)` : ""}, recording ran at ${r.recordingWhileCatchingUp ? fmtInt(r.recordingWhileCatchingUp.rate) : "?"} frames/s against ${r.recordingWhilePaused ? fmtInt(r.recordingWhilePaused.rate) : "?"} while it was paused, and a \`GET /api/sessions/:id\` took up to ${fmtInt(r.slowestGetMs)} ms (idle ${r.idleGetMs.toFixed(1)} ms): mcpscope's event loop is busy feeding the lagging subscriber from the recording, so the server is back-pressured and REST stalls until it has caught up.`);
    }
  }
  notes.push(`- \`mcpscope tap\` (6): the built shim (\`bin/mcpscope.mjs tap\`) in front of the server, recording to a running mcpscope (its own process, \`--no-connect\`), against the same server started directly, in the same run; 6a/6b by a client with no MCP library (a request line out, its answer line back), rounds interleaved; 6c floods taking turns, direct then tapped, median of the rounds. Every process (server, shim, mcpscope, client) competes for the same ${machine.cores} cores.`);
  notes.push(`- Timeline (4): Chromium headless, the built web app (\`pnpm build\` first); 4a floods through the real app, 4b opens synthetic recordings of ${quick ? "100,000" : "100,000 and 1,000,000"} frames and scrolls them, 4c filters them; frame times from a requestAnimationFrame loop in the page. The app reads frames in a Web Worker: its own clock (4a, 4b) counts time its thread was not running too, so on a loaded machine it reads high.`);
  notes.push(`- Web app size (5): gzip (default level, as Vite reports it) of the build \`pnpm bench\` made; kB are 1,000 bytes.`);
  notes.push(`- Load average (1 min) at start / end: ${loadAtStart} / ${os.loadavg()[0].toFixed(2)} on ${machine.cores} cores; other processes on the machine make every figure noisier.`);
  if (profileDir) notes.push(`- The proxy ran with \`--cpu-prof\` (slower than normal); profiles in ${profileDir}.`);

  const output = `${markdown}\n\n${notes.join("\n")}\n`;
  process.stdout.write(`\n${output}\n${allMet ? "All targets met." : "Some targets were missed (❌ above)."}\n`);

  if (profileDir) {
    await cleanupAll(); // the proxies write their profiles on exit (already stopped above)
    process.stdout.write(formatProfiles(profileDir, 500));
  } else {
    const results = [
      "# mcpscope benchmark results",
      "",
      `Written by \`pnpm bench${quick ? " -- --quick" : ""}\` (bench/run.mjs); see bench/README.md for what each figure means.`,
      "",
      `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.os}`,
      `- Node ${machine.node}`,
      `- Date: ${machine.date}`,
      "",
      output,
    ].join("\n");
    writeFileSync(join(ROOT, "bench", "RESULTS.md"), results);
    log("wrote bench/RESULTS.md");
  }
  clearTimeout(watchdog);
  finished = true;
  await cleanupAll();
  process.exit(0);
} catch (err) {
  clearTimeout(watchdog);
  await abort(`failed: ${err?.stack ?? err}`);
}
