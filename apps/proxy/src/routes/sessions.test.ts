import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiError, Frame, FramesPage, SendRequestResult, SessionInfo } from "@mcpscope/protocol";
import { fixtureCommand } from "@mcpscope/fixtures";
import { defaultServerTarget } from "../sessions/defaultServer.js";
import { startTestApp, type TestApp } from "../testing/testApp.js";

describe("REST sessions against @modelcontextprotocol/server-everything over stdio", () => {
  let t: TestApp;
  let session: SessionInfo;

  beforeAll(async () => {
    t = await startTestApp();
    session = await t.openSession(defaultServerTarget());
  });
  afterAll(() => t.close());

  it("initializes and reports server info, capabilities and protocol version", () => {
    expect(session.status).toBe("ready");
    expect(session.serverInfo?.name).toBe("mcp-servers/everything");
    expect(session.protocolVersion).toBe("2025-11-25");
    expect(session.capabilities).toHaveProperty("tools");
    expect(session.pid).toBeGreaterThan(0);
  });

  it("lists tools and calls echo", async () => {
    const list = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/list" });
    expect(list.status).toBe(200);
    const tools = ("result" in list.body ? (list.body.result.tools as Array<{ name: string }>) : []).map((x) => x.name);
    expect(tools).toContain("echo");

    const call = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, {
      method: "tools/call",
      params: { name: "echo", arguments: { message: "hello mcpscope" } },
    });
    expect(call.body).toMatchObject({ result: { content: [{ type: "text", text: "Echo: hello mcpscope" }] } });
  });

  it("returns the server's JSON-RPC error as {error} with the original message", async () => {
    const res = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "no/such/method" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ error: { code: -32601 } });
    if ("error" in res.body) expect(res.body.error.message).not.toMatch(/^MCP error/);
  });

  it("records the session's frames contiguously with exact raw text, requests carrying progress tokens", async () => {
    const page = await t.api<FramesPage>("GET", `/api/sessions/${session.id}/frames?since=0&limit=100000`);
    const frames = page.body.frames;
    expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => i + 1));
    expect(page.body.lastSeq).toBe(frames.length);
    const call = frames.find((f) => f.kind === "request" && f.msg?.method === "tools/call")!;
    expect(JSON.parse(call.raw)).toEqual(call.msg);
    expect((call.msg?.params as { _meta?: { progressToken?: unknown } })._meta?.progressToken).toBeDefined();
    const answer = frames.find((f) => f.dir === "in" && f.msg?.id === call.msg?.id && f.kind === "response")!;
    expect(answer.raw).toContain("Echo: hello mcpscope");
    expect(answer.seq).toBeGreaterThan(call.seq);
    expect(frames.some((f) => f.kind === "stderr")).toBe(true);
    expect(frames[0]).toMatchObject({ kind: "lifecycle", meta: { event: "spawned" } });
    expect(frames.some((f) => f.meta?.event === "initialized")).toBe(true);

    const tail = await t.api<FramesPage>("GET", `/api/sessions/${session.id}/frames?since=${frames.length - 2}&limit=1`);
    expect(tail.body.frames.map((f: Frame) => f.seq)).toEqual([frames.length - 1]);
  });

  it("validates bodies and names the bad field", async () => {
    const res = await t.api<ApiError>("POST", "/api/sessions", { transport: "stdio", command: "" });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("MCPSCOPE_BAD_REQUEST");
    expect(res.body.message).toMatch(/command/);
    const unknown = await t.api<ApiError>("GET", "/api/sessions/nope");
    expect(unknown.status).toBe(404);
  });

  it("closes a session with DELETE: the process exits and further requests are refused", async () => {
    const other = await t.openSession(defaultServerTarget());
    expect((await t.api("DELETE", `/api/sessions/${other.id}`)).status).toBe(204);
    const info = await t.api<SessionInfo>("GET", `/api/sessions/${other.id}`);
    expect(info.body.status).toBe("closed");
    const frames = await t.api<FramesPage>("GET", `/api/sessions/${other.id}/frames`);
    expect(frames.body.frames.map((f) => f.meta?.event).slice(-2)).toEqual(["exited", "closed"]);
    const refused = await t.api<ApiError>("POST", `/api/sessions/${other.id}/requests`, { method: "ping" });
    expect(refused.status).toBe(409);
  });
});

