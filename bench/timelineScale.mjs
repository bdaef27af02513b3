#!/usr/bin/env node
// Part 4: the web app in headless Chromium.
//   4a  frames/s delivered into the real web app's store during a flood (target ≥ 20,000/s,
//       none missing), beside a browser-less WebSocket subscriber on the same proxy.
//   4b  the timeline at scale: a recorded session of 100,000 (and 1,000,000) frames opened in
//       the page: select → first rows, select → every frame in the store, JS heap after loading
//       (target < 1 GiB; baseline: the page with an empty session), then scrolling the grid
//       top to bottom while a rAF loop records frame times (target: no frame over 50 ms;
//       baseline: the same loop on the idle page).
//
//   node bench/timelineScale.mjs [--quick] [--profile] [--count <notifications>] [--sizes 100000,1000000]
//
// Exports `timelineScale({ quick, log, token?, count?, sizes?, profile? })` → `{ rows, markdown, allMet, results }`;
// `rows` are `[id, figure, measured, baseline, vs, target, met]`, the shape of bench/run.mjs's table.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os, { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cleanupAll, killTracked, onCleanup } from "./lib/cleanup.mjs";
import { FLOOD_ARGS, machineInfo, ROOT } from "./lib/env.mjs";
import { fmtInt, fmtRatio } from "./lib/stats.mjs";
import { startBrowserProxy } from "./lib/browserProxy.mjs";
import { launchChromium, pageInstruments } from "./lib/browserPage.mjs";
import { launchCdpPage } from "./lib/cdpPage.mjs";
import { writeRecording } from "./lib/browserRecording.mjs";
import { Subscriber } from "./lib/subscriber.mjs";
import { browserCpu, cpuMs, cpuSince, rendererMemory } from "./lib/processStats.mjs";
import { FILTERS, measureFilters } from "./lib/timelineFilters.mjs";

const TARGETS = { deliverPerSec: 100_000, heapBytes: 2 ** 30, frameMs: 50, filterMs: 300 };
/** Time to every frame of a recording in the store, by its size (issue #21). */
const LOAD_TARGET_MS = { 100_000: 500, 1_000_000: 5000 };
const VIEWPORT = { width: 1440, height: 900 };
const EMPTY_FRAMES = 8;
const MiB = 2 ** 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const epochNow = () => performance.timeOrigin + performance.now();
const yes = (ok) => (ok ? "✅ yes" : "❌ no");
const mib = (b) => `${fmtInt(b / MiB)} MiB`;
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const frameStats = (f) => `longest ${fmtInt(f.longest)} ms; ${fmtInt(f.over50)} of ${fmtInt(f.frames)} frames over 50 ms${f.at50 ? `, ${fmtInt(f.at50)} shown at the third vsync (50.0 ms)` : ""} (p50 ${f.p50.toFixed(1)} ms, p99 ${fmtInt(f.p99)} ms)`;

/** Rejects after `ms` with a message (the operation itself is left to cleanup). */
function within(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(timer));
}

async function newPage(browser, label) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(pageInstruments);
  const page = await context.newPage();
  const state = { crashed: false };
  page.on("crash", () => (state.crashed = true));
  page.on("pageerror", (err) => (state.error ??= `${label}: ${err.message}`));
  const scripts = new Set();
  page.on("response", (res) => {
    if (/\/assets\/[^/]+\.js$/.test(new URL(res.url()).pathname)) scripts.add(res.url());
  });
  const cdp = await context.newCDPSession(page);
  const fetchJson = async (url) => {
    const res = await context.request.get(url).catch(() => undefined);
    return res?.ok() ? await res.json().catch(() => undefined) : undefined;
  };
  return { context, page, cdp, state, ...(await devtoolsInstruments(cdp, { scripts: () => scripts, fetchJson })), close: () => context.close().catch(() => undefined) };
}

/**
 * A page of its own Chromium driven over the DevTools protocol with the Network domain off
 * (see lib/cdpPage.mjs): the page as a person's browser runs it. What `intoPage` needs of
 * `newPage`'s shape, plus `browserPid`.
 */
async function newCdpPage() {
  const chrome = await launchCdpPage({ viewport: VIEWPORT, initScript: pageInstruments });
  const scripts = async () => new Set(await chrome.page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((u) => /\/assets\/[^/]+\.js$/.test(new URL(u).pathname))));
  const fetchJson = (url) => chrome.page.evaluate((u) => fetch(u).then((r) => (r.ok ? r.json() : undefined)).catch(() => undefined), url);
  return { page: chrome.page, cdp: chrome.cdp, browserPid: chrome.pid, ...(await devtoolsInstruments(chrome.cdp, { scripts, fetchJson })), close: () => chrome.close() };
}

/**
 * What the bench reads of a page over its DevTools session `cdp` (`send(method, params)`):
 * `heap()`, `metrics()`, `since(a, b)`, `profiler(enabled, label)`. `scripts()` lists the
 * page's bundle URLs, `fetchJson(url)` fetches a source map.
 */
