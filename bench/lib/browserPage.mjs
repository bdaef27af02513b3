// Headless Debian Chromium (Playwright's `chromium`, from the root node_modules) and the
// instruments the bench installs in the page before the app's own scripts run:
// - an animation-frame recorder (frame intervals: longest, over 50 ms),
// - a collector of Long Animation Frame entries (which scripts made frames long),
// - waits for `window.__mcpscope.frameCount(sessionId)` to reach a seq, timed in the page,
// - the time of the last click and of the first grid rows of a newly selected session.
// Times cross between Node and the page as epoch milliseconds (`timeOrigin + now()`).
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "./env.mjs";
import { onCleanup, trackPid } from "./cleanup.mjs";

const rootRequire = createRequire(join(ROOT, "package.json"));

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--enable-precise-memory-info",
];

/**
 * Launches Chromium as a browser server (so its pid is tracked for cleanup) and connects
 * to it. Returns `{ browser, pid, close }`.
 */
export async function launchChromium() {
  const { chromium } = rootRequire("@playwright/test");
  const server = await chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const pid = server.process().pid;
  trackPid(pid);
  let closed;
  const close = () => (closed ??= server.close().catch(() => server.kill()));
  const unregister = onCleanup(close);
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    pid,
    async close() {
      unregister();
      await browser.close().catch(() => undefined);
      await close();
    },
  };
}

