import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, InboxItem, SendRequestResult, SessionInfo, SubscriptionState } from "@mcpscope/protocol";
import { modernStdioCommand, startModernFixture, type RunningHttpServer } from "@mcpscope/fixtures";
import { startTestApp, type TestApp } from "../testing/testApp.js";

const textOf = (answer: SendRequestResult) => ("result" in answer ? ((answer.result.content as Array<{ text?: string }>)?.[0]?.text ?? "") : `error ${answer.error.code}: ${answer.error.message}`);

// The `modern` fixture of @mcpscope/fixtures (SDK v2, stateless), over both of its hostings.
describe.each([
  { hosting: "Streamable HTTP", open: async (t: TestApp, server?: RunningHttpServer) => t.openSession({ url: `${server!.origin}/mcp` } as never) },
  { hosting: "stdio", open: async (t: TestApp) => t.openSession({ transport: "stdio", env: {}, ...modernStdioCommand() }) },
])("the modern fixture over $hosting", ({ hosting, open }) => {
  let t: TestApp;
  let server: RunningHttpServer | undefined;
  let session: SessionInfo;
  beforeAll(async () => {
    t = await startTestApp();
    if (hosting !== "stdio") server = await startModernFixture();
    session = await open(t, server);
  });
  afterAll(async () => {
    await t.close();
    await server?.stop();
  });
  const call = (name: string, args: Record<string, unknown> = {}) => t.request(session.id, "tools/call", { name, arguments: args });
  const inbox = async () => (await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`)).body;
  const answerNext = async (result: Record<string, unknown>) => {
    let items: InboxItem[] = [];
    await expect.poll(async () => (items = await inbox()).length).toBe(1);
    await t.api("POST", `/api/sessions/${session.id}/inbox/${items[0]!.id}`, { result });
    return items[0]!;
  };

  it("connects by server/discover and lists what the server offers, with its cache hints", async () => {
    expect(session).toMatchObject({ status: "ready", era: "modern", protocolVersion: "2026-07-28", negotiation: { mode: "auto", outcome: "discover" } });
    const tools = await t.request(session.id, "tools/list");
    expect(JSON.stringify(tools)).toContain("plan_trip");
    expect("result" in tools && tools.result).toMatchObject({ ttlMs: expect.any(Number), cacheScope: expect.any(String) });
    expect(textOf(await call("echo", { text: "hi" }))).toBe("hi");
  });

  it("runs a two-round call (elicitation, then sampling, requestState echoed) through the inbox", async () => {
    const pending = call("plan_trip");
    const first = await answerNext({ action: "accept", content: { destination: "Lisbon" } });
    expect(first).toMatchObject({ method: "elicitation/create", inputRequest: { key: "destination" } });
    const second = await answerNext({ role: "assistant", content: { type: "text", text: "Tram 28, then pastéis." }, model: "person" });
    expect(second).toMatchObject({ method: "sampling/createMessage", inputRequest: { key: "itinerary", progressToken: first.inputRequest!.progressToken } });
    expect(second.inputRequest!.requestId).not.toBe(first.inputRequest!.requestId);
    expect(textOf(await pending)).toBe("Trip to Lisbon: Tram 28, then pastéis.");
    const legs = (await t.frames(session.id)).filter((f) => f.dir === "out" && (f.msg?.params as { name?: string } | undefined)?.name === "plan_trip");
    expect(legs).toHaveLength(3);
    expect(typeof (legs[2]!.msg!.params as { requestState?: unknown }).requestState).toBe("string");
  });

  const framesAfter = async (seq: number) => (await t.frames(session.id)).filter((f) => f.seq > seq);
  const lastSeq = async () => (await t.frames(session.id)).at(-1)!.seq;
  const listen = async (filter: Record<string, unknown>) => (await t.api<SubscriptionState>("PUT", `/api/sessions/${session.id}/subscription`, { filter })).body;
  const notification = (frames: Frame[], method: string) => frames.find((f) => f.dir === "in" && f.kind === "notification" && f.msg?.method === method);

  it("opens a subscriptions/listen stream, reports what the server honoured, and records the notifications it carries", async () => {
    const state = await listen({ toolsListChanged: true, resourceSubscriptions: ["modern://counter"] });
    expect(state).toMatchObject({ status: "open", honoredFilter: { toolsListChanged: true, resourceSubscriptions: ["modern://counter"] }, requestId: expect.anything() });
    expect((await t.api<SessionInfo>("GET", `/api/sessions/${session.id}`)).body.subscription).toMatchObject({ status: "open" });
    // The same filter keeps the stream; the server's notifications carry its id.
    expect(await listen({ resourceSubscriptions: ["modern://counter"], toolsListChanged: true })).toMatchObject({ requestId: state.requestId, since: state.since });
    const before = await lastSeq();
    await call("touch_resource");
    await call("toggle_bonus_tool");
    await expect.poll(async () => notification(await framesAfter(before), "notifications/tools/list_changed") !== undefined).toBe(true);
    const frames = await framesAfter(before);
    const updated = notification(frames, "notifications/resources/updated");
    expect(updated?.msg?.params).toMatchObject({ uri: "modern://counter", _meta: { "io.modelcontextprotocol/subscriptionId": state.requestId } });
    await call("toggle_bonus_tool"); // back as it was

    // Another filter replaces the stream; closing ends it.
    const next = await listen({ promptsListChanged: false, resourcesListChanged: true });
    expect(next.requestId).not.toBe(state.requestId);
    expect(next.status).toBe("open");
    expect((await t.api("DELETE", `/api/sessions/${session.id}/subscription`)).status).toBe(204);
    expect((await t.api<SessionInfo>("GET", `/api/sessions/${session.id}`)).body.subscription).toMatchObject({ status: "closed", closedBy: "local" });
  });

  it("sends the session's log level in each request's _meta, and declares the Tasks extension", async () => {
    let before = await lastSeq();
    await call("slow_count", { steps: 2, delayMs: 0 });
    expect((await framesAfter(before)).some((f) => f.msg?.method === "notifications/message")).toBe(false);
    await t.api("PATCH", `/api/sessions/${session.id}/settings`, { logLevel: "debug" });
    before = await lastSeq();
    await call("slow_count", { steps: 2, delayMs: 0 });
    const frames = await framesAfter(before);
    const sent = frames.find((f) => f.dir === "out" && f.kind === "request");
    expect(sent?.msg?.params).toMatchObject({
      _meta: { "io.modelcontextprotocol/logLevel": "debug", "io.modelcontextprotocol/clientCapabilities": { extensions: { "io.modelcontextprotocol/tasks": {} } } },
    });
    expect(frames.filter((f) => f.msg?.method === "notifications/message").map((f) => (f.msg!.params as { data?: unknown }).data)).toEqual(["counting to 2", "step 1", "step 2"]);
    const settings = (await t.api<{ logLevel?: string }>("PATCH", `/api/sessions/${session.id}/settings`, { logLevel: null })).body;
    expect(settings.logLevel).toBeUndefined();
  });

  it("answers a task handle as the call's result, then follows the task with tasks/get and tasks/update", async () => {
    const created = await call("build_report", { topic: "tides" });
    expect("result" in created && created.result).toMatchObject({ resultType: "task", status: "working", taskId: expect.any(String) });
    const taskId = ("result" in created && (created.result.taskId as string));
    const get = async () => {
      const answer = await t.request(session.id, "tasks/get", { taskId });
      return "result" in answer ? answer.result : {};
    };
    await expect.poll(async () => (await get()).status).toBe("input_required");
    expect((await get()).inputRequests).toMatchObject({ title: { method: "elicitation/create" } });
    expect(await t.request(session.id, "tasks/update", { taskId, inputResponses: { title: { action: "accept", content: { title: "Tides of 2026" } } } })).toMatchObject({ result: {} });
    await expect.poll(async () => (await get()).status).toBe("completed");
    expect((await get()).result).toMatchObject({ content: [{ type: "text", text: "Report “Tides of 2026” is ready" }] });
  });

  it("refuses subscriptions/listen on a handshake-era session", async () => {
    const legacy = await t.openSession({ transport: "stdio", env: {}, protocol: "2025-11-25", ...modernStdioCommand() });
    const refused = await t.api<{ code: string }>("PUT", `/api/sessions/${legacy.id}/subscription`, { filter: { toolsListChanged: true } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("MCPSCOPE_LISTEN_NOT_IN_REVISION");
  });
});
