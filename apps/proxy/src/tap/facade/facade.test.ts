import { startEverything, startHttpFixture, startModernFixture, type RunningHttpServer } from "@mcpscope/fixtures";
import type { Frame, SessionInfo, SessionTarget, Tap } from "@mcpscope/protocol";
// The client here is a third party's: the v1 SDK, which most MCP clients in the field run.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultServerTarget } from "../../sessions/defaultServer.js";
import { startTestApp, type TestApp } from "../../testing/testApp.js";
import { processRuns } from "../instanceRegistry.js";

let app: TestApp;
const upstreams: RunningHttpServer[] = [];

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  await Promise.all(upstreams.map((u) => u.stop()));
});

async function createTap(name: string, target: SessionTarget | { transport: string; url: string }): Promise<Tap> {
  const res = await app.api<Tap>("POST", "/api/taps", { name, target });
  expect(res.status).toBe(201);
  return res.body;
}

async function sessionsOf(name: string): Promise<SessionInfo[]> {
  return (await app.api<SessionInfo[]>("GET", "/api/sessions")).body.filter((s) => s.tap?.name === name);
}

async function framesOf(id: string): Promise<Frame[]> {
  return (await app.api<{ frames: Frame[] }>("GET", `/api/sessions/${id}/frames?limit=100000`)).body.frames;
}

