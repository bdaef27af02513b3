import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, InboxItem, SendRequestResult, SessionInfo, SessionSettings } from "@mcpscope/protocol";
import { startTestApp, type TestApp } from "../testing/testApp.js";
import { modernStdioTarget } from "../testing/testServers.js";

const textOf = (answer: SendRequestResult) => ("result" in answer ? ((answer.result.content as Array<{ text?: string }>)?.[0]?.text ?? JSON.stringify(answer.result)) : `error ${answer.error.code}: ${answer.error.message}`);
const tokenOf = (f: Frame) => (f.msg?.params as { _meta?: { progressToken?: unknown } } | undefined)?._meta?.progressToken;

describe("a 2026-07-28 server over stdio (SDK v2 serveStdio)", () => {
  let t: TestApp;
  let session: SessionInfo;
  beforeAll(async () => {
    t = await startTestApp();
    session = await t.openSession({ ...modernStdioTarget(), client: { roots: [{ uri: "file:///work/demo", name: "demo" }] } } as never);
  });
  afterAll(() => t.close());
  const call = (name: string, args: Record<string, unknown> = {}) => t.request(session.id, "tools/call", { name, arguments: args });
  const inbox = async () => (await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`)).body;
  const settings = (body: Record<string, unknown>) => t.api<SessionSettings>("PATCH", `/api/sessions/${session.id}/settings`, body);

  it("connects with auto by server/discover, reports the era and how it was chosen, and never sends initialize", async () => {
    expect(session).toMatchObject({
      status: "ready",
      protocolVersion: "2026-07-28",
      era: "modern",
      negotiation: { mode: "auto", outcome: "discover" },
      serverInfo: { name: "modern-test-server" },
      discover: { supportedVersions: expect.arrayContaining(["2026-07-28"]) },
      capabilities: { tools: expect.any(Object) },
    });
    const frames = await t.frames(session.id);
    expect(frames.map((f) => f.meta?.event).filter(Boolean)).toEqual(["spawned", "probe", "negotiated"]);
    expect(frames.find((f) => f.meta?.event === "probe")?.meta).toMatchObject({ method: "server/discover", timeoutMs: 5000 });
    expect(frames.find((f) => f.meta?.event === "negotiated")?.meta).toMatchObject({ era: "modern", protocolVersion: "2026-07-28", outcome: "discover" });
    expect(frames.some((f) => f.msg?.method === "initialize")).toBe(false);
  });

  it("lists and calls tools, reads a resource and gets a prompt, each request carrying the 2026-07-28 _meta", async () => {
    const tools = await t.request(session.id, "tools/list");
    expect(JSON.stringify(tools)).toContain("confirm");
    expect(textOf(await call("echo", { message: "modern" }))).toBe("echo: modern");
    expect(await t.request(session.id, "resources/read", { uri: "demo://hello" })).toMatchObject({ result: { contents: [{ text: "hello, resource" }] } });
    expect(await t.request(session.id, "prompts/get", { name: "greet", arguments: { who: "Ada" } })).toMatchObject({ result: { messages: [{ content: { text: "Greet Ada" } }] } });
    const echo = (await t.frames(session.id)).findLast((f) => f.dir === "out" && f.msg?.method === "tools/call")!;
    expect((echo.msg!.params as { _meta: Record<string, unknown> })._meta).toMatchObject({ "io.modelcontextprotocol/protocolVersion": "2026-07-28", progressToken: expect.any(String) });
  });

  it("refuses methods 2026-07-28 removed without sending them", async () => {
    const before = (await t.frames(session.id)).length;
    for (const [method, params] of [["ping"], ["logging/setLevel", { level: "info" }], ["resources/subscribe", { uri: "demo://hello" }]] as const) {
      expect(await t.request(session.id, method, params), method).toMatchObject({ error: { code: -32603, data: { sdkError: "METHOD_NOT_SUPPORTED_BY_PROTOCOL_VERSION" } } });
    }
    expect((await t.frames(session.id)).length).toBe(before);
  });

  it("shows progress and lets it reset the idle timeout; without the reset the same call times out", async () => {
    await settings({ requestTimeoutMs: 400 });
    const answer = await call("progress", { steps: 6, delayMs: 150 });
    expect(textOf(answer)).toBe("done after 6 steps");
    expect(answer.durationMs).toBeGreaterThan(800);
    const frames = await t.frames(session.id);
    const request = frames.findLast((f) => f.dir === "out" && f.msg?.method === "tools/call")!;
    expect(frames.filter((f) => f.msg?.method === "notifications/progress" && (f.msg.params as { progressToken: unknown }).progressToken === tokenOf(request))).toHaveLength(6);

    await settings({ resetTimeoutOnProgress: false });
    expect(await call("progress", { steps: 6, delayMs: 150 })).toMatchObject({ error: { code: -32001, message: expect.stringContaining("400 ms") } });
    await settings({ requestTimeoutMs: 60_000, resetTimeoutOnProgress: true });
  });

  it("cancels a call by its JSON-RPC id: notifications/cancelled goes out and the call answers -32800", async () => {
    const pending = call("slow", { ms: 20_000 });
    let request: Frame | undefined;
    await expect.poll(async () => (request = (await t.frames(session.id)).findLast((f) => f.dir === "out" && JSON.stringify(f.msg?.params ?? {}).includes('"ms":20000')))).toBeDefined();
    expect((await t.api("POST", `/api/sessions/${session.id}/cancel`, { requestId: request!.msg!.id, reason: "enough" })).status).toBe(202);
    expect(await pending).toMatchObject({ error: { code: -32800, message: "Cancelled: enough" } });
    const cancelled = (await t.frames(session.id)).findLast((f) => f.msg?.method === "notifications/cancelled");
    expect(cancelled?.msg?.params).toMatchObject({ requestId: request!.msg!.id, reason: "enough" });
  });

  it("holds the maximum total timeout as a hard limit", async () => {
    await settings({ maxTotalTimeoutMs: 300 });
    const answer = await call("slow", { ms: 5_000 });
    expect(answer).toMatchObject({ error: { code: -32001, message: expect.stringContaining("maximum total timeout of 300 ms") } });
    expect(answer.durationMs).toBeLessThan(3_000);
    await settings({ maxTotalTimeoutMs: null });
  });

  it("answers an input_required elicitation from the inbox; the retry reuses the progress token under a new id", async () => {
    await settings({ requestTimeoutMs: 400 });
    const pending = call("confirm");
    await expect.poll(async () => (await inbox()).length).toBe(1);
    const [item] = await inbox();
    expect(item).toMatchObject({ method: "elicitation/create", requestId: "who", params: { message: "Who are you?" }, inputRequest: { key: "who", requestId: expect.any(Number), progressToken: expect.any(String) } });
    // Longer than the 400 ms timeout: a person is answering, so the call waits.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await inbox()).toHaveLength(1);
    await t.api("POST", `/api/sessions/${session.id}/inbox/${item!.id}`, { result: { action: "accept", content: { name: "Ada" } } });
    expect(textOf(await pending)).toBe("hello Ada");
    await settings({ requestTimeoutMs: 60_000 });

    const legs = (await t.frames(session.id)).filter((f) => f.dir === "out" && f.msg?.method === "tools/call" && (f.msg.params as { name: string }).name === "confirm");
    expect(legs).toHaveLength(2);
    expect(tokenOf(legs[1]!)).toBe(tokenOf(legs[0]!));
    expect(legs[1]!.msg!.id).not.toBe(legs[0]!.msg!.id);
    expect(legs[0]!.msg!.id).toBe(item!.inputRequest!.requestId);
    expect((legs[1]!.msg!.params as { inputResponses?: unknown }).inputResponses).toEqual({ who: { action: "accept", content: { name: "Ada" } } });
  });

  it("cancels a call waiting on the inbox by its first leg's id: the inbox item goes too", async () => {
    const pending = call("confirm");
    await expect.poll(async () => (await inbox()).length).toBe(1);
    const [item] = await inbox();
    await t.api("POST", `/api/sessions/${session.id}/cancel`, { requestId: item!.inputRequest!.requestId, reason: "changed my mind" });
    expect(await pending).toMatchObject({ error: { code: -32800, message: "Cancelled: changed my mind" } });
    expect(await inbox()).toEqual([]);
  });

  it("answers input_required roots/list from the session's roots", async () => {
    expect(textOf(await call("roots"))).toBe("roots: file:///work/demo");
  });
});

describe("a 2026-07-28 server with canned answers", () => {
  it("answers input_required sampling and elicitation from autoAnswer, with no person", async () => {
    const t = await startTestApp();
    try {
      const session = await t.openSession({
        ...modernStdioTarget(),
        protocol: "2026-07-28",
        client: { autoAnswer: { sampling: { role: "assistant", content: { type: "text", text: "hi there" }, model: "ci" }, elicitation: { action: "decline" } } },
      } as never);
      expect(session.negotiation).toMatchObject({ mode: "pinned", outcome: "discover" });
      expect(textOf(await t.request(session.id, "tools/call", { name: "sample", arguments: {} }))).toBe("model said: hi there");
      expect(textOf(await t.request(session.id, "tools/call", { name: "confirm", arguments: {} }))).toBe("no name: decline");
    } finally {
      await t.close();
    }
  });
});
