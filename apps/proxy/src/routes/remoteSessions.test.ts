import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiError, SendRequestResult, SessionInfo } from "@mcpscope/protocol";
import { startEverything, startHttpFixture, type RunningHttpServer } from "@mcpscope/fixtures";
import { startTestApp, type TestApp } from "../testing/testApp.js";

const call = (t: TestApp, id: string, method: string, params?: Record<string, unknown>) => t.request(id, method, params);
const frames = (t: TestApp, id: string) => t.frames(id);
function resultOf(answer: SendRequestResult): Record<string, unknown> {
  if (!("result" in answer)) throw new Error(`expected a result, got ${JSON.stringify(answer)}`);
  return answer.result;
}

describe.each([
  { mode: "streamableHttp" as const, transport: "streamable-http" as const, path: "/mcp" },
  { mode: "sse" as const, transport: "sse" as const, path: "/sse" },
])("server-everything over $transport", ({ mode, transport, path }) => {
  let t: TestApp;
  let server: RunningHttpServer;
  let session: SessionInfo;
  beforeAll(async () => {
    [t, server] = await Promise.all([startTestApp(), startEverything(mode)]);
    session = await t.openSession({ transport, url: server.origin + path } as never);
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it("initializes, lists and calls tools, reads a resource and gets a prompt", async () => {
    expect(session).toMatchObject({ status: "ready", transport, serverInfo: { name: "mcp-servers/everything" } });
    const tools = resultOf(await call(t, session.id, "tools/list")).tools as Array<{ name: string }>;
    expect(tools.map((x) => x.name)).toContain("echo");
    expect(await call(t, session.id, "tools/call", { name: "echo", arguments: { message: "over http" } })).toMatchObject({
      result: { content: [{ type: "text", text: "Echo: over http" }] },
    });
    const resources = resultOf(await call(t, session.id, "resources/list")).resources as Array<{ uri: string }>;
    const read = resultOf(await call(t, session.id, "resources/read", { uri: resources[0]!.uri }));
    expect((read.contents as Array<{ uri: string }>)[0]!.uri).toBe(resources[0]!.uri);
    const prompts = resultOf(await call(t, session.id, "prompts/list")).prompts as Array<{ name: string; arguments?: Array<{ required?: boolean }> }>;
    const simple = prompts.find((p) => !p.arguments?.some((a) => a.required))!;
    expect(resultOf(await call(t, session.id, "prompts/get", { name: simple.name })).messages).toBeInstanceOf(Array);
  });

  it("records each HTTP exchange as an http frame linked to the JSON-RPC frames it carried", async () => {
    const all = await frames(t, session.id);
    const callFrame = all.find((f) => f.dir === "out" && f.msg?.method === "tools/call")!;
    const exchange = callFrame.meta?.exchange;
    expect(exchange).toEqual(expect.any(Number));
    const http = all.find((f) => f.kind === "http" && f.meta?.exchange === exchange && f.meta?.status !== undefined)!;
    expect(http.meta).toMatchObject({ method: "POST", status: expect.any(Number), durationMs: expect.any(Number) });
    // Over Streamable HTTP the answer rides the POST's own exchange; over SSE it arrives on the GET stream.
    const answer = all.find((f) => f.dir === "in" && f.kind === "response" && f.msg?.id === callFrame.msg?.id)!;
    expect(answer.raw).toContain("Echo: over http");
    if (transport === "streamable-http") {
      expect(answer.meta?.exchange).toBe(exchange);
      expect((http.meta!.requestHeaders as Record<string, string>)["mcp-session-id"]).toBeTruthy();
      expect((http.meta!.requestHeaders as Record<string, string>)["mcp-protocol-version"]).toBe("2025-11-25");
    }
  });

  it("closes: Streamable HTTP sends DELETE with the session id", async () => {
    expect((await t.api("DELETE", `/api/sessions/${session.id}`)).status).toBe(204);
    const all = await frames(t, session.id);
    if (transport === "streamable-http") expect(all.some((f) => f.kind === "http" && f.meta?.method === "DELETE")).toBe(true);
    expect(all.at(-1)?.meta?.event).toBe("closed");
  });
});

describe("Streamable HTTP details", () => {
  let t: TestApp;
  let fixture: RunningHttpServer;
  beforeAll(async () => {
    [t, fixture] = await Promise.all([startTestApp(), startHttpFixture()]);
  });
  afterAll(async () => {
    await t.close();
    await fixture.stop();
  });

  it("sends custom headers to the server and redacts secret values in what the browser gets", async () => {
    const headers = { Authorization: "Bearer s3cret-value", "X-Api-Key": "k-12345", "X-Trace": "visible-trace" };
    const session = await t.openSession({ transport: "streamable-http", url: `${fixture.origin}/mcp`, headers } as never);
    const answer = resultOf(await call(t, session.id, "tools/call", { name: "echo-headers", arguments: {} }));
    const received = JSON.parse((answer.content as Array<{ text: string }>)[0]!.text) as Record<string, string>;
    expect(received).toMatchObject({ authorization: "Bearer s3cret-value", "x-api-key": "k-12345", "x-trace": "visible-trace" });

    const info = (await t.api<SessionInfo>("GET", `/api/sessions/${session.id}`)).body;
    expect(info.target).toMatchObject({ headers: { Authorization: "Bearer [redacted]", "X-Api-Key": "[redacted]", "X-Trace": "visible-trace" } });
    const http = (await frames(t, session.id)).filter((f) => f.kind === "http");
    expect(JSON.stringify(http)).not.toContain("s3cret-value");
    expect(JSON.stringify(http)).not.toContain("k-12345");
    expect(JSON.stringify(http)).toContain("visible-trace");
  });

  it("shows secrets when the user opts in", async () => {
    const session = await t.openSession({ transport: "streamable-http", url: `${fixture.origin}/mcp`, headers: { "X-Api-Key": "k-shown" }, revealSecrets: true } as never);
    expect(JSON.stringify(await frames(t, session.id))).toContain("k-shown");
  });

  it("resumes a stream broken mid-call with Last-Event-ID, losing no progress", async () => {
    const session = await t.openSession({ transport: "streamable-http", url: `${fixture.origin}/mcp` } as never);
    const answer = await call(t, session.id, "tools/call", { name: "progress-then-break", arguments: {} });
    expect(answer).toMatchObject({ result: { content: [{ type: "text", text: "done after resume" }] } });
    const all = await frames(t, session.id);
    const resumed = all.find((f) => f.kind === "http" && f.meta?.method === "GET" && (f.meta?.requestHeaders as Record<string, string>)?.["last-event-id"]);
    expect(resumed).toBeDefined();
    const progress = all.filter((f) => f.msg?.method === "notifications/progress").map((f) => (f.msg?.params as { progress: number }).progress);
    expect(progress).toEqual([1, 2, 3]);
    expect(all.some((f) => f.kind === "http" && f.meta?.event === "stream-end")).toBe(true);
  });

  it("falls back from Streamable HTTP to SSE for a legacy server when no transport is given", async () => {
    const legacy = await startEverything("sse");
    try {
      const session = await t.openSession({ url: `${legacy.origin}/sse` } as never);
      expect(session).toMatchObject({ status: "ready", transport: "sse" });
      expect((await frames(t, session.id)).some((f) => f.meta?.event === "fallback")).toBe(true);
      const auto = await t.openSession({ url: `${fixture.origin}/mcp` } as never);
      expect(auto.transport).toBe("streamable-http");
    } finally {
      await legacy.stop();
    }
  });
});

describe("connection doctor", () => {
  let t: TestApp;
  let fixture: RunningHttpServer;
  beforeAll(async () => {
    [t, fixture] = await Promise.all([startTestApp(), startHttpFixture()]);
  });
  afterAll(async () => {
    await t.close();
    await fixture.stop();
  });

  const open = (body: unknown) => t.api<ApiError>("POST", "/api/sessions", body);

  it("explains HTTP 401 with the WWW-Authenticate challenge", async () => {
    const res = await open({ transport: "streamable-http", url: `${fixture.origin}/401` });
    expect(res.body.code).toBe("MCPSCOPE_SERVER_UNAUTHORIZED");
    expect(res.body.message).toContain('WWW-Authenticate: Bearer realm="fixture"');
    expect(res.body.hint).toMatch(/Authorization/);
  });

  it("explains a wrong endpoint (404)", async () => {
    const res = await open({ transport: "streamable-http", url: `${fixture.origin}/nope` });
    expect(res.body.code).toBe("MCPSCOPE_WRONG_ENDPOINT");
    expect(res.body.hint).toMatch(/\/mcp.*\/sse/);
  });

  it("explains a refused connection", async () => {
    const closed = await startHttpFixture();
    await closed.stop();
    const res = await open({ transport: "streamable-http", url: `${closed.origin}/mcp` });
    expect(res.body.code).toBe("MCPSCOPE_CONNECTION_REFUSED");
    expect(res.body.message).toContain(`127.0.0.1:${closed.port}`);
  });

  it("rejects a URL that is not http(s)", async () => {
    const res = await open({ url: "file:///etc/passwd" });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/http: or https:/);
  });
});