describe("a tap's HTTP facade", () => {
  it("relays a Streamable HTTP server to a real client, headers included, and records the session live", async () => {
    const upstream = await startHttpFixture();
    upstreams.push(upstream);
    const tap = await createTap("fixture", { transport: "streamable-http", url: `${upstream.origin}/mcp` });
    expect(tap.url).toBe(`${app.base}/tap/fixture/${tap.token}/mcp`);
    const client = new Client({ name: "facade-test-client", version: "2.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(tap.url), { requestInit: { headers: { Authorization: "Bearer client-secret", "X-Trace": "t-1" } } });
    await client.connect(transport);

    // What the server received: the client's headers, its session id, and its own Host.
    const echoed = await client.callTool({ name: "echo-headers", arguments: {} });
    const headers = JSON.parse((echoed.content as Array<{ text: string }>)[0]!.text) as Record<string, string>;
    expect(headers).toMatchObject({ authorization: "Bearer client-secret", "x-trace": "t-1", "mcp-session-id": transport.sessionId, "mcp-protocol-version": "2025-11-25", host: new URL(upstream.origin).host });
    expect(headers["mcpscope-tap-token"]).toBeUndefined();

    // Progress on the call's own stream, across a broken stream resumed with Last-Event-ID.
    const progress: number[] = [];
    const result = await client.callTool({ name: "progress-then-break", arguments: {} }, undefined, { onprogress: (p) => progress.push(p.progress) });
    expect(progress).toEqual([1, 2, 3]);
    expect(result.content).toEqual([{ type: "text", text: "done after resume" }]);

    const [session] = await sessionsOf("fixture");
    expect(session).toMatchObject({ status: "ready", transport: "streamable-http", serverInfo: { name: "http-fixture" }, tap: { name: "fixture", kind: "http", client: { name: "facade-test-client" } } });
    expect(tap.sessionIds).toEqual([]);
    expect((await app.api<Tap[]>("GET", "/api/taps")).body[0]!.sessionIds).toEqual([session!.id]);
    const frames = await framesOf(session!.id);
    const http = frames.filter((f) => f.kind === "http" && f.meta?.status !== undefined);
    expect(http[0]!.meta).toMatchObject({ method: "POST", url: `${upstream.origin}/mcp`, requestHeaders: { authorization: "Bearer [redacted]" } });
    const call = frames.find((f) => f.dir === "out" && (f.msg?.params as { name?: string })?.name === "progress-then-break")!;
    const progressFrames = frames.filter((f) => f.msg?.method === "notifications/progress");
    expect(progressFrames.map((f) => (f.msg!.params as { progress: number }).progress)).toEqual([1, 2, 3]);
    // The first progress came on the call's own stream; the rest on the resumed GET.
    expect(progressFrames[0]!.meta?.exchange).toBe(call.meta?.exchange);
    expect(frames.some((f) => f.kind === "http" && (f.meta?.requestHeaders as Record<string, string> | undefined)?.["last-event-id"] !== undefined)).toBe(true);

    await transport.terminateSession();
    await client.close();
    await expect.poll(async () => (await sessionsOf("fixture"))[0]!.status).toBe("closed");
  });

  it("keeps a request's progress on its own SSE stream, in order with its answer (server-everything)", async () => {
    const upstream = await startEverything("streamableHttp");
    upstreams.push(upstream);
    const tap = await createTap("everything", { transport: "streamable-http", url: `${upstream.origin}/mcp` });
    const client = new Client({ name: "c", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(tap.url)));
    const progress: number[] = [];
    await client.callTool({ name: "trigger-long-running-operation", arguments: { duration: 0.5, steps: 5 } }, undefined, { onprogress: (p) => progress.push(p.progress) });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    await client.close();
    const frames = await framesOf((await sessionsOf("everything"))[0]!.id);
    const call = frames.find((f) => f.dir === "out" && f.msg?.method === "tools/call")!;
    const onItsStream = frames.filter((f) => f.dir === "in" && f.meta?.exchange === call.meta?.exchange);
    expect(onItsStream.map((f) => f.msg?.method ?? "response")).toEqual(["notifications/progress", "notifications/progress", "notifications/progress", "notifications/progress", "notifications/progress", "response"]);
  });

  it("relays a legacy HTTP+SSE server, pointing its endpoint event at the facade", async () => {
    const upstream = await startEverything("sse");
    upstreams.push(upstream);
    const tap = await createTap("legacy", { transport: "sse", url: `${upstream.origin}/sse` });
    expect(tap.url).toBe(`${app.base}/tap/legacy/${tap.token}/sse`);
    const client = new Client({ name: "legacy-client", version: "1" });
    const transport = new SSEClientTransport(new URL(tap.url));
    await client.connect(transport);
    expect((await client.callTool({ name: "echo", arguments: { message: "through sse" } })).content).toEqual([{ type: "text", text: "Echo: through sse" }]);
    await client.close();
    const [session] = await sessionsOf("legacy");
    expect(session).toMatchObject({ transport: "sse", serverInfo: { name: "mcp-servers/everything" }, tap: { client: { name: "legacy-client" } } });
    const frames = await framesOf(session!.id);
    const endpoint = frames.find((f) => f.meta?.event === "endpoint")!;
    expect(endpoint.meta?.endpoint).toMatch(/^\/message\?sessionId=/);
    // Every POST went through the facade (recorded), not straight to the server.
    expect(frames.filter((f) => f.kind === "http" && f.meta?.method === "POST").every((f) => String(f.meta?.url).startsWith(`${upstream.origin}/message?sessionId=`))).toBe(true);
    expect(frames.some((f) => f.dir === "in" && JSON.stringify(f.msg?.result ?? "").includes("Echo: through sse"))).toBe(true);
    await expect.poll(async () => (await sessionsOf("legacy"))[0]!.status).toBe("closed");
  });

  it("bridges a stdio server: one process per client session, progress on the request's stream, DELETE ends it", async () => {
    const everything = defaultServerTarget();
    const tap = await createTap("stdio", { transport: "stdio", command: everything.command, args: everything.args, env: {} });
    const connect = async (name: string) => {
      const client = new Client({ name, version: "1" });
      const transport = new StreamableHTTPClientTransport(new URL(tap.url));
      await client.connect(transport);
      return { client, transport };
    };
    const a = await connect("client-a");
    const b = await connect("client-b");
    expect(a.transport.sessionId).not.toBe(b.transport.sessionId);
    const progress: number[] = [];
    await a.client.callTool({ name: "trigger-long-running-operation", arguments: { duration: 0.3, steps: 3 } }, undefined, { onprogress: (p) => progress.push(p.progress) });
    expect(progress).toEqual([1, 2, 3]);
    expect((await b.client.callTool({ name: "echo", arguments: { message: "b" } })).content).toEqual([{ type: "text", text: "Echo: b" }]);

    const sessions = await sessionsOf("stdio");
    expect(sessions.map((s) => s.tap?.client?.name).sort()).toEqual(["client-a", "client-b"]);
    const pids = sessions.map((s) => s.pid!);
    expect(new Set(pids).size).toBe(2);
    expect(pids.every(processRuns)).toBe(true);

    await a.transport.terminateSession();
    await a.client.close();
    const aSession = sessions.find((s) => s.tap?.client?.name === "client-a")!;
    await expect.poll(async () => (await app.api<SessionInfo>("GET", `/api/sessions/${aSession.id}`)).body.status, { timeout: 10_000 }).not.toBe("ready");
    expect(processRuns(aSession.pid!)).toBe(false);
    await b.transport.terminateSession();
    await b.client.close();
  });
});

describe("a tap's HTTP facade and 2026-07-28", () => {
  it("relays stateless requests untouched, recorded in one session per facade", async () => {
    const upstream = await startModernFixture({ modernOnly: true });
    upstreams.push(upstream);
    const tap = await createTap("modern", { transport: "streamable-http", url: `${upstream.origin}/mcp` });
    const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientInfo": { name: "modern-http-client", version: "1.0.0" }, "io.modelcontextprotocol/clientCapabilities": {} };
    const call = async (url: string, id: number, method: string) => {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": method }, body: JSON.stringify({ jsonrpc: "2.0", id, method, params: { _meta: meta } }) });
      return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
    };
    for (const [id, method] of [[1, "server/discover"], [2, "tools/list"]] as const) {
      const direct = await call(`${upstream.origin}/mcp`, id, method);
      expect(await call(tap.url, id, method)).toEqual(direct);
    }
    const sessions = await sessionsOf("modern");
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ protocolVersion: "2026-07-28", serverInfo: { name: "modern-fixture" }, tap: { client: { name: "modern-http-client" } } });
  });
});

