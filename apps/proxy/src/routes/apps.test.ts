import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureCommand } from "@mcpscope/fixtures";
import type { AppDocument, AppFramesResult, Frame, InboxItem, SendRequestResult, SessionInfo } from "@mcpscope/protocol";
import { startTestApp, type TestApp } from "../testing/testApp.js";
import { connectWs } from "../testing/wsClient.js";

const APP = { instance: "app-1", resourceUri: "ui://probe/sandbox.html", toolName: "probe-sandbox" };

/** A raw request with any Host header (fetch would not send a foreign one). */
function rawGet(url: string, headers: Record<string, string>, method = "GET", body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, method }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("MCP Apps routes", () => {
  let t: TestApp;
  let session: SessionInfo;
  beforeAll(async () => {
    t = await startTestApp();
    session = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("appProbe") });
  });
  afterAll(() => t.close());

  const register = (body: Record<string, unknown>) => t.api<AppDocument>("POST", "/api/apps/documents", body);

  it("declares the MCP Apps extension to the server, and not when switched off", async () => {
    const declared = await t.request(session.id, "tools/call", { name: "client-capabilities", arguments: {} });
    expect(JSON.parse((declared as { result: { content: [{ text: string }] } }).result.content[0].text)).toMatchObject({
      extensions: { "io.modelcontextprotocol/ui": { mimeTypes: ["text/html;profile=mcp-app"] } },
    });
    const off = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("appProbe"), client: { capabilities: { apps: false } } } as never);
    const answer = await t.request(off.id, "tools/call", { name: "client-capabilities", arguments: {} });
    expect(JSON.parse((answer as { result: { content: [{ text: string }] } }).result.content[0].text)).not.toHaveProperty("extensions");
    expect(off.clientCapabilities).not.toHaveProperty("extensions");
  });

  it("serves a registered document from the sandbox's own port, with the declared CSP as a header and nothing more", async () => {
    const res = await register({ html: "<!doctype html><p>hello app</p>", csp: { connectDomains: ["https://api.example.com", "https://evil.example; script-src *"] }, permissions: { microphone: {} } });
    expect(res.status).toBe(201);
    const doc = res.body;
    const url = new URL(doc.url);
    expect(url.hostname).toBe("127.0.0.1");
    expect(url.port).not.toBe(new URL(t.base).port);
    expect(doc.sandbox).toBe("allow-scripts allow-forms");
    expect(doc.allow).toBe("microphone");
    expect(doc.ignored).toEqual(['csp.connectDomains: "https://evil.example; script-src *" is not an origin (scheme://host[:port])']);

    const page = await fetch(doc.url, { headers: { "sec-fetch-dest": "iframe" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe("<!doctype html><p>hello app</p>");
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toBe(doc.csp);
    expect(csp).toContain("connect-src https://api.example.com;");
    expect(csp).toContain(`frame-ancestors http://127.0.0.1:${new URL(t.base).port} http://localhost:${new URL(t.base).port};`);
    expect(csp.endsWith("; sandbox allow-scripts allow-forms")).toBe(true);
    expect(csp).not.toContain("evil.example");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("set-cookie")).toBeNull();
  });

  it("the sandbox refuses a foreign Host, a top-level load, other methods, unknown and released documents", async () => {
    const doc = (await register({ html: "<p>x</p>" })).body;
    const { port, pathname } = new URL(doc.url);
    expect((await rawGet(doc.url, { host: `evil.example:${port}` })).status).toBe(403);
    expect((await rawGet(doc.url, { host: `127.0.0.1:${port}`, "sec-fetch-dest": "document" })).status).toBe(403);
    expect((await fetch(doc.url, { method: "POST", body: "x" })).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${port}/apps/${"A".repeat(43)}`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/api/sessions`)).status).toBe(404);
    expect((await t.api("DELETE", `/api/apps/documents/${doc.id}`)).status).toBe(204);
    expect((await fetch(`http://127.0.0.1:${port}${pathname}`)).status).toBe(404);
    expect((await t.api("DELETE", `/api/apps/documents/${doc.id}`)).status).toBe(404);
  });

  it("needs the token, and accepts only a loopback embedder", async () => {
    const anonymous = await fetch(`${t.base}/api/apps/documents`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ html: "x" }) });
    expect(anonymous.status).toBe(401);
    expect((await register({ html: "x", embedder: "https://evil.example" })).status).toBe(400);
    const dev = await register({ html: "x", embedder: "http://localhost:5173" });
    expect(dev.body.csp).toContain(" http://localhost:5173;");
    // A page at an IPv6 literal cannot frame the sandbox (CSP cannot name it): refused with a way out.
    const port = new URL(t.base).port;
    const v6 = await rawGet(`${t.base}/api/apps/documents`, { host: `[::1]:${port}`, authorization: `Bearer ${t.token}`, "content-type": "application/json" }, "POST", JSON.stringify({ html: "x" }));
    expect(v6.status).toBe(503);
    expect(JSON.parse(v6.body)).toMatchObject({ code: "MCPSCOPE_APP_SANDBOX_UNAVAILABLE", hint: `Open mcpscope at http://localhost:${port}/ instead.` });
  });

  it("lets mcpscope's own page frame the sandbox (frame-src), and nothing else", async () => {
    const page = await fetch(`${t.base}/`);
    const csp = page.headers.get("content-security-policy")!;
    const sandboxPort = new URL((await register({ html: "x" })).body.url).port;
    expect(csp).toContain(`frame-src http://127.0.0.1:${sandboxPort} http://localhost:${sandboxPort}`);
    expect(csp).not.toContain("[::1]"); // a CSP source cannot be an IPv6 literal
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("records app↔host messages as frames of their own, paired per app instance", async () => {
    const before = (await t.frames(session.id)).length;
    const post = (app: typeof APP, frames: { dir: "app" | "host"; raw: string; reason?: string }[]) =>
      t.api<AppFramesResult>("POST", `/api/sessions/${session.id}/app-frames`, { app, frames });
    const a = await post(APP, [
      { dir: "app", raw: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ui/initialize", params: { appInfo: { name: "a", version: "1" } } }) },
      { dir: "host", raw: JSON.stringify({ jsonrpc: "2.0", id: 1, result: { protocolVersion: "2026-01-26" } }) },
      { dir: "app", raw: JSON.stringify({ jsonrpc: "2.0", method: "ui/notifications/initialized", params: {} }) },
      { dir: "app", raw: "{not json" },
      { dir: "app", raw: "{}", reason: "Invalid JSON-RPC message received" },
    ]);
    expect(a.status).toBe(200);
    expect(a.body.seqs).toEqual([before + 1, before + 2, before + 3, before + 4, before + 5]);
    const frames = (await t.frames(session.id)).slice(before);
    expect(frames.map((f: Frame) => [f.dir, f.kind])).toEqual([
      ["app", "request"],
      ["host", "response"],
      ["app", "notification"],
      ["app", "invalid"],
      ["app", "invalid"],
    ]);
    expect(frames[0]!.meta).toEqual({ app: "app-1", resourceUri: "ui://probe/sandbox.html", toolName: "probe-sandbox" });
    expect(frames[3]!.reason).toMatch(/^not JSON/);
    expect(frames[4]!.reason).toBe("Invalid JSON-RPC message received");
    // The session's own request ids are untouched: the next tools/call still pairs.
    const call = await t.request(session.id, "tools/call", { name: "ping-app", arguments: {} });
    expect(call).toMatchObject({ result: { content: [{ type: "text", text: "pong" }] } });
  });

  it("refuses frames that are not one app's messages", async () => {
    const bad = await t.api("POST", `/api/sessions/${session.id}/app-frames`, { app: APP, frames: [{ dir: "in", raw: "{}" }] });
    expect(bad.status).toBe(400);
    const none = await t.api("POST", `/api/sessions/${session.id}/app-frames`, { app: APP, frames: [] });
    expect(none.status).toBe(400);
  });

  it("puts an app request in every watcher's inbox and answers the page with the first answer", async () => {
    const ws = connectWs(t);
    await ws.opened;
    ws.subscribe(session.id);
    const waiting = t.api<{ result?: Record<string, unknown>; error?: { code: number; message: string } }>("POST", `/api/sessions/${session.id}/app-requests`, {
      app: APP,
      requestId: 7,
      method: "ui/open-link",
      params: { url: "https://example.com/docs" },
    });
    await expect.poll(() => ws.inbox(session.id)?.length).toBe(1);
    const item = ws.inbox(session.id)![0]!;
    expect(item).toMatchObject({ method: "ui/open-link", requestId: 7, params: { url: "https://example.com/docs" }, app: APP });
    expect((await t.api("POST", `/api/sessions/${session.id}/inbox/${item.id}`, { error: { code: -32000, message: "Denied in mcpscope" } })).status).toBe(204);
    expect((await waiting).body).toEqual({ error: { code: -32000, message: "Denied in mcpscope" } });

    const approved = t.api("POST", `/api/sessions/${session.id}/app-requests`, { app: APP, requestId: 8, method: "ui/message", params: { role: "user", content: [{ type: "text", text: "hi" }] } });
    await expect.poll(() => ws.inbox(session.id)?.length).toBe(1);
    await t.api("POST", `/api/sessions/${session.id}/inbox/${ws.inbox(session.id)![0]!.id}`, { result: {} });
    expect((await approved).body).toEqual({ result: {} });
    ws.socket.close();
  });

  it("drops an app request from the inbox when the page stops waiting, and never holds the server's requests for it", async () => {
    const gone = new AbortController();
    const waiting = fetch(`${t.base}/api/sessions/${session.id}/app-requests`, {
      method: "POST",
      signal: gone.signal,
      headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" },
      body: JSON.stringify({ app: APP, requestId: 9, method: "ui/open-link", params: { url: "https://example.com" } }),
    }).catch((err: Error) => err);
    await expect.poll(async () => (await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`)).body.length).toBe(1);
    // A call while the app request waits still times out: a server request in the inbox would pause it.
    const call = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "hang", arguments: {} }, timeoutMs: 300 });
    expect(call.body).toMatchObject({ error: { code: -32001 } });
    gone.abort();
    await waiting;
    await expect.poll(async () => (await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`)).body.length).toBe(0);
  });

  it("refuses app frames and requests for a closed session", async () => {
    const closed = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("appProbe") });
    await t.api("DELETE", `/api/sessions/${closed.id}`);
    const frames = await t.api<{ code: string }>("POST", `/api/sessions/${closed.id}/app-frames`, { app: APP, frames: [{ dir: "app", raw: "{}" }] });
    expect(frames.status).toBe(409);
    expect(frames.body.code).toBe("MCPSCOPE_SESSION_NOT_READY");
    const asked = await t.api("POST", `/api/sessions/${closed.id}/app-requests`, { app: APP, requestId: 1, method: "ui/open-link", params: { url: "https://example.com" } });
    expect(asked.status).toBe(409);
  });
});
