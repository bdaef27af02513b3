import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, SendRequestResult, SessionInfo, SessionSettings } from "@mcpscope/protocol";
import { fixtureCommand, startHttpFixture, type RunningHttpServer } from "@mcpscope/fixtures";
import { defaultServerTarget } from "../sessions/defaultServer.js";
import { startTestApp, type TestApp } from "../testing/testApp.js";

const frames = (t: TestApp, id: string) => t.frames(id);

describe("progress, cancellation and timeouts", () => {
  let t: TestApp;
  let everything: SessionInfo;
  let noisy: SessionInfo;
  beforeAll(async () => {
    t = await startTestApp();
    everything = await t.openSession(defaultServerTarget());
    noisy = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("noisy") });
  });
  afterAll(() => t.close());

  it("records progress notifications for the request's progress token", async () => {
    const res = await t.api<SendRequestResult>("POST", `/api/sessions/${everything.id}/requests`, {
      method: "tools/call",
      params: { name: "trigger-long-running-operation", arguments: { duration: 0.3, steps: 3 } },
    });
    expect(res.body).toHaveProperty("result");
    const all = await frames(t, everything.id);
    const call = all.findLast((f) => f.msg?.method === "tools/call")!;
    const token = (call.msg!.params as { _meta: { progressToken: unknown } })._meta.progressToken;
    const progress = all.filter((f) => f.msg?.method === "notifications/progress" && (f.msg.params as { progressToken: unknown }).progressToken === token);
    expect(progress).toHaveLength(3);
  });

  it("cancels an in-flight request by its JSON-RPC id: notifications/cancelled goes out, the call answers -32800", async () => {
    const pending = t.api<SendRequestResult>("POST", `/api/sessions/${everything.id}/requests`, {
      method: "tools/call",
      params: { name: "trigger-long-running-operation", arguments: { duration: 30, steps: 30 } },
    });
    let call: Frame | undefined;
    await expect.poll(async () => (call = (await frames(t, everything.id)).findLast((f) => f.msg?.method === "tools/call" && f.msg.params && JSON.stringify(f.msg.params).includes('"duration":30')))).toBeDefined();
    const cancel = await t.api("POST", `/api/sessions/${everything.id}/cancel`, { requestId: call!.msg!.id, reason: "user got bored" });
    expect(cancel.status).toBe(202);
    const res = await pending;
    expect(res.body).toMatchObject({ error: { code: -32800, message: "Cancelled: user got bored" } });
    const cancelled = (await frames(t, everything.id)).find((f) => f.msg?.method === "notifications/cancelled");
    expect(cancelled?.msg?.params).toEqual({ requestId: call!.msg!.id, reason: "user got bored" });
    const again = await t.api("POST", `/api/sessions/${everything.id}/cancel`, { requestId: call!.msg!.id });
    expect(again.status).toBe(404);
    // Signals of requests that ended normally are reused; an aborted one never is.
    const next = await t.api<SendRequestResult>("POST", `/api/sessions/${everything.id}/requests`, { method: "tools/call", params: { name: "echo", arguments: { message: "after" } } });
    expect(next.body).toMatchObject({ result: { content: [{ type: "text", text: expect.stringContaining("after") }] } });
  });

  it("holds the maximum total timeout even when no progress arrives", async () => {
    const settings = await t.api<SessionSettings>("PATCH", `/api/sessions/${noisy.id}/settings`, { maxTotalTimeoutMs: 300 });
    expect(settings.body).toEqual({ requestTimeoutMs: 60_000, resetTimeoutOnProgress: true, maxTotalTimeoutMs: 300 });
    const res = await t.api<SendRequestResult>("POST", `/api/sessions/${noisy.id}/requests`, { method: "tools/call", params: { name: "sleep", arguments: { ms: 10_000 } } });
    expect(res.body).toMatchObject({ error: { code: -32001, message: expect.stringContaining("maximum total timeout of 300 ms") } });
    expect(res.body.durationMs).toBeLessThan(5_000);
    expect((await frames(t, noisy.id)).some((f) => f.msg?.method === "notifications/cancelled")).toBe(true);
    const cleared = await t.api<SessionSettings>("PATCH", `/api/sessions/${noisy.id}/settings`, { maxTotalTimeoutMs: null, requestTimeoutMs: 200 });
    expect(cleared.body).toEqual({ requestTimeoutMs: 200, resetTimeoutOnProgress: true });
    const timedOut = await t.api<SendRequestResult>("POST", `/api/sessions/${noisy.id}/requests`, { method: "tools/call", params: { name: "sleep", arguments: { ms: 2_000 } } });
    expect(timedOut.body).toMatchObject({ error: { code: -32001 } });
    await t.api("PATCH", `/api/sessions/${noisy.id}/settings`, { requestTimeoutMs: 60_000 });
  });

  it("sends raw frames as they are, valid or not, and the server's answer is recorded", async () => {
    const raw = '{"jsonrpc":"2.0","id":"raw-1","method":"tools/call","params":{"name":"echo","arguments":{"message":"raw!"}}}';
    const sent = await t.api<{ seq: number }>("POST", `/api/sessions/${noisy.id}/raw`, { text: raw });
    expect(sent.status).toBe(202);
    await expect.poll(async () => (await frames(t, noisy.id)).some((f) => f.dir === "in" && f.msg?.id === "raw-1")).toBe(true);
    const all = await frames(t, noisy.id);
    expect(all[sent.body.seq - 1]).toMatchObject({ dir: "out", kind: "request", raw });
    const answer = all.find((f) => f.dir === "in" && f.msg?.id === "raw-1")!;
    expect(answer.raw).toContain("Echo: raw!");

    const bad = await t.api<{ seq: number }>("POST", `/api/sessions/${noisy.id}/raw`, { text: "{not json" });
    const badFrame = (await frames(t, noisy.id))[bad.body.seq - 1]!;
    expect(badFrame).toMatchObject({ dir: "out", kind: "invalid", raw: "{not json" });
    // The SDK's server drops unparsable lines without answering; the session goes on.
    await t.api("POST", `/api/sessions/${noisy.id}/raw`, { text: '{"jsonrpc":"2.0","id":"raw-2","method":"ping"}' });
    await expect.poll(async () => (await frames(t, noisy.id)).find((f) => f.dir === "in" && f.msg?.id === "raw-2")?.kind).toBe("response");
  });

  it("keeps a stdio frame on one line: pretty-printed JSON is compacted, other multi-line text refused", async () => {
    const pretty = '{\n  "jsonrpc": "2.0",\n  "id": "raw-3",\n  "method": "ping"\n}';
    const sent = await t.api<{ seq: number }>("POST", `/api/sessions/${noisy.id}/raw`, { text: pretty });
    expect(sent.status).toBe(202);
    expect((await frames(t, noisy.id))[sent.body.seq - 1]).toMatchObject({ dir: "out", kind: "request", raw: '{"jsonrpc":"2.0","id":"raw-3","method":"ping"}' });
    await expect.poll(async () => (await frames(t, noisy.id)).find((f) => f.dir === "in" && f.msg?.id === "raw-3")?.kind).toBe("response");

    const before = (await frames(t, noisy.id)).length;
    const refused = await t.api<{ code: string; hint: string }>("POST", `/api/sessions/${noisy.id}/raw`, { text: "line one\nline two" });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("MCPSCOPE_RAW_MULTILINE");
    expect(refused.body.hint).toContain("line breaks");
    expect((await frames(t, noisy.id)).length).toBe(before);
  });
});

describe("raw frames over Streamable HTTP", () => {
  let t: TestApp;
  let fixture: RunningHttpServer;
  beforeAll(async () => {
    [t, fixture] = await Promise.all([startTestApp(), startHttpFixture()]);
  });
  afterAll(async () => {
    await t.close();
    await fixture.stop();
  });

  it("POSTs the text with the session's headers and records the answer", async () => {
    const session = await t.openSession({ transport: "streamable-http", url: `${fixture.origin}/mcp` } as never);
    await t.api("POST", `/api/sessions/${session.id}/raw`, { text: '{"jsonrpc":"2.0","id":"r1","method":"ping"}' });
    await expect.poll(async () => (await frames(t, session.id)).find((f) => f.dir === "in" && f.msg?.id === "r1")?.kind).toBe("response");
  });
});