describe("the facade's defences", () => {
  let tap: Tap;
  beforeAll(async () => {
    const upstream = await startHttpFixture();
    upstreams.push(upstream);
    tap = await createTap("guarded", { transport: "streamable-http", url: `${upstream.origin}/mcp` });
  });
  const init = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } } });
  const post = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${app.base}${path}`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body: init });

  it("refuses a rebinding Host or a foreign Origin (403), and takes a page on another local port", async () => {
    const { status, body } = await rawPost(`/tap/guarded/${tap.token}/mcp`, { host: "evil.example.com" });
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ jsonrpc: "2.0", error: { message: expect.stringContaining("Host header not allowed") } });
    const foreign = await post(`/tap/guarded/${tap.token}/mcp`, { origin: "http://evil.example.com" });
    expect(foreign.status).toBe(403);
    const local = await post(`/tap/guarded/${tap.token}/mcp`, { origin: "http://localhost:6274" });
    expect(local.status).toBe(200);
    await local.body?.cancel();
  });

  it("needs the tap's own token, in the path or a header; the API token is not one", async () => {
    expect((await post("/tap/guarded/mcp")).status).toBe(403);
    expect((await post(`/tap/guarded/${app.token}/mcp`)).status).toBe(403);
    expect((await post("/tap/guarded/mcp", { authorization: `Bearer ${app.token}` })).status).toBe(403);
    const viaHeader = await post("/tap/guarded/mcp", { "mcpscope-tap-token": tap.token });
    expect(viaHeader.status).toBe(200);
    await viaHeader.body?.cancel();
    const unknown = await post(`/tap/nope/${tap.token}/mcp`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('no tap named "nope"');
  });

  it("answers 502 with a JSON-RPC error when the server cannot be reached, and records why", async () => {
    const dead = await createTap("dead", { transport: "streamable-http", url: "http://127.0.0.1:9/mcp" });
    const res = await post(new URL(dead.url).pathname);
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/could not reach the tapped server at http:\/\/127\.0\.0\.1:9: ECONNREFUSED/);
    const [session] = await sessionsOf("dead");
    const frames = await framesOf(session!.id);
    expect(frames.find((f) => f.kind === "http")?.meta).toMatchObject({ error: { code: "ECONNREFUSED" } });
  });

  it("is created and deleted over the API (with the API token), for a configured server or a target", async () => {
    const bad = await app.api<{ code: string }>("POST", "/api/taps", { name: "guarded", target: { url: "http://127.0.0.1:1/mcp" } });
    expect([bad.status, bad.body.code]).toEqual([409, "MCPSCOPE_TAP_EXISTS"]);
    expect((await app.api<{ code: string }>("POST", "/api/taps", { name: "x", server: "missing" })).body.code).toBe("MCPSCOPE_SERVER_NOT_CONFIGURED");
    expect((await app.api<{ code: string }>("POST", "/api/taps", { name: "bad name!", target: { url: "http://127.0.0.1:1/mcp" } })).status).toBe(400);
    expect((await fetch(`${app.base}/api/taps`)).status).toBe(401);
    expect((await app.api("DELETE", "/api/taps/dead")).status).toBe(204);
    expect((await post(`/tap/dead/${tap.token}/mcp`)).status).toBe(404);
  });
});

/** A POST with a Host header of our choosing (fetch will not send one). */
async function rawPost(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { request } = await import("node:http");
  const url = new URL(app.base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end("{}");
  });
}
