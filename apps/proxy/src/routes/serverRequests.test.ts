import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, FramesPage, InboxItem, SendRequestResult, SessionInfo } from "@mcpscope/protocol";
import { defaultServerTarget } from "../sessions/defaultServer.js";
import { startTestApp, type TestApp } from "../testing/testApp.js";
import { connectWs } from "../testing/wsClient.js";

function watch(t: TestApp, sessionId: string) {
  const client = connectWs(t);
  client.subscribe(sessionId);
  return { socket: client.socket, inbox: () => client.inbox(sessionId) };
}
const textOf = (res: SendRequestResult) => ("result" in res ? JSON.stringify(res.result) : JSON.stringify(res.error));

describe("server→client requests against server-everything", () => {
  let t: TestApp;
  let session: SessionInfo;
  beforeAll(async () => {
    t = await startTestApp();
    session = await t.openSession({ ...defaultServerTarget(), client: { roots: [{ uri: "file:///projects/demo", name: "demo" }] } } as never);
  });
  afterAll(() => t.close());
  const call = (name: string, args: Record<string, unknown> = {}) =>
    t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name, arguments: args } });

  it("declares sampling, elicitation (form with defaults, url), roots and the MCP Apps extension", () => {
    expect(session.clientCapabilities).toEqual({
      sampling: {},
      elicitation: { form: { applyDefaults: true }, url: {} },
      roots: { listChanged: true },
      tasks: { list: {}, cancel: {}, requests: { sampling: { createMessage: {} }, elicitation: { create: {} } } },
      extensions: { "io.modelcontextprotocol/ui": { mimeTypes: ["text/html;profile=mcp-app"] } },
    });
  });

  it("puts a sampling request in every watcher's inbox; answering in one clears it in all", async () => {
    const a = watch(t, session.id);
    const b = watch(t, session.id);
    await expect.poll(() => a.inbox() && b.inbox()).toEqual([]);
    const pending = call("trigger-sampling-request", { prompt: "Say hi", maxTokens: 20 });
    await expect.poll(() => a.inbox()?.length).toBe(1);
    await expect.poll(() => b.inbox()?.length).toBe(1);
    const item = a.inbox()![0]!;
    expect(item).toMatchObject({ method: "sampling/createMessage", params: { messages: [{ role: "user" }] } });
    const listed = await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`);
    expect(listed.body.map((i) => i.id)).toEqual([item.id]);

    const answer = { result: { role: "assistant", content: { type: "text", text: "hi from a person" }, model: "human-1", stopReason: "endTurn" } };
    expect((await t.api("POST", `/api/sessions/${session.id}/inbox/${item.id}`, answer)).status).toBe(204);
    expect(textOf((await pending).body)).toContain("hi from a person");
    await expect.poll(() => a.inbox()).toEqual([]);
    await expect.poll(() => b.inbox()).toEqual([]);
    expect((await t.api("POST", `/api/sessions/${session.id}/inbox/${item.id}`, answer)).status).toBe(404);
    a.socket.close();
    b.socket.close();
  });

  it("rejects a sampling request with an error the server sees", async () => {
    const pending = call("trigger-sampling-request", { prompt: "no", maxTokens: 5 });
    let items: InboxItem[] = [];
    await expect.poll(async () => (items = (await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`)).body).length).toBe(1);
    await t.api("POST", `/api/sessions/${session.id}/inbox/${items[0]!.id}`, { error: { code: -1, message: "User rejected sampling request" } });
    const res = (await pending).body;
    const frames = (await t.api<FramesPage>("GET", `/api/sessions/${session.id}/frames?limit=100000`)).body.frames;
    const rejection = frames.find((f: Frame) => f.dir === "out" && f.kind === "error");
    expect(rejection?.msg?.error).toMatchObject({ code: -1, message: "User rejected sampling request" });
    expect(res).toBeDefined();
  });

  it("answers an elicitation with the form's content, schema defaults applied to fields left alone", async () => {
    const pending = call("trigger-elicitation-request");
    let items: InboxItem[] = [];
    await expect.poll(async () => (items = (await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`)).body).length).toBe(1);
    expect(items[0]!.params).toHaveProperty("requestedSchema");
    await t.api("POST", `/api/sessions/${session.id}/inbox/${items[0]!.id}`, { result: { action: "accept", content: { name: "Ada", check: true } } });
    const text = textOf((await pending).body);
    expect(text).toContain("Ada");
    expect(text).toContain("It was a dark and stormy night.");
  });

  it("answers roots/list from the session's roots and announces changes", async () => {
    expect(textOf((await call("get-roots-list")).body)).toContain("file:///projects/demo");
    const updated = await t.api("PUT", `/api/sessions/${session.id}/roots`, { roots: [{ uri: "file:///projects/other", name: "other" }] });
    expect(updated.status).toBe(200);
    const frames = (await t.api<FramesPage>("GET", `/api/sessions/${session.id}/frames?limit=100000`)).body.frames;
    expect(frames.some((f) => f.dir === "out" && f.msg?.method === "notifications/roots/list_changed")).toBe(true);
    expect((await t.api("PUT", `/api/sessions/${session.id}/roots`, { roots: [{ uri: "http://not-a-file" }] })).status).toBe(400);
  });

  it("delivers resource updates for a subscribed resource", async () => {
    const uri = "demo://resource/static/document/architecture.md";
    const list = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "resources/list" });
    const resources = ("result" in list.body ? (list.body.result.resources as Array<{ uri: string }>) : []).map((r) => r.uri);
    const target = resources.includes(uri) ? uri : resources[0]!;
    await t.api("POST", `/api/sessions/${session.id}/requests`, { method: "resources/subscribe", params: { uri: target } });
    await call("toggle-subscriber-updates");
    await expect
      .poll(async () => (await t.api<FramesPage>("GET", `/api/sessions/${session.id}/frames?limit=100000`)).body.frames.some((f) => f.msg?.method === "notifications/resources/updated"), { timeout: 20_000 })
      .toBe(true);
    await call("toggle-subscriber-updates");
  });
});

describe("tasks (MCP 2025-11-25, experimental)", () => {
  let t: TestApp;
  let session: SessionInfo;
  beforeAll(async () => {
    t = await startTestApp();
    session = await t.openSession(defaultServerTarget());
  });
  afterAll(() => t.close());
  const request = (method: string, params: Record<string, unknown>) => t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method, params });

  it("runs a server's sampling request as a client-side task: the inbox answer is served through tasks/result", async () => {
    const pending = request("tools/call", { name: "trigger-sampling-request-async", arguments: { prompt: "as a task", maxTokens: 10 } });
    let items: InboxItem[] = [];
    await expect.poll(async () => (items = (await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`)).body).length, { timeout: 10_000 }).toBe(1);
    expect(items[0]!.params).toHaveProperty("task");
    await t.api("POST", `/api/sessions/${session.id}/inbox/${items[0]!.id}`, { result: { role: "assistant", content: { type: "text", text: "task answer" }, model: "m", stopReason: "endTurn" } });
    const res = (await pending).body;
    expect(textOf(res)).toContain("task answer");
    const frames = (await t.api<FramesPage>("GET", `/api/sessions/${session.id}/frames?limit=100000`)).body.frames;
    expect(frames.some((f) => f.dir === "in" && f.msg?.method === "tasks/get")).toBe(true);
    expect(frames.some((f) => f.dir === "in" && f.msg?.method === "tasks/result")).toBe(true);
  }, 30_000);

  it("calls a tool as a task, polls tasks/get to completion and fetches tasks/result", async () => {
    const created = (await request("tools/call", { name: "simulate-research-query", arguments: { topic: "mcp" }, task: { ttl: 60_000 } })).body;
    const taskId = ("result" in created ? (created.result.task as { taskId: string }).taskId : undefined)!;
    expect(taskId).toBeTruthy();
    await expect
      .poll(async () => {
        const got = (await request("tasks/get", { taskId })).body;
        return "result" in got ? got.result.status : "error";
      }, { timeout: 30_000, interval: 250 })
      .toBe("completed");
    const listed = (await request("tasks/list", {})).body;
    expect(textOf(listed)).toContain(taskId);
    const result = (await request("tasks/result", { taskId })).body;
    expect(textOf(result)).toContain("mcp");
  }, 40_000);
});

describe("unattended runs", () => {
  it("answers sampling and elicitation from canned answers, so a scripted run finishes with no person", async () => {
    const t = await startTestApp();
    try {
      const session = await t.openSession({
        ...defaultServerTarget(),
        client: {
          autoAnswer: {
            sampling: { role: "assistant", content: { type: "text", text: "canned reply" }, model: "ci", stopReason: "endTurn" },
            elicitation: { action: "decline" },
          },
        },
      } as never);
      const sampled = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "trigger-sampling-request", arguments: { prompt: "x", maxTokens: 5 } } });
      expect(textOf(sampled.body)).toContain("canned reply");
      const elicited = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "trigger-elicitation-request", arguments: {} } });
      expect(textOf(elicited.body)).toMatch(/decline/i);
    } finally {
      await t.close();
    }
  });

  it("switches capabilities off per session", async () => {
    const t = await startTestApp();
    try {
      const session = await t.openSession({ ...defaultServerTarget(), client: { capabilities: { sampling: false, elicitation: false, roots: false, apps: false } } } as never);
      expect(session.clientCapabilities).toEqual({});
      const tools = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/list" });
      expect(textOf(tools.body)).not.toContain("trigger-sampling-request");
    } finally {
      await t.close();
    }
  });
});
