// Part 3: flood memory. The flood fixture writes as fast as it can for a sustained period
// (repeated `flood` calls) while mcpscope records it and one WebSocket subscriber stops
// reading for a while. Measures the proxy's RSS against its idle RSS, that the recording
// on disk holds every frame, and that the slow subscriber ends with every seq exactly once.
import { closeSync, openSync, readdirSync, readSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { FLOOD_ARGS } from "./lib/env.mjs";
import { onCleanup } from "./lib/cleanup.mjs";
import { keepAliveClient } from "./lib/http.mjs";
import { startProxy } from "./lib/proxy.mjs";
import { rssKiB } from "./lib/stats.mjs";
import { Subscriber } from "./lib/subscriber.mjs";

/** Notifications per `flood` call: ~1.5 s at the proxy's recording rate; repeated calls bound the fixture's own buffers. */
const COUNT_PER_CALL = 100_000;
const SAMPLE_MS = 250;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MiB = 1024; // VmRSS is in KiB


/** The session's recording: `<XDG_STATE_HOME>/mcpscope/sessions/<stamp>-<id>.jsonl`. */
function recordingOf(stateHome, sessionId) {
  const dir = join(stateHome, "mcpscope", "sessions");
  const name = readdirSync(dir).find((f) => f.endsWith(`-${sessionId}.jsonl`));
  if (!name) throw new Error(`no recording for session ${sessionId} in ${dir}: ${readdirSync(dir).join(", ")}`);
  return join(dir, name);
}

/**
 * Counts complete lines (newlines) of an append-only file incrementally: each call reads
 * only what was appended since the last one (the recording can reach gigabytes).
 */
function lineCounter(path) {
  const fd = openSync(path, "r");
  const buffer = Buffer.alloc(4 << 20);
  let position = 0;
  let lines = 0;
  return {
    count() {
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, position);
        if (read === 0) return lines;
        const chunk = read === buffer.length ? buffer : buffer.subarray(0, read);
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
        position += read;
      }
    },
    bytes: () => position,
    close: () => closeSync(fd),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function floodMemory({ seconds, pauseSeconds, token, profileDir, log }) {
  const proxy = await startProxy({ token, command: [process.execPath, ...FLOOD_ARGS], profileDir, label: "proxy-memory" });
  // A second connection for polling: the flood call holds the first (one socket per client).
  const poll = keepAliveClient(proxy.base, token);
  const timers = new Set();
  const unregister = onCleanup(() => {
    for (const t of timers) clearTimeout(t); // intervals too: Node clears both kinds alike
    poll.close();
  });
  let sub;
  let file;
  try {
    const session = await proxy.readySession();
    const proxyPid = proxy.child.pid;
    const serverPid = session.pid;
    const info = () => poll.get(`/api/sessions/${session.id}`);
    file = lineCounter(recordingOf(proxy.stateHome, session.id));

    // The slow subscriber follows the session from its first frame.
    sub = await Subscriber.open(proxy.base, token);
    sub.subscribe(session.id, 0);
    const startSeq = (await info()).lastSeq;
    await sub.waitForSeq(startSeq, 10_000);

    // Baseline: the proxy idle with this session open and the subscriber attached.
    await sleep(500);
    const idle = [];
    const idleServer = [];
    for (let i = 0; i < 8; i++) {
      idle.push(rssKiB(proxyPid));
      idleServer.push(rssKiB(serverPid));
      await sleep(SAMPLE_MS);
    }
    const baselineKiB = median(idle);
    const serverBaselineKiB = median(idleServer);
    const idleGetMs = [];
    for (let i = 0; i < 8; i++) {
      const s0 = performance.now();
      await info();
      idleGetMs.push(performance.now() - s0);
    }

    log(`flood memory: ${seconds} s flood (${COUNT_PER_CALL.toLocaleString("en-US")} notifications per call), subscriber paused ${pauseSeconds} s`);
    // Every 250 ms: both RSS, the frames in the file (read here, so it keeps counting even
    // when the proxy is slow to answer), the subscriber's last seq, and a GET of the session
    // (its lastSeq and how long the proxy takes to answer; one at a time).
    const samples = []; // { t (s since flood start), proxy, server (KiB), disk, subSeq, seq? }
    const polls = []; // { t, ms } per GET, answered or still pending at the end
    let pendingPoll;
    const t0 = performance.now();
    const sampler = setInterval(() => {
      const now = performance.now();
      const sample = { t: (now - t0) / 1000, proxy: rssKiB(proxyPid), server: rssKiB(serverPid), disk: file.count() - 1, subSeq: sub.lastSeq };
      samples.push(sample);
      if (pendingPoll) return; // never queue polls behind a slow answer
      pendingPoll = { t: sample.t, sentAt: now };
      const p = pendingPoll;
      info()
        .then((i) => (sample.seq = i.lastSeq))
        .catch(() => undefined)
        .finally(() => {
          polls.push({ t: p.t, ms: performance.now() - p.sentAt });
          pendingPoll = undefined;
        });
    }, SAMPLE_MS);
    timers.add(sampler);

    // Stop reading 1 s into the flood (the socket's data stays in the kernel, then in the
    // proxy's send buffer), resume `pauseSeconds` later.
    const socket = sub.ws._socket;
    let pausedAt;
    let resumedAt;
    const pauseTimer = setTimeout(() => {
      socket.pause();
      pausedAt = performance.now();
    }, 1000);
    timers.add(pauseTimer);
    const resume = () => {
      if (pausedAt === undefined || resumedAt !== undefined) return;
      socket.resume();
      resumedAt = performance.now();
    };
    const resumeTimer = setTimeout(resume, 1000 + pauseSeconds * 1000);
    timers.add(resumeTimer);

    const path = `/api/sessions/${session.id}/requests`;
    let calls = 0;
    let writeMs = 0;
    while (performance.now() - t0 < seconds * 1000) {
      const answer = await proxy.http.post(path, { method: "tools/call", params: { name: "flood", arguments: { count: COUNT_PER_CALL } }, timeoutMs: 120_000 });
      if (answer.error) throw new Error(`flood through mcpscope: ${JSON.stringify(answer.error)}`);
      const summary = JSON.parse(answer.result?.content?.[0]?.text ?? "null");
      if (summary?.count !== COUNT_PER_CALL) throw new Error(`flood memory: unexpected flood result ${JSON.stringify(answer.result)}`);
      writeMs += summary.writeMs;
      calls++;
    }
    const floodEnd = performance.now();
    const floodSeconds = (floodEnd - t0) / 1000;
    const endSample = { proxy: rssKiB(proxyPid), server: rssKiB(serverPid) };
    const finalSeq = (await info()).lastSeq;
    const expectedSeq = startSeq + calls * (COUNT_PER_CALL + 2); // request + notifications + response per call

    // Every frame must reach the file: poll until it holds lastSeq frames (or give up).
    let onDisk = file.count() - 1;
    while (onDisk < finalSeq && performance.now() - floodEnd < 10_000) {
      await sleep(20);
      onDisk = file.count() - 1;
    }
    const diskCaughtUpMs = performance.now() - floodEnd;

    // Then the slow subscriber must catch up with every seq.
    if (performance.now() < t0 + 1000 + pauseSeconds * 1000) log(`flood memory: waiting for the subscriber's pause to end`);
    let caughtUpAt;
    let catchUpError;
    try {
      caughtUpAt = await sub.waitForSeq(finalSeq, 90_000 + pauseSeconds * 1000);
    } catch (err) {
      catchUpError = err.message;
    }
    resume();
    clearInterval(sampler);
    // Settled: the RSS a moment after the subscriber caught up (nothing is running).
    await sleep(1000);
    const settledKiB = rssKiB(proxyPid);

    const during = samples.filter((s) => s.t * 1000 <= floodEnd - t0 && s.proxy !== undefined);
    const peak = during.reduce((a, s) => (s.proxy > a.proxy ? s : a), during[0] ?? { proxy: endSample.proxy, t: 0 });
    const allPeakKiB = Math.max(...samples.map((s) => s.proxy ?? 0), endSample.proxy ?? 0);
    const half = floodSeconds / 2;
    const firstHalfPeak = Math.max(...during.filter((s) => s.t < half).map((s) => s.proxy));
    const secondHalfPeak = Math.max(...during.filter((s) => s.t >= half).map((s) => s.proxy));
    // Growth per frame recorded: the least-squares slope of RSS over frames on disk, of the
    // lower envelope (the lowest sample per bucket: the RSS after garbage collections; a leak
    // raises it, a bounded heap saws between a flat floor and a ceiling) and of every sample.
    // The first 2 s (the in-memory window filling, the heap sizing up) are left out.
    const rampS = Math.min(2, floodSeconds / 4);
    const settledSamples = during.filter((s) => s.t >= rampS);
    const bucketS = Math.max(2, floodSeconds / 15);
    const buckets = new Map();
    for (const s of settledSamples) {
      const k = Math.floor((s.t - rampS) / bucketS);
      if (!buckets.has(k) || s.proxy < buckets.get(k).proxy) buckets.set(k, s);
    }
    const envelope = [...buckets.values()];
    const slope = (pts) => {
      if (pts.length < 2) return undefined;
      const mx = pts.reduce((a, s) => a + s.disk, 0) / pts.length;
      const my = pts.reduce((a, s) => a + s.proxy, 0) / pts.length;
      let sxy = 0;
      let sxx = 0;
      for (const s of pts) {
        sxy += (s.disk - mx) * (s.proxy - my);
        sxx += (s.disk - mx) ** 2;
      }
      return sxx > 0 ? (sxy / sxx) * 1024 : undefined; // KiB per frame → bytes per frame
    };
    const growth = {
      rampS,
      bucketS,
      buckets: envelope.length,
      frames: settledSamples.length ? settledSamples.at(-1).disk - settledSamples[0].disk : 0,
      envelopeBytesPerFrame: slope(envelope),
      allBytesPerFrame: slope(settledSamples),
      troughFirstMiB: envelope.length ? envelope[0].proxy / MiB : undefined,
      troughLastMiB: envelope.length ? envelope.at(-1).proxy / MiB : undefined,
      troughMinMiB: envelope.length ? Math.min(...envelope.map((s) => s.proxy)) / MiB : undefined,
      troughMaxMiB: envelope.length ? Math.max(...envelope.map((s) => s.proxy)) / MiB : undefined,
    };
    // Recording rate while the subscriber was paused, and while it caught up (from its
    // resume to the first sample where it was within 20,000 frames of the file).
    const rateBetween = (fromS, toS) => {
      const a = samples.filter((s) => s.t >= fromS).at(0);
      const b = samples.filter((s) => s.t <= toS).at(-1);
      return a && b && b.t > a.t ? { rate: (b.disk - a.disk) / (b.t - a.t), seconds: b.t - a.t } : undefined;
    };
    const pausedFromS = pausedAt !== undefined ? (pausedAt - t0) / 1000 : undefined;
    const resumedS = resumedAt !== undefined ? (resumedAt - t0) / 1000 : undefined;
    const closeS = resumedS !== undefined ? samples.find((s) => s.t >= resumedS && s.disk - s.subSeq <= 20_000)?.t : undefined;
    const whilePaused = pausedFromS !== undefined && resumedS !== undefined ? rateBetween(pausedFromS, Math.min(resumedS, floodSeconds)) : undefined;
    const whileCatchingUp = resumedS !== undefined && closeS !== undefined && resumedS < floodSeconds ? rateBetween(resumedS, Math.min(closeS, floodSeconds)) : undefined;
    const floodPolls = polls.filter((p) => p.t <= floodSeconds);
    if (pendingPoll) floodPolls.push({ t: pendingPoll.t, ms: performance.now() - pendingPoll.sentAt });
    const slowest = floodPolls.reduce((a, p) => (p.ms > a.ms ? p : a), { ms: 0, t: 0 });
    const serverPeakKiB = Math.max(...samples.map((s) => s.server ?? 0), endSample.server ?? 0);
    const seqAt = (t) => samples.filter((s) => s.seq !== undefined && s.t <= t).at(-1)?.seq ?? startSeq;
    const maxBehind = Math.max(0, ...samples.filter((s) => s.seq !== undefined).map((s) => s.seq - s.subSeq));

    return {
      seconds,
      pauseSeconds,
      floodSeconds,
      calls,
      countPerCall: COUNT_PER_CALL,
      fixtureWriteMs: writeMs,
      samples: samples.length,
      proxy: {
        baselineMiB: baselineKiB / MiB,
        peakMiB: peak.proxy / MiB,
        peakAtS: peak.t,
        peakAtSeq: seqAt(peak.t),
        overallPeakMiB: allPeakKiB / MiB,
        firstHalfPeakMiB: firstHalfPeak / MiB,
        secondHalfPeakMiB: secondHalfPeak / MiB,
        growth,
        endMiB: endSample.proxy / MiB,
        settledMiB: settledKiB / MiB,
      },
      server: { baselineMiB: serverBaselineKiB / MiB, peakMiB: serverPeakKiB / MiB, endMiB: (endSample.server ?? 0) / MiB },
      frames: {
        startSeq,
        finalSeq,
        expectedSeq,
        grew: finalSeq - startSeq,
        rate: (finalSeq - startSeq) / floodSeconds,
        onDisk,
        lost: finalSeq - onDisk,
        diskCaughtUpMs,
        recordingMiB: file.bytes() / 2 ** 20,
      },
      responsiveness: {
        idleGetMs: median(idleGetMs),
        polls: floodPolls.length,
        medianGetMs: median(floodPolls.map((p) => p.ms)),
        slowestGetMs: slowest.ms,
        slowestGetAtS: slowest.t,
        recordingWhilePaused: whilePaused,
        recordingWhileCatchingUp: whileCatchingUp,
      },
      subscriber: {
        pausedFromS,
        resumedS,
        closeS,
        pausedS: pausedAt !== undefined && resumedAt !== undefined ? (resumedAt - pausedAt) / 1000 : 0,
        resumedAfterFloodEndS: resumedAt !== undefined ? (resumedAt - floodEnd) / 1000 : undefined,
        maxBehind,
        caughtUpAfterFloodEndS: caughtUpAt !== undefined ? (caughtUpAt - floodEnd) / 1000 : undefined,
        catchUpError,
        received: sub.received,
        expected: finalSeq,
        missing: sub.missing + Math.max(0, finalSeq - sub.lastSeq),
        duplicates: sub.duplicates,
        messages: sub.messages,
        errors: sub.errors,
      },
    };
  } finally {
    for (const t of timers) clearTimeout(t); // intervals too: Node clears both kinds alike
    unregister();
    poll.close();
    file?.close();
    await sub?.close();
    await proxy.stop();
  }
}
