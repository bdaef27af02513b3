import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiError, Frame, InboxItem, SendRequestResult, SessionInfo } from "@mcpscope/protocol";
import { startModernHttpServer, type ModernHttpServer } from "../testing/modernHttpServer.js";
import { startTestApp, type TestApp } from "../testing/testApp.js";

const textOf = (answer: SendRequestResult) => ("result" in answer ? ((answer.result.content as Array<{ text?: string }>)?.[0]?.text ?? JSON.stringify(answer.result)) : `error ${answer.error.code}: ${answer.error.message}`);
const headersOf = (f: Frame) => (f.meta?.requestHeaders ?? {}) as Record<string, string>;

describe("a 2026-07-28 server over Streamable HTTP (SDK v2 createMcpHandler)", () => {
  let t: TestApp;
  let server: ModernHttpServer;
  let session: SessionInfo;
  beforeAll(async () => {
    [t, server] = await Promise.all([startTestApp(), startModernHttpServer()]);
    session = await t.openSession({ url: server.url } as never);
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });
  const call = (name: string, args: Record<string, unknown> = {}) => t.request(session.id, "tools/call", { name, arguments: args });
  const inbox = async () => (await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`)).body;

  it("connects with auto over Streamable HTTP by server/discover, with no session id", async () => {
    expect(session).toMatchObject({ status: "ready", transport: "streamable-http", protocolVersion: "2026-07-28", era: "modern", negotiation: { mode: "auto", outcome: "discover" } });
    const frames = await t.frames(session.id);
    expect(frames.find((f) => f.meta?.event === "probe")?.meta).toMatchObject({ transport: "streamable-http", timeoutMs: 30_000 });
    expect(frames.some((f) => f.msg?.method === "initialize")).toBe(false);
  });

  it("calls a tool with the 2026-07-28 headers, reads a resource and gets a prompt", async () => {
    expect(textOf(await call("echo", { message: "over http" }))).toBe("echo: over http");
    expect(await t.request(session.id, "resources/read", { uri: "demo://hello" })).toMatchObject({ result: { contents: [{ text: "hello, resource" }] } });
    expect(await t.request(session.id, "prompts/get", { name: "greet", arguments: { who: "Bo" } })).toMatchObject({ result: { messages: [{ content: { text: "Greet Bo" } }] } });
    const frames = await t.frames(session.id);
    const request = frames.findLast((f) => f.dir === "out" && f.msg?.method === "tools/call")!;
    const http = frames.find((f) => f.kind === "http" && f.meta?.exchange === request.meta?.exchange)!;
    expect(headersOf(http)).toMatchObject({ "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "echo" });
    expect(headersOf(http)).not.toHaveProperty("mcp-session-id");
  });

  it("streams progress on the request's own response and resets the idle timeout with it", async () => {
    await t.api("PATCH", `/api/sessions/${session.id}/settings`, { requestTimeoutMs: 400 });
    expect(textOf(await call("progress", { steps: 5, delayMs: 150 }))).toBe("done after 5 steps");
    await t.api("PATCH", `/api/sessions/${session.id}/settings`, { requestTimeoutMs: 60_000 });
    const frames = await t.frames(session.id);
    const request = frames.findLast((f) => f.dir === "out" && f.msg?.method === "tools/call")!;
    const progress = frames.filter((f) => f.msg?.method === "notifications/progress" && f.meta?.exchange === request.meta?.exchange);
    expect(progress).toHaveLength(5);
  });

  it("cancels by id by closing the request's stream, with no notifications/cancelled", async () => {
    const pending = call("slow", { ms: 20_000 });
    let request: Frame | undefined;
    await expect.poll(async () => (request = (await t.frames(session.id)).findLast((f) => f.dir === "out" && JSON.stringify(f.msg?.params ?? {}).includes('"ms":20000')))).toBeDefined();
    await t.api("POST", `/api/sessions/${session.id}/cancel`, { requestId: request!.msg!.id, reason: "stop" });
    expect(await pending).toMatchObject({ error: { code: -32800, message: "Cancelled: stop" } });
    const frames = await t.frames(session.id);
    expect(frames.some((f) => f.msg?.method === "notifications/cancelled")).toBe(false);
    // Nothing goes on the wire, so a lifecycle frame names the request and the reason.
    expect(frames.find((f) => f.meta?.event === "cancelled")?.meta).toMatchObject({ requestId: request!.msg!.id, reason: "stop", via: "closed the request's response stream" });
  });

  it("answers an input_required elicitation from the inbox over HTTP", async () => {
    const pending = call("confirm");
    await expect.poll(async () => (await inbox()).length).toBe(1);
    const [item] = await inbox();
    expect(item!.inputRequest).toMatchObject({ key: "who" });
    await t.api("POST", `/api/sessions/${session.id}/inbox/${item!.id}`, { result: { action: "accept", content: { name: "Cy" } } });
    expect(textOf(await pending)).toBe("hello Cy");
  });

  it("speaks a pinned handshake-era revision to the same dual-era endpoint", async () => {
    const legacy = await t.openSession({ url: server.url, protocol: "2025-06-18" } as never);
    expect(legacy).toMatchObject({ status: "ready", protocolVersion: "2025-06-18", era: "legacy", negotiation: { mode: "pinned", outcome: "initialize" } });
    expect(textOf(await t.request(legacy.id, "tools/call", { name: "echo", arguments: { message: "old" } }))).toBe("echo: old");
    const frames = await t.frames(legacy.id);
    expect(frames.some((f) => f.msg?.method === "server/discover")).toBe(false);
    // A stateless endpoint answers the GET stream 405 with a JSON-RPC error whose id is null.
    const get = frames.find((f) => f.kind === "http" && f.meta?.method === "GET" && f.meta?.status === 405);
    expect(get, "the SDK opens the GET stream after initialize").toBeDefined();
    expect(frames.find((f) => f.meta?.exchange === get!.meta?.exchange && f.dir === "in")).toMatchObject({ kind: "error", msg: { id: null } });
    expect(frames.filter((f) => f.kind === "invalid")).toEqual([]);
  });
});

describe("a server that speaks only 2026-07-28 over Streamable HTTP", () => {
  let t: TestApp;
  let server: ModernHttpServer;
  beforeAll(async () => {
    [t, server] = await Promise.all([startTestApp(), startModernHttpServer({ legacy: "reject" })]);
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });

  it("is reached with auto", async () => {
    expect(await t.openSession({ url: server.url } as never)).toMatchObject({ status: "ready", era: "modern" });
  });

  it("explains a pinned handshake-era revision it refuses, naming the versions it supports", async () => {
    const res = await t.api<ApiError>("POST", "/api/sessions", { url: server.url, protocol: "2025-11-25" });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe("MCPSCOPE_PROTOCOL_ERA_MISMATCH");
    expect(res.body.message).toContain("this server speaks only 2026-07-28; connect with --protocol auto or 2026-07-28".replace(/^t/, "T"));
    expect(res.body.hint).toContain("pinned to 2025-11-25");
    const sessions = (await t.api<SessionInfo[]>("GET", "/api/sessions")).body;
    const failed = sessions.find((s) => s.status === "failed")!;
    expect(failed.transport).toBe("streamable-http");
  });
});
