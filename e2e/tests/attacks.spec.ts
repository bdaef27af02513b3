import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./mcpscope.js";

/**
 * A page on another loopback port (same site, other origin: the browser sends mcpscope's
 * SameSite cookie along) tries every way a web page could drive mcpscope. Each attack
 * reports "blocked" or what it got.
 */
function attackPage(target: string, marker: string): string {
  const wsTarget = target.replace("http", "ws");
  const body = JSON.stringify({ transport: "stdio", command: "touch", args: [marker] });
  return `<!doctype html><html><body><h1>Totally harmless page</h1><ul id="results"></ul>
<form id="f" method="POST" action="${target}/api/sessions" enctype="text/plain" target="sink">
  <input name='{"transport":"stdio","command":"touch","args":["${marker}"],"x":"' value='"}'>
</form><iframe name="sink" title="sink"></iframe>
<script>
const results = (window.__results = {});
const report = (name, outcome) => {
  results[name] = outcome;
  const li = document.createElement("li");
  li.textContent = name + ": " + outcome;
  document.getElementById("results").appendChild(li);
};
const attempt = async (name, fn) => { try { report(name, await fn()); } catch (e) { report(name, "blocked"); } };
(async () => {
  await attempt("cors-post-start-process", async () => {
    const r = await fetch("${target}/api/sessions", { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body: ${JSON.stringify(body)} });
    return "read " + r.status;
  });
  await attempt("no-cors-post-start-process", async () => {
    await fetch("${target}/api/sessions", { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(body)} });
    return "sent (opaque)";
  });
  await attempt("read-sessions", async () => {
    const r = await fetch("${target}/api/sessions", { credentials: "include" });
    return "read " + (await r.text()).slice(0, 40);
  });
  await attempt("read-frames-with-guessed-token", async () => {
    const r = await fetch("${target}/api/sessions", { headers: { authorization: "Bearer guess" } });
    return "read " + r.status;
  });
  await attempt("websocket-subscribe", () => new Promise((resolve, reject) => {
    const ws = new WebSocket("${wsTarget}/api/ws");
    ws.onmessage = (m) => resolve("received " + String(m.data).slice(0, 40));
    ws.onerror = () => reject(new Error("error"));
    ws.onclose = () => reject(new Error("closed"));
  }));
  await attempt("script-include", () => new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = "${target}/api/sessions";
    s.onload = () => resolve("loaded");
    s.onerror = () => reject(new Error("error"));
    document.body.appendChild(s);
  }));
  await attempt("query-string-start", async () => {
    await fetch("${target}/?command=touch&args=${marker}", { mode: "no-cors", credentials: "include" });
    await fetch("${target}/api/sessions?transport=stdio&command=touch&args=${marker}", { method: "POST", mode: "no-cors", credentials: "include" });
    return "sent (opaque)";
  });
  document.getElementById("f").submit();
  report("form-post", "submitted");
  window.__done = true;
})();
</script></body></html>`;
}

test("a cross-origin page can neither start a process nor read anything", async ({ browser, mcpscope }) => {
  const marker = join(tmpdir(), `mcpscope-pwned-${Date.now()}`);
  const evil: Server = createServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(attackPage(mcpscope.origin, marker));
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  const evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // The victim is logged in: the mcpscope cookie is in this browser.
    await page.goto(mcpscope.url);
    await expect(page.getByRole("banner")).toContainText("ready");
    const before = (await (await fetch(`${mcpscope.origin}/api/sessions`, { headers: { authorization: `Bearer ${mcpscope.token}` } })).json()) as unknown[];

    const attacker = await context.newPage();
    await attacker.goto(evilOrigin);
    await attacker.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true);
    const results = await attacker.evaluate(() => (window as unknown as { __results: Record<string, string> }).__results);
    expect(results).toEqual({
      "cors-post-start-process": "blocked",
      "no-cors-post-start-process": "sent (opaque)",
      "read-sessions": "blocked",
      "read-frames-with-guessed-token": "blocked",
      "websocket-subscribe": "blocked",
      "script-include": "blocked",
      "query-string-start": "sent (opaque)",
      "form-post": "submitted",
    });
    // What was sent blind did nothing: no new session, no process ran.
    await expect(attacker.getByRole("listitem")).toHaveCount(8);
    const after = (await (await fetch(`${mcpscope.origin}/api/sessions`, { headers: { authorization: `Bearer ${mcpscope.token}` } })).json()) as unknown[];
    expect(after).toHaveLength(before.length);
    expect(existsSync(marker)).toBe(false);
  } finally {
    await context.close();
    await new Promise((resolve) => evil.close(resolve));
  }
});