/** Installed with `page.addInitScript`: runs in the page before the app. */
export function pageInstruments() {
  const epoch = (t = performance.now()) => performance.timeOrigin + t;
  // rAF timestamps are vsync times, so frame times are whole vsync intervals (16.7 ms at
  // 60 Hz) plus timer jitter: a frame shown at the third vsync reads 50.0 ± 0.2 ms and took at
  // most 50 ms. `over50` counts frames over 50 ms beyond that jitter (the next step is 66.7 ms);
  // `at50` counts the frames shown at the third vsync.
  const JITTER_MS = 1;
  const summarize = (d) => {
    const sorted = [...d].sort((a, b) => a - b);
    const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
    return {
      frames: d.length,
      longest: sorted.at(-1) ?? 0,
      over50: d.filter((x) => x > 50 + JITTER_MS).length,
      at50: d.filter((x) => x >= 50 - JITTER_MS && x <= 50 + JITTER_MS).length,
      over100: d.filter((x) => x > 100).length,
      p50: q(0.5),
      p99: q(0.99),
      totalMs: d.reduce((s, x) => s + x, 0),
    };
  };

  const recorder = { running: false, intervals: [] };
  const startFrames = () => {
    recorder.running = true;
    recorder.intervals = [];
    let last;
    const loop = (t) => {
      if (!recorder.running) return;
      if (last !== undefined) recorder.intervals.push(t - last);
      last = t;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  };
  const stopFrames = () => {
    recorder.running = false;
    return summarize(recorder.intervals);
  };

  const loaf = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        loaf.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          style: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
          scripts: (e.scripts ?? []).map((s) => ({
            invoker: s.invoker,
            type: s.invokerType,
            fn: s.sourceFunctionName,
            url: s.sourceURL,
            pos: s.sourceCharPosition,
            duration: s.duration,
            forcedLayout: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {
    // not supported
  }
  /** Long animation frames since `since` (page ms): count, total, and script time per invoker. */
  const longFrames = (since = 0) => {
    const entries = loaf.filter((e) => e.start >= since);
    const byScript = new Map();
    let render = 0;
    for (const e of entries) {
      render += e.render;
      for (const s of e.scripts) {
        const key = `${s.type} ${s.invoker}${s.fn ? ` → ${s.fn}` : ""}`;
        byScript.set(key, (byScript.get(key) ?? 0) + s.duration);
      }
    }
    return {
      count: entries.length,
      totalMs: entries.reduce((s, e) => s + e.duration, 0),
      renderMs: render,
      longest: entries.reduce((m, e) => Math.max(m, e.duration), 0),
      scripts: [...byScript].sort((a, b) => b[1] - a[1]).slice(0, 8),
    };
  };

  let lastClick = 0;
  addEventListener("click", (e) => (lastClick = e.timeStamp), { capture: true });

  const count = (sessionId) => window.__mcpscope?.frameCount(sessionId) ?? 0;
  const grid = () => document.querySelector('[role="grid"][aria-label="Frames"]');
  const rowCount = () => Number(grid()?.getAttribute("aria-rowcount") ?? 0);

  /** Arms a wait for `frameCount(sessionId) >= target`; `done()` resolves with the epoch time. */
  let countWait;
  const armCount = (sessionId, target) => {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    const check = () => {
      const n = count(sessionId);
      if (n >= target) {
        clearInterval(timer);
        resolve({ at: epoch(), count: n });
        return true;
      }
      return false;
    };
    const timer = setInterval(check, 5);
    countWait = { promise, check, sessionId, target };
    check();
  };

  /**
   * Arms a watch for the first rows of `sessionId` after the next click: the grid first shows
   * the new session empty (`aria-rowcount` 1, its frames arrive after it subscribed), then rows.
   */
  let rowsWatch;
  const armFirstRows = (sessionId) => {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    let sawEmpty = false;
    const armedAt = performance.now();
    const check = () => {
      if (lastClick < armedAt) return;
      const rc = rowCount();
      if (rc === 1) sawEmpty = true;
      const n = count(sessionId);
      if (sawEmpty && rc > 1 && n > 0 && rc - 1 <= n && grid()?.querySelector('.frames-body [role="row"]')) {
        observer.disconnect();
        const domAt = performance.now();
        requestAnimationFrame(() => resolve({ clickAt: epoch(lastClick), domAt: epoch(domAt), frameAt: epoch(), rows: rc - 1 }));
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-rowcount"] });
    rowsWatch = { promise };
  };

  /** Sets scrollTop of the grid in `jumps` steps of at least one viewport, one per animation frame. */
  const stepScroll = async (jumps, lastSeq, capMs = 60_000) => {
    const el = document.querySelector(".frames-scroll");
    const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
    el.scrollTop = 0;
    await nextFrame();
    await nextFrame();
    const max = el.scrollHeight - el.clientHeight;
    const step = Math.max(el.clientHeight, max / jumps);
    startFrames();
    const t0 = performance.now();
    let pos = 0;
    let steps = 0;
    while (pos < max && performance.now() - t0 < capMs) {
      pos = Math.min(max, pos + step);
      el.scrollTop = pos;
      steps++;
      await nextFrame();
    }
    // Until the last row is rendered.
    while (pos >= max && !document.getElementById(`frame-row-${lastSeq}`) && performance.now() - t0 < capMs + 5_000) await nextFrame();
    const ms = performance.now() - t0;
    const frames = stopFrames();
    return { steps, jumps, reached: pos / max, stepPx: step, viewportPx: el.clientHeight, scrollHeight: el.scrollHeight, ms, frames, reachedEnd: Boolean(document.getElementById(`frame-row-${lastSeq}`)) };
  };

  /** Resolves with the epoch time at which the element with this id is in the DOM. */
  const waitForId = (id, timeoutMs) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const tick = () => {
        if (document.getElementById(id)) resolve({ at: epoch(), found: true });
        else if (performance.now() - t0 > timeoutMs) resolve({ at: epoch(), found: false });
        else requestAnimationFrame(tick);
      };
      tick();
    });

  window.__bench = {
    epoch,
    now: () => performance.now(),
    startFrames,
    stopFrames,
    longFrames,
    count,
    rowCount,
    armCount,
    countDone: () => countWait.promise,
    armFirstRows,
    firstRows: () => rowsWatch.promise,
    stepScroll,
    waitForId,
  };
}