async function devtoolsInstruments(cdp, { scripts, fetchJson }) {
  const sourceMaps = new Map(); // script URL → source map JSON, fetched when profiling starts (the bundle may be rebuilt meanwhile)
  const heap = async (timeoutMs = 30_000) => {
    await within(cdp.send("HeapProfiler.collectGarbage"), timeoutMs, "HeapProfiler.collectGarbage");
    const { usedSize, totalSize } = await within(cdp.send("Runtime.getHeapUsage"), timeoutMs, "Runtime.getHeapUsage");
    return { used: usedSize, total: totalSize };
  };
  await cdp.send("Performance.enable");
  /** Chromium's counters for the page (seconds → ms): what its main thread spent time on. */
  const metrics = async () => {
    const { metrics: list } = await cdp.send("Performance.getMetrics");
    const m = Object.fromEntries(list.map((x) => [x.name, x.value]));
    return { task: m.TaskDuration * 1000, script: m.ScriptDuration * 1000, layout: m.LayoutDuration * 1000, style: m.RecalcStyleDuration * 1000, layouts: m.LayoutCount, styles: m.RecalcStyleCount, nodes: m.Nodes };
  };
  const since = (a, b) => ({ task: b.task - a.task, script: b.script - a.script, layout: b.layout - a.layout, style: b.style - a.style, layouts: b.layouts - a.layouts, styles: b.styles - a.styles, nodes: b.nodes });
  /** With `enabled`, a CPU profile (1 ms sampling) from `start()` to `stop()`, summarized. */
  const profiler = (enabled, label) => ({
    async start() {
      if (!enabled) return;
      for (const url of await scripts()) {
        if (sourceMaps.has(url)) continue;
        let map = await fetchJson(`${url}.map`);
        // The package's copy of the app leaves source maps out; the web app's build has them.
        if (!map) {
          try {
            map = JSON.parse(readFileSync(join(ROOT, "apps/web/dist/assets", `${basename(new URL(url).pathname)}.map`), "utf8"));
          } catch {
            map = undefined;
          }
        }
        sourceMaps.set(url, map);
      }
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
      await cdp.send("Profiler.start");
    },
    async stop() {
      if (!enabled) return undefined;
      const { profile } = await cdp.send("Profiler.stop");
      const file = join(tmpdir(), `mcpscope-${label}-${Date.now()}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      return { label, file, ...summarizeCdpProfile(profile, sourceMaps) };
    },
  });
  return { heap, metrics, since, profiler };
}

/** The app's frames worker accounting (`window.__mcpscope.workerStats`), if it has one. */
const workerStats = (page) => page.evaluate(() => window.__mcpscope?.workerStats?.()).catch(() => undefined);
const statsSince = (a, b) => (a && b ? Object.fromEntries(Object.keys(b).map((k) => [k, typeof b[k] === "number" ? b[k] - (a[k] ?? 0) : b[k]])) : undefined);
/** "asked +X ms, first byte +Y, last byte +Z, read +W, last segment sent +V" after `t0` (epoch ms). */
const loadTraceText = (trace, t0) =>
  [["asked", trace.askedAt], ["first byte", trace.firstByteAt], ["last byte", trace.lastByteAt], ["read", trace.readAt], ["last segment sent", trace.sentAt]]
    .filter(([, at]) => at !== undefined)
    .map(([label, at]) => `${label} +${fmtInt(at - t0)} ms`)
    .join(", ");
/** "decode X ms, read Y ms (Z µs/frame), segments W ms (n)" */
const workerText = (w) =>
  `${w.waitMs !== undefined ? `waiting for bytes ${fmtInt(w.waitMs)} ms, ` : ""}decoding ${fmtInt(w.decodeMs)} ms, reading ${fmtInt(w.readMs)} ms (${((1000 * w.readMs) / Math.max(1, w.frames)).toFixed(1)} µs/frame over ${fmtInt(w.frames)} frames, ${fmtInt(w.batches)} stream batches), making ${fmtInt(w.segments)} segments ${fmtInt(w.exportMs)} ms`;

/** "task X ms: script Y, layout Z (n), style W (n); N DOM nodes" */
const mainThread = (m) =>
  `busy ${fmtInt(m.task)} ms: script ${fmtInt(m.script)} ms, layout ${fmtInt(m.layout)} ms (${fmtInt(m.layouts)}×), style ${fmtInt(m.style)} ms (${fmtInt(m.styles)}×); ${fmtInt(m.nodes)} DOM nodes`;

// ---------------------------------------------------------------------------------------------
// 4a: delivery into the web app

async function delivery({ count, token, browser, browserPid, log, profile }) {
  const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-bench-browser-"));
  const cleanDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const proxy = await startBrowserProxy({ token, dataDir, command: [process.execPath, ...FLOOD_ARGS], label: "proxy-delivery" });
  try {
    const session = await proxy.readySession();
    const info = () => proxy.http.get(`/api/sessions/${session.id}`);
    const flood = async (n) => {
      const answer = await proxy.http.post(`/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "flood", arguments: { count: n } }, timeoutMs: 120_000 });
      if (answer.error) throw new Error(`flood: ${JSON.stringify(answer.error)}`);
      return answer;
    };
    const warmCount = Math.max(1000, Math.round(count / 10));

    // Baseline: the browser-less subscriber alone on the proxy.
    log(`timeline: delivery baseline, ws subscriber, ${fmtInt(count)} notifications`);
    const sub = await Subscriber.open(proxy.base, token);
    let baseline;
    try {
      sub.subscribe(session.id, (await info()).lastSeq);
      await flood(warmCount);
      await sub.waitForSeq((await info()).lastSeq, 30_000);
      sub.resetCounts();
      const before = (await info()).lastSeq;
      const t0 = performance.now();
      await flood(count);
      const after = (await info()).lastSeq;
      const lastAt = await sub.waitForSeq(after, 60_000);
      baseline = { frames: after - before, ms: lastAt - t0, rate: sub.received / ((lastAt - t0) / 1000), received: sub.received, missing: sub.missing + (after - sub.lastSeq), duplicates: sub.duplicates };
    } finally {
      await sub.close();
    }

    // The web app, in a page nothing instruments (the target), then in a Playwright page.
    const pages = [
      { kind: "plain", open: newCdpPage },
      { kind: "playwright", open: async () => ({ ...(await newPage(browser, "delivery-playwright")), browserPid }) },
    ];
    const apps = {};
    for (const { kind, open } of pages) {
      log(`timeline: delivery into the web app (${kind} page), ${fmtInt(count)} notifications`);
      const p = await open();
      try {
        apps[kind] = await intoPage({ p, proxy, session, info, flood, count, warmCount, profile: profile && kind === "plain", log });
      } finally {
        await p.close();
      }
    }
    return { count, baseline, app: apps.plain, playwright: apps.playwright, hook: apps.plain.hook, profile: apps.plain.profile };
  } finally {
    await proxy.stop();
    cleanDir();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One delivery into the web app in page `p` (see `newPage`, `newCdpPage`): the page picks the
 * newest live session (the flood fixture's); a warm-up flood, then `count` notifications timed
 * from the call to the page's `frameCount` reaching the session's lastSeq.
 */
async function intoPage({ p, proxy, session, info, flood, count, warmCount, profile, log }) {
  const { page, browserPid } = p;
  await page.goto(proxy.url);
  const initial = (await info()).lastSeq;
  await page.waitForFunction(([id, seq]) => window.__bench.count(id) >= seq, [session.id, initial], { timeout: 30_000 });
  const hook = await page.evaluate(() => typeof window.__mcpscope?.frameCount === "function");
  await flood(warmCount);
  const warmed = (await info()).lastSeq;
  await page.waitForFunction(([id, seq]) => window.__bench.count(id) >= seq, [session.id, warmed], { timeout: 60_000 });
  await sleep(300);

  const before = (await info()).lastSeq;
  const expected = before + count + 2; // request out, the notifications, the response
  const since = await page.evaluate(() => window.__bench.now());
  const prof = p.profiler(profile, "delivery");
  await prof.start();
  const m0 = await p.metrics();
  await page.evaluate(([id, seq]) => {
    window.__bench.armCount(id, seq);
    window.__bench.startFrames();
  }, [session.id, expected]);
  const cpu0 = { proxy: cpuMs(proxy.child.pid), server: cpuMs(session.pid), browser: browserCpu(browserPid) };
  const worker0 = await workerStats(page);
  const t0 = epochNow();
  await flood(count);
  const recordedAt = epochNow();
  const after = (await info()).lastSeq;
  if (after !== expected) log(`timeline: warning: the flood recorded ${after - before} frames, expected ${count + 2}`);
  let done;
  try {
    done = await within(page.evaluate(() => window.__bench.countDone()), 60_000, "web app delivery");
  } catch (err) {
    done = { at: epochNow(), count: await page.evaluate((id) => window.__bench.count(id), session.id), timedOut: true };
    log(`timeline: ${err.message}`);
  }
  const cpu = { proxy: cpuMs(proxy.child.pid) - cpu0.proxy, server: cpuMs(session.pid) - cpu0.server, browser: cpuSince(cpu0.browser, browserCpu(browserPid)) };
  const worker = statsSince(worker0, await workerStats(page));
  const frames = await page.evaluate(() => window.__bench.stopFrames());
  const mainThreadMs = p.since(m0, await p.metrics());
  const cpuProfile = await prof.stop();
  const longFrames = await page.evaluate((s) => window.__bench.longFrames(s), since);
  // The grid renders on the animation frame after the store was updated.
  const gridRows = () => page.evaluate(() => Number(document.querySelector('[role="grid"][aria-label="Frames"]')?.getAttribute("aria-rowcount") ?? 0));
  let rowCount = 0;
  for (let i = 0; i < 40 && rowCount !== after + 1; i++) {
    rowCount = await gridRows();
    if (rowCount !== after + 1) await sleep(50);
  }
  const held = await page.evaluate((id) => window.__bench.count(id), session.id);
  const ms = done.at - t0;
  return {
    hook,
    frames: after - before,
    ms,
    rate: (after - before) / (ms / 1000),
    recordMs: recordedAt - t0,
    held,
    expected: after,
    missing: after - held,
    rowCount,
    timedOut: Boolean(done.timedOut),
    frameStats: frames,
    longFrames,
    mainThread: mainThreadMs,
    cpu,
    worker,
    profile: cpuProfile,
  };
}

// ---------------------------------------------------------------------------------------------
// 4b: the timeline at scale

/** Self time per function of a CDP profile, mapped to the sources through the bundle's source map when there is one. */
function summarizeCdpProfile(profile, sourceMaps, limit = 15) {
  let SourceMapConsumer;
  try {
    const pnpm = join(ROOT, "node_modules/.pnpm");
    const dir = readdirSync(pnpm).find((d) => d.startsWith("source-map-js@"));
    if (dir) ({ SourceMapConsumer } = createRequire(join(pnpm, dir, "node_modules/source-map-js/package.json"))("source-map-js"));
  } catch {
    SourceMapConsumer = undefined;
  }
  const consumers = new Map();
  const mapped = (cf) => {
    const map = sourceMaps.get(cf.url);
    if (!SourceMapConsumer || !map) return undefined;
    if (!consumers.has(cf.url)) consumers.set(cf.url, new SourceMapConsumer(map));
    const pos = consumers.get(cf.url).originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber });
    if (!pos.source) return undefined;
    const src = pos.source.replace(/^(\.\.\/)+/, "").replace(/^.*\.pnpm\/[^/]+\/node_modules\//, "");
    return `${src}:${pos.line}`;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const cf = byId.get(profile.samples[i]).callFrame;
    const where = mapped(cf) ?? (cf.url ? `${basename(cf.url)}:${cf.lineNumber + 1}:${cf.columnNumber + 1}` : "");
    const key = `${cf.functionName || "(anonymous)"} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const idle = new Set(["(idle)", "(program)"]);
  const busy = [...self].filter(([k]) => !idle.has(k));
  const totalMs = busy.reduce((s, [, ms]) => s + ms, 0);
  return {
    totalMs,
    idleMs: [...self].filter(([k]) => idle.has(k)).reduce((s, [, ms]) => s + ms, 0),
    rows: busy.sort((a, b) => b[1] - a[1]).slice(0, limit).map(([name, ms]) => ({ name, ms, share: ms / totalMs })),
  };
}

async function openLarge({ p, proxyUrl, empty, big, loadCapMs, jumps, scrollCapMs, idle, profile, log, browserPid }) {
  const { page } = p;
  const result = { frames: big.frames };
  await page.goto(proxyUrl);
  const button = (name) => page.getByRole("button", { name: new RegExp(`^${name},`) });
  await button(empty.name).waitFor({ timeout: 30_000 });

  if (idle) {
    // Baseline: the idle page (no session selected: none is live).
    await sleep(300);
    await page.evaluate(() => window.__bench.startFrames());
    await sleep(2000);
    result.idle = await page.evaluate(() => window.__bench.stopFrames());
  }

  await button(empty.name).click();
  await page.waitForFunction(([id, n]) => window.__bench.count(id) >= n && window.__bench.rowCount() === n + 1, [empty.id, EMPTY_FRAMES], { timeout: 30_000 });
  result.heapEmpty = await p.heap();
  result.rendererEmpty = rendererMemory(browserPid);

  // Baseline: the recording's bytes alone, fetched by the page and read to the end (no parsing).
  log(`timeline: ${fmtInt(big.frames)} frames: fetching the recording's bytes (baseline)`);
  result.rawFetch = await within(
    page.evaluate(async (url) => {
      const t0 = performance.now();
      const body = (await fetch(url)).body.getReader();
      let bytes = 0;
      for (let r = await body.read(); !r.done; r = await body.read()) bytes += r.value.length;
      return { ms: performance.now() - t0, bytes };
    }, `/api/sessions/${big.id}/export`),
    loadCapMs,
    "raw fetch",
  ).catch((err) => ({ error: err.message }));

  const loadProfiler = p.profiler(profile, `load-${big.frames}`);
  await loadProfiler.start();
  const m0 = await p.metrics();
  const since = await page.evaluate(() => window.__bench.now());
  const worker0 = await workerStats(page);
  await page.evaluate(([id, n]) => {
    window.__bench.armFirstRows(id);
    window.__bench.armCount(id, n);
    window.__bench.startFrames();
  }, [big.id, big.frames]);
  log(`timeline: ${fmtInt(big.frames)} frames: selecting the recorded session`);
  const clickedFromNode = epochNow();
  await button(big.name).click();
  const firstRows = within(page.evaluate(() => window.__bench.firstRows()), loadCapMs, "first rows").catch((err) => ({ error: err.message }));
  const done = page.evaluate(() => window.__bench.countDone()).catch((err) => ({ error: err.message }));
  // Poll progress from Node with a hard cap: a million frames may not load in time.
  const samples = [];
  let finished;
  done.then((d) => (finished = d));
  const deadline = clickedFromNode + loadCapMs;
  while (!finished && epochNow() < deadline && !p.state.crashed) {
    await Promise.race([done, sleep(1000)]);
    if (finished || p.state.crashed) break;
    const n = await within(page.evaluate((id) => window.__bench.count(id), big.id), 5000, "progress").catch(() => undefined);
    if (n !== undefined) samples.push({ at: epochNow(), n });
    if (samples.length % 5 === 0 && n !== undefined) log(`timeline: ${fmtInt(big.frames)} frames: ${fmtInt(n)} in the store after ${((epochNow() - clickedFromNode) / 1000).toFixed(0)} s`);
  }
  result.firstRows = p.state.crashed ? { error: "page crashed" } : await within(firstRows, 5000, "first rows").catch((err) => ({ error: err.message }));
  const clickAt = (result.clickAt = result.firstRows.clickAt ?? clickedFromNode);
  if (finished && !finished.error) {
    result.loadMs = finished.at - clickAt;
    result.loaded = big.frames;
    result.done = true;
  } else {
    result.done = false;
    result.crashed = p.state.crashed;
    const last = samples.at(-1);
    result.loaded = last?.n ?? 0;
    result.loadMs = (last?.at ?? epochNow()) - clickAt;
    result.capMs = loadCapMs;
  }
  result.loadRate = result.loaded / (result.loadMs / 1000);
  if (p.state.crashed) return result;

  result.loadFrames = await within(page.evaluate(() => window.__bench.stopFrames()), 30_000, "frames").catch(() => undefined);
  result.loadLongFrames = await within(page.evaluate((s) => window.__bench.longFrames(s), since), 30_000, "long frames").catch(() => undefined);
  result.loadMainThread = p.since(m0, await p.metrics());
  result.loadWorker = statsSince(worker0, await workerStats(page));
  result.profiles = [await loadProfiler.stop()].filter(Boolean);
  try {
    result.heap = await p.heap(60_000);
  } catch (err) {
    result.heapError = err.message;
  }
  result.renderer = rendererMemory(browserPid);
  if (!result.done) return result;

  log(`timeline: ${fmtInt(big.frames)} frames: filters (${FILTERS.map((f) => `${f.field} "${f.value}"`).join(", ")})`);
  result.filters = await measureFilters(page).catch((err) => ({ error: err.message }));

  // Keyboard: focus the grid, Home (to the top), then End (to the bottom).
  const grid = page.getByRole("grid", { name: "Frames" });
  await grid.focus();
  const key = async (name, id) => {
    await page.evaluate(() => window.__bench.startFrames());
    const t0 = epochNow();
    await page.keyboard.press(name);
    const found = await within(page.evaluate(([rowId]) => window.__bench.waitForId(rowId, 20_000), [id]), 30_000, name);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const frames = await page.evaluate(() => window.__bench.stopFrames());
    return { ms: found.at - t0, found: found.found, frames };
  };
  result.home = await key("Home", "frame-row-1");
  result.end = await key("End", `frame-row-${big.frames}`);
  log(`timeline: ${fmtInt(big.frames)} frames: scrolling top to bottom in ${jumps} jumps`);
  const scrollSince = await page.evaluate(() => window.__bench.now());
  const scrollProfiler = p.profiler(profile, `scroll-${big.frames}`);
  await scrollProfiler.start();
  const s0 = await p.metrics();
  result.scroll = await within(page.evaluate(([j, n, cap]) => window.__bench.stepScroll(j, n, cap), [jumps, big.frames, scrollCapMs]), scrollCapMs + 40_000, "scroll");
  result.scrollMainThread = p.since(s0, await p.metrics());
  result.profiles.push(await scrollProfiler.stop());
  result.profiles = result.profiles.filter(Boolean);
  result.scrollLongFrames = await page.evaluate((s) => window.__bench.longFrames(s), scrollSince);
  return result;
}

async function scale({ sizes, token, browser, browserPid, log, budget, jumps, scrollCapMs, profile }) {
  const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-bench-timeline-"));
  const cleanDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const now = Date.now();
    const empty = { ...writeRecording({ dataDir, frames: EMPTY_FRAMES, name: "timeline-empty", createdAt: now - 60_000 }), name: "timeline-empty" };
    const bigs = [];
    for (const [i, n] of sizes.entries()) {
      const t0 = performance.now();
      const name = `timeline-${n}`;
      bigs.push({ ...writeRecording({ dataDir, frames: n, name, createdAt: now - 50_000 + i * 1000 }), name });
      log(`timeline: wrote a recording of ${fmtInt(n)} frames (${mib(bigs.at(-1).bytes)}) in ${secs(performance.now() - t0)}`);
    }
    const proxy = await startBrowserProxy({ token, dataDir, noLiveSession: true, label: "proxy-timeline" });
    const results = [];
    try {
      const listed = await proxy.http.get("/api/sessions");
      for (const r of [empty, ...bigs]) {
        const s = listed.find((x) => x.id === r.id);
        if (!s || s.lastSeq !== r.frames) throw new Error(`the proxy lists ${JSON.stringify(s && { id: s.id, lastSeq: s.lastSeq })} for the recording of ${r.frames} frames`);
      }
      log(`timeline: mcpscope started with ${sizes.length + 1} recordings in ${secs(proxy.startMs)}`);
      for (const [i, big] of bigs.entries()) {
        // Leave time for the heap, the scroll and the rest: a bounded wait, not a hang.
        const reserve = 25_000 + scrollCapMs + (bigs.length - 1 - i) * 60_000;
        const loadCapMs = Math.max(10_000, Math.min(big.frames >= 1e6 ? 120_000 : 60_000, budget.remaining() - reserve));
        const p = await newPage(browser, `timeline-${big.frames}`);
        try {
          results.push({ size: big.frames, fileBytes: big.bytes, ...(await openLarge({ p, proxyUrl: proxy.url, empty, big, loadCapMs, jumps, scrollCapMs, idle: i === 0, profile: profile && i === bigs.length - 1, log, browserPid })) });
        } catch (err) {
          results.push({ size: big.frames, fileBytes: big.bytes, failed: err.message, crashed: p.state.crashed });
          log(`timeline: ${fmtInt(big.frames)} frames: ${err.message}`);
        } finally {
          await p.close();
        }
      }
    } finally {
      await proxy.stop();
    }
    return results;
  } finally {
    cleanDir();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function buildRows(d, scaled) {
  const rows = [];
  const row = (id, figure, measured, baseline = "", ratio = "", target = "", met = "") => rows.push([id, figure, measured, baseline, ratio, target, met]);
  const n = fmtInt(d.count);
  const b = d.baseline;
  const a = d.app;
  row("4a", `${n} notifications: flood → browser-less WebSocket subscriber (\`ws\`), call → last frame — baseline`, `${fmtInt(b.rate)} frames/s`, `${fmtInt(b.received)} frames, ${b.missing} missing`, "—");
  const idle = scaled.find((s) => s.idle)?.idle;
  const idleText = idle ? `idle page: longest ${fmtInt(idle.longest)} ms, ${idle.over50} over 50 ms` : "";
  const pages = [
    [a, "a page driven over the DevTools protocol with its Network domain off, as in a browser with DevTools closed", ""],
    [d.playwright, "a Playwright page (its Network domain on: Chromium copies every WebSocket message to the driver)", "Playwright page: "],
  ];
  for (const [p, where, prefix] of pages) {
    if (!p) continue;
    row(
      "4a",
      `${prefix ? prefix : ""}${n} notifications delivered into the web app in headless Chromium, ${where} (call → \`frameCount\` reaches lastSeq${p.hook ? "" : "; hook missing"})`,
      p.timedOut ? `did not finish in 60 s` : `${fmtInt(p.rate)} frames/s (${secs(p.ms)}; recorded by the proxy in ${secs(p.recordMs)})`,
      `ws subscriber ${fmtInt(b.rate)} frames/s`,
      fmtRatio(p.rate / b.rate),
      `≥ ${fmtInt(TARGETS.deliverPerSec)} frames/s`,
      yes(!p.timedOut && p.rate >= TARGETS.deliverPerSec),
    );
    row("4a", `  ${prefix}frames in the app's TimelineIndex (contiguous) · grid aria-rowcount`, `${fmtInt(p.held)} of ${fmtInt(p.expected)} · ${fmtInt(p.rowCount)} (frames + 1); ${fmtInt(p.missing)} missing`, "", "", "0 missing", yes(p.missing === 0 && p.rowCount === p.expected + 1));
    row("4a", `  ${prefix}the page's animation frames during that delivery`, `${frameStats(p.frameStats)}; long animation frames (LoAF, > 50 ms of work): ${fmtInt(p.longFrames?.count ?? 0)}`, idleText, "", `no frame > ${TARGETS.frameMs} ms`, yes(p.frameStats.over50 === 0));
    if (p.mainThread) row("4a", `  ${prefix}the page's main thread during that delivery (CDP Performance.getMetrics)`, mainThread(p.mainThread), "", "", "", "");
    if (p.worker) row("4a", `  ${prefix}the frames worker during that delivery (its own clock)`, workerText(p.worker), "", "", "", "");
    if (p.cpu) {
      const browserMs = p.cpu.browser.reduce((s, [, ms]) => s + ms, 0);
      row("4a", `  ${prefix}CPU time during that delivery (user + system, /proc; 2 cores = 2 ms per ms)`, `mcpscope ${fmtInt(p.cpu.proxy)} ms, the MCP server ${fmtInt(p.cpu.server)} ms, Chromium ${fmtInt(browserMs)} ms (${p.cpu.browser.map(([t, ms]) => `${t} ${fmtInt(ms)}`).join(", ")}) in ${fmtInt(p.ms)} ms`, "", "", "", "");
    }
    if (p.longFrames?.count) row("4a", `  ${prefix}long animation frames (LoAF) during delivery: top script time`, `${p.longFrames.count} frames, ${fmtInt(p.longFrames.totalMs)} ms; ${p.longFrames.scripts.slice(0, 3).map(([k, ms]) => `${k} ${fmtInt(ms)} ms`).join("; ")}`, "", "", "", "");
  }

  if (idle) row("4b", "idle page (no session selected), rAF loop for 2 s — frame-time baseline", frameStats(idle), "—", "—");
  for (const s of scaled) {
    const N = fmtInt(s.size);
    if (s.failed) {
      row("4b", `${N} recorded frames (${mib(s.fileBytes)} recording)`, `failed: ${s.failed}${s.crashed ? " (the page crashed)" : ""}`, "", "", "", "❌ no");
      continue;
    }
    const first = s.firstRows?.error ? `not seen: ${s.firstRows.error}` : `${fmtInt(s.firstRows.domAt - s.firstRows.clickAt)} ms (painted at ${fmtInt(s.firstRows.frameAt - s.firstRows.clickAt)} ms)`;
    row("4b", `${N} recorded frames (${mib(s.fileBytes)} JSON Lines): click on the session → first grid rows`, first, "", "", "", "");
    const loadTarget = LOAD_TARGET_MS[s.size];
    const raw = s.rawFetch && !s.rawFetch.error ? s.rawFetch : undefined;
    row(
      "4b",
      `  click → all ${N} frames in the store, every one filterable and searchable`,
      s.done ? `${secs(s.loadMs)} (${fmtInt(s.loadRate)} frames/s)` : `did not finish in ${fmtInt(s.capMs / 1000)} s${s.crashed ? " (the page crashed)" : ""}: ${fmtInt(s.loaded)} of ${N} frames after ${secs(s.loadMs)} (${fmtInt(s.loadRate)} frames/s)`,
      raw ? `the recording's bytes fetched by the page, no parsing: ${secs(raw.ms)} (${fmtInt(raw.bytes / MiB / (raw.ms / 1000))} MiB/s)` : s.rawFetch?.error ? `fetch: ${s.rawFetch.error}` : "",
      raw && s.done ? fmtRatio(s.loadMs / raw.ms) : "",
      loadTarget ? `all frames, ≤ ${secs(loadTarget)}` : "all frames",
      yes(s.done && (!loadTarget || s.loadMs <= loadTarget)),
    );
    if (s.loadFrames) {
      const lf = s.loadLongFrames;
      row("4b", "  the page's animation frames while loading", `${frameStats(s.loadFrames)}; long animation frames (LoAF, > 50 ms of work): ${fmtInt(lf?.count ?? 0)}${lf?.count ? `, longest ${fmtInt(lf.longest)} ms` : ""}`, idle ? `idle: longest ${fmtInt(idle.longest)} ms` : "", "", `no frame > ${TARGETS.frameMs} ms`, yes(s.loadFrames.over50 === 0));
    }
    if (s.loadMainThread) row("4b", "  the page's main thread while loading", mainThread(s.loadMainThread), "", "", "", "");
    if (s.loadWorker) row("4b", "  the frames worker while loading (its own clock)", workerText(s.loadWorker), "", "", "", "");
    if (s.loadWorker?.lastLoad && s.clickAt) row("4b", "  the frames worker's steps after the click (epoch clocks of page and worker)", loadTraceText(s.loadWorker.lastLoad, s.clickAt), `all in the store +${fmtInt(s.loadMs)} ms`, "", "", "");
    if (s.heap) {
      row("4b", `  JS heap used after loading (after a forced GC)`, `${mib(s.heap.used)} (${fmtInt(s.heap.used / Math.max(1, s.loaded))} B/frame)`, `page with an empty session: ${mib(s.heapEmpty.used)}`, fmtRatio(s.heap.used / s.heapEmpty.used), "< 1 GiB", yes(s.heap.used < TARGETS.heapBytes));
    } else row("4b", "  JS heap used after loading", `not measured: ${s.heapError ?? (s.crashed ? "the page crashed" : "?")}`, s.heapEmpty ? `page with an empty session: ${mib(s.heapEmpty.used)}` : "", "", "< 1 GiB", "❌ no");
    if (s.renderer?.processes) {
      row("4b", "  the page's renderer process after loading (PSS: the page's and the frames worker's heaps, array buffers, Blink)", `${mib(s.renderer.bytes)} (${fmtInt((s.renderer.bytes - s.rendererEmpty.bytes) / Math.max(1, s.loaded))} B/frame above the empty page; ${s.renderer.processes} renderer process${s.renderer.processes === 1 ? "" : "es"})`, `page with an empty session: ${mib(s.rendererEmpty.bytes)}`, fmtRatio(s.renderer.bytes / s.rendererEmpty.bytes), "< 1 GiB", yes(s.renderer.bytes < TARGETS.heapBytes));
    }
    if (Array.isArray(s.filters)) {
      for (const f of s.filters) {
        row(
          "4c",
          `  ${N} frames: ${f.what}, typed into Filter frames → ${f.field} "${f.value}": filter set → every match found (keystroke → count shown, with the bar's 200 ms typing pause)`,
          `${f.ms === undefined ? "not measured (the app has no User Timing)" : `${fmtInt(f.ms)} ms`} (${fmtInt(f.typedMs)} ms): ${fmtInt(f.matches)} matches${f.frames ? ` over ${fmtInt(f.frames)} frames` : ""}${f.worker ? " (in the frames worker)" : ""}; ${frameStats(f.frameStats)}; LoAF: ${fmtInt(f.longFrames?.count ?? 0)}`,
          idle ? `idle: longest ${fmtInt(idle.longest)} ms` : "",
          "",
          `≤ ${TARGETS.filterMs} ms, no frame > ${TARGETS.frameMs} ms`,
          yes(f.ms !== undefined && f.ms <= TARGETS.filterMs && f.frameStats.over50 === 0),
        );
      }
    } else if (s.filters?.error) row("4c", `  ${N} frames: filters`, `failed: ${s.filters.error}`, "", "", `≤ ${TARGETS.filterMs} ms`, "❌ no");
    if (!s.done) continue;
    const idleBase = idle ? `idle: longest ${fmtInt(idle.longest)} ms` : "";
    row("4b", "  grid focused, Home → row 1 rendered · End → last row rendered", `${fmtInt(s.home.ms)} ms · ${fmtInt(s.end.ms)} ms; frames: Home ${fmtInt(s.home.frames.longest)} ms, End ${fmtInt(s.end.frames.longest)} ms longest`, idleBase, "", `no frame > ${TARGETS.frameMs} ms`, yes(s.home.found && s.end.found && s.home.frames.over50 === 0 && s.end.frames.over50 === 0));
    const sc = s.scroll;
    row(
      "4b",
      `  scroll top → bottom: scrollTop in ${fmtInt(sc.jumps)} jumps of ${fmtInt(sc.stepPx)} px (viewport ${fmtInt(sc.viewportPx)} px), one per animation frame, each a new set of rows`,
      `${sc.reachedEnd ? `${secs(sc.ms)} to the last row` : `stopped after ${secs(sc.ms)} at ${Math.round(sc.reached * 100)}% (${fmtInt(sc.steps)} jumps)`}; ${frameStats(sc.frames)}; long animation frames (LoAF, > 50 ms of work): ${fmtInt(s.scrollLongFrames?.count ?? 0)}`,
      idleBase,
      idle ? fmtRatio(sc.frames.longest / Math.max(1, idle.longest)) : "",
      `no frame > ${TARGETS.frameMs} ms`,
      yes(sc.reachedEnd && sc.frames.over50 === 0 && (s.scrollLongFrames?.count ?? 0) === 0),
    );
    if (s.scrollMainThread) row("4b", "  the page's main thread while scrolling", mainThread(s.scrollMainThread), "", "", "", "");
  }
  const header = ["#", "figure", "measured", "baseline (same run)", "vs baseline", "target", "met"];
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const r of rows) lines.push(`| ${r.map((x) => String(x).replaceAll("|", "\\|")).join(" | ")} |`);
  return { rows, markdown: lines.join("\n"), allMet: rows.every((r) => !r[6] || r[6].startsWith("✅")) };
}

/**
 * Runs part 4 and returns `{ rows, markdown, allMet, results }` (rows: `[id, figure, measured,
 * baseline, vs, target, met]`). Bounded: ~90 s quick, < 4 min full; every process it starts is
 * registered with lib/cleanup.mjs.
 */
export async function timelineScale({ quick = false, log = (l) => process.stderr.write(`[bench] ${l}\n`), token = randomBytes(16).toString("hex"), count, sizes, profile = false, budgetMs } = {}) {
  const started = Date.now();
  const total = budgetMs ?? (quick ? 80_000 : 220_000);
  const budget = { remaining: () => total - (Date.now() - started) };
  count ??= quick ? 50_000 : 200_000;
  sizes ??= quick ? [100_000] : [100_000, 1_000_000];
  const jumps = quick ? 150 : 300;
  const scrollCapMs = quick ? 12_000 : 15_000;
  const chrome = await launchChromium();
  try {
    log(`timeline: Chromium ${chrome.browser.version()} (pid ${chrome.pid})`);
    const d = await delivery({ count, token, browser: chrome.browser, browserPid: chrome.pid, log, profile });
    const scaled = await scale({ sizes, token, browser: chrome.browser, browserPid: chrome.pid, log, budget, jumps, scrollCapMs, profile });
    const table = buildRows(d, scaled);
    return { ...table, results: { delivery: d, scale: scaled, seconds: (Date.now() - started) / 1000 } };
  } finally {
    await chrome.close();
  }
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values: opts } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      count: { type: "string" },
      sizes: { type: "string" },
    },
  });
  const log = (line) => process.stderr.write(`[bench] ${line}\n`);
  const limitMs = opts.quick ? 88_000 : 238_000; // the brief: < 90 s quick, < 4 min full
  let finished = false;
  const abort = async (reason, code = 1) => {
    if (finished) return;
    finished = true;
    log(reason);
    await cleanupAll();
    process.exit(code);
  };
  const watchdog = setTimeout(() => abort(`timed out after ${limitMs / 1000} s; stopped everything`), limitMs);
  process.on("SIGINT", () => abort("interrupted"));
  process.on("SIGTERM", () => abort("terminated"));
  process.on("exit", killTracked);
  try {
    const machine = machineInfo();
    const load = os.loadavg()[0].toFixed(2);
    log(`${machine.cpu}, ${machine.cores} cores, node ${machine.node}; ${opts.quick ? "quick" : "full"} run`);
    const out = await timelineScale({
      quick: opts.quick,
      log,
      profile: opts.profile,
      count: opts.count ? Number(opts.count) : undefined,
      sizes: opts.sizes ? opts.sizes.split(",").map(Number) : undefined,
      budgetMs: opts.quick ? 78_000 : 222_000,
    });
    const notes = [
      `- ${opts.quick ? "`--quick`" : "full"} run, ${out.results.seconds.toFixed(1)} s; Chromium headless (${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"}), viewport ${VIEWPORT.width}×${VIEWPORT.height}, mcpscope's CLI and each MCP server in processes of their own, on ${machine.cores} cores.`,
      `- Load average (1 min) at start / end: ${load} / ${os.loadavg()[0].toFixed(2)}.`,
    ];
    process.stdout.write(`\n${out.markdown}\n\n${notes.join("\n")}\n\n${out.allMet ? "All targets met." : "Some targets were missed (❌ above)."}\n`);
    const profiles = [out.results.delivery.profile, ...out.results.scale.flatMap((s) => s.profiles ?? [])].filter(Boolean);
    for (const pr of profiles) {
      process.stdout.write(`\nCPU profile of the page, ${pr.label} (${pr.file}): ${fmtInt(pr.totalMs)} ms busy, ${fmtInt(pr.idleMs)} ms idle/program; top self time:\n`);
      for (const r of pr.rows) process.stdout.write(`  ${r.ms.toFixed(0).padStart(6)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}\n`);
    }
    for (const s of out.results.scale) {
      for (const [label, lf] of [[`loading ${fmtInt(s.size)}`, s.loadLongFrames], [`scrolling ${fmtInt(s.size)}`, s.scrollLongFrames]]) {
        if (!lf?.count) continue;
        process.stdout.write(`Long animation frames while ${label}: ${lf.count}, ${fmtInt(lf.totalMs)} ms (render+style ${fmtInt(lf.renderMs)} ms), longest ${fmtInt(lf.longest)} ms; scripts: ${lf.scripts.map(([k, ms]) => `${k} ${fmtInt(ms)} ms`).join("; ")}\n`);
      }
    }
    if (process.env.TIMELINE_SCALE_JSON) writeFileSync(process.env.TIMELINE_SCALE_JSON, JSON.stringify(out.results, null, 2));
    clearTimeout(watchdog);
    finished = true;
    await cleanupAll();
    process.exit(0);
  } catch (err) {
    clearTimeout(watchdog);
    await abort(`failed: ${err?.stack ?? err}`);
  }
}
