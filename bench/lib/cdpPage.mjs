// A page in headless Chromium driven over the DevTools protocol directly (`--remote-debugging-pipe`),
// with only the domains the bench reads: Page, Runtime, Performance (and Profiler when asked).
//
// Why not Playwright here: Playwright enables the Network domain on every page and worker, and
// Chromium then copies each WebSocket message into a `Network.webSocketFrameReceived` event
// (binary messages base64-encoded) and sends it to the driver. For a stream of binary
// WebSocket messages that costs Chromium about 8× the CPU of receiving them (100 MB: 1.7–2.0 s
// of CPU against 0.2 s with the Network domain off, measured while writing this). A person's
// browser with DevTools closed pays none of it, so the live-delivery bench (4a) measures the
// app in such a page, beside the same delivery into a Playwright page.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_ARGS } from "./browserPage.mjs";
import { onCleanup, trackPid } from "./cleanup.mjs";

/**
 * Launches Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium) with a DevTools pipe and opens
 * one page of `viewport` with `initScript` (a function) run before the page's own scripts.
 * Returns `{ pid, page, cdp, close }`: `page` has `goto(url)`, `evaluate(fn, arg)` (awaits
 * promises, returns JSON values), `waitForFunction(fn, arg, { timeout })` (polls every 50 ms;
 * throws after `timeout` ms); `cdp.send(method, params)` sends to the page's session and
 * `cdp.on(method, fn)` listens to its events (returns what stops it).
 */
export async function launchCdpPage({ viewport, initScript }) {
  const profileDir = mkdtempSync(join(tmpdir(), "mcpscope-bench-cdp-"));
  const child = spawn(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", [...CHROMIUM_ARGS, "--headless", "--remote-debugging-pipe", `--user-data-dir=${profileDir}`, `--window-size=${viewport.width},${viewport.height}`, "about:blank"], {
    stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"],
  });
  trackPid(child.pid);
  let exited = false;
  const gone = new Promise((resolve) => child.once("exit", () => resolve((exited = true))));
  const close = async () => {
    if (!exited) child.kill("SIGTERM");
    await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
    if (!exited) child.kill("SIGKILL");
    // Chromium's helper processes may still write into the profile for a moment.
    try {
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      // left in the temp directory
    }
  };
  const unregister = onCleanup(close);

  // The pipe: JSON messages, each ended by a NUL byte (fd 3 into Chromium, fd 4 out of it).
  const input = child.stdio[3];
  const output = child.stdio[4];
  let nextId = 1;
  const pending = new Map();
  const listeners = new Map();
  let buffered = "";
  output.setEncoding("utf8");
  output.on("data", (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf("\0")) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined) {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) p?.reject(new Error(`${p.method}: ${message.error.message}`));
        else p?.resolve(message.result);
      } else {
        for (const fn of listeners.get(message.method) ?? []) fn(message.params);
      }
    }
  });
  gone.then(() => {
    for (const p of pending.values()) p.reject(new Error(`${p.method}: Chromium exited`));
    pending.clear();
  });
  const sendTo = (sessionId, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, method });
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  /** Calls `fn` with each event `method`'s params; returns what stops it. */
  const on = (method, fn) => {
    listeners.set(method, [...(listeners.get(method) ?? []), fn]);
    return () => listeners.set(method, (listeners.get(method) ?? []).filter((f) => f !== fn));
  };

  const { targetInfos } = await sendTo(undefined, "Target.getTargets");
  const target = targetInfos.find((t) => t.type === "page");
  if (!target) throw new Error("Chromium opened no page");
  const { sessionId } = await sendTo(undefined, "Target.attachToTarget", { targetId: target.targetId, flatten: true });
  const cdp = { send: (method, params) => sendTo(sessionId, method, params), on };
  await cdp.send("Page.enable");
  await cdp.send("Runtime.enable");
  await cdp.send("Emulation.setDeviceMetricsOverride", { width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: false });
  await cdp.send("Page.addScriptToEvaluateOnNewDocument", { source: `(${initScript})()` });

  const evaluate = async (fn, arg) => {
    const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", { expression: `(${fn})(${arg === undefined ? "" : JSON.stringify(arg)})`, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`evaluate: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
  const page = {
    async goto(url) {
      let off;
      const loaded = new Promise((resolve) => (off = on("Page.loadEventFired", resolve)));
      try {
        await cdp.send("Page.navigate", { url });
        await loaded;
      } finally {
        off();
      }
    },
    evaluate,
    async waitForFunction(fn, arg, { timeout = 30_000 } = {}) {
      const until = Date.now() + timeout;
      for (;;) {
        if (await evaluate(fn, arg)) return;
        if (Date.now() > until) throw new Error(`waitForFunction: not true in ${timeout / 1000} s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  return {
    pid: child.pid,
    page,
    cdp,
    async close() {
      unregister();
      await close();
    },
  };
}