describe("broken servers", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("records a server's non-JSON stdout lines as invalid frames and keeps the session going", async () => {
    const session = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("noisy") });
    const res = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, {
      method: "tools/call",
      params: { name: "print-garbage", arguments: {} },
    });
    expect(res.body).toMatchObject({ result: { content: [{ text: "printed garbage" }] } });
    const echo = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, {
      method: "tools/call",
      params: { name: "echo", arguments: { message: "still alive" } },
    });
    expect(echo.body).toMatchObject({ result: { content: [{ text: "Echo: still alive" }] } });
    const { body } = await t.api<FramesPage>("GET", `/api/sessions/${session.id}/frames`);
    const invalid = body.frames.filter((f) => f.kind === "invalid");
    expect(invalid.map((f) => f.raw)).toEqual([
      "noisy server starting (this line is not JSON-RPC)",
      '{"jsonrpc":"2.0"}',
      "\u00ff\u00fe plain text",
    ]);
    expect(invalid.every((f) => f.reason && f.msg === undefined)).toBe(true);
  });

  it("explains a command that does not exist", async () => {
    const res = await t.api<ApiError>("POST", "/api/sessions", { transport: "stdio", command: "mcpscope-no-such-server" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "MCPSCOPE_COMMAND_NOT_FOUND", message: "Command not found: mcpscope-no-such-server" });
    expect(res.body.hint).toMatch(/absolute path/);
    const failed = (await t.api<SessionInfo[]>("GET", "/api/sessions")).body.find((s) => s.status === "failed" && s.target.transport === "stdio" && s.target.command === "mcpscope-no-such-server");
    expect(failed).toMatchObject({ errorCode: "MCPSCOPE_COMMAND_NOT_FOUND", errorHint: res.body.hint });
  });

  it("explains a process that exits before initialize, with its exit code and stderr", async () => {
    const res = await t.api<ApiError>("POST", "/api/sessions", {
      transport: "stdio",
      command: process.execPath,
      args: ["-e", "console.error('missing API_KEY'); process.exit(2)"],
    });
    expect(res.status).toBe(502);
    expect(res.body.message).toMatch(/exited with code 2/);
    expect(res.body.message).toMatch(/missing API_KEY/);
  });

  it("fails a request at once when the server exits mid-request, and marks the session failed", async () => {
    const session = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("crash") });
    const res = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, {
      method: "tools/call",
      params: { name: "crash", arguments: {} },
    });
    expect(res.body).toMatchObject({ error: { code: -32000 } });
    await expect.poll(async () => (await t.api<SessionInfo>("GET", `/api/sessions/${session.id}`)).body.status).toBe("failed");
    const info = await t.api<SessionInfo>("GET", `/api/sessions/${session.id}`);
    expect(info.body.error).toMatch(/exited with code 3/);
    expect(info.body.error).toMatch(/exiting on purpose/);
  });

  it("times out a server that never answers initialize, saying so", async () => {
    const res = await t.api<ApiError>("POST", "/api/sessions", { transport: "stdio", ...fixtureCommand("silent"), initializeTimeoutMs: 500 });
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ code: "MCPSCOPE_INITIALIZE_TIMEOUT", message: "The server did not answer initialize within 0.5 s." });
  });

  it("explains a program that writes non-protocol text to stdout instead of speaking MCP", async () => {
    const res = await t.api<ApiError>("POST", "/api/sessions", { transport: "stdio", ...fixtureCommand("chatty"), initializeTimeoutMs: 1000 });
    expect(res.body.code).toBe("MCPSCOPE_NON_PROTOCOL_OUTPUT");
    expect(res.body.message).toContain("Usage: chatty");
    expect(res.body.hint).toMatch(/stderr/);
  });

  it("works with a server that speaks only 2024-11-05 and reports that version", async () => {
    const session = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("legacy") });
    expect(session.protocolVersion).toBe("2024-11-05");
    const echo = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "echo", arguments: { message: "old" } } });
    expect(echo.body).toMatchObject({ result: { content: [{ type: "text", text: "Echo: old" }] } });
  });

  it("explains a protocol version mismatch", async () => {
    const res = await t.api<ApiError>("POST", "/api/sessions", { transport: "stdio", ...fixtureCommand("legacy"), env: { FIXTURE_PROTOCOL_VERSION: "1999-01-01" } });
    expect(res.body.code).toBe("MCPSCOPE_PROTOCOL_VERSION_MISMATCH");
    expect(res.body.message).toContain("1999-01-01");
  });
});
