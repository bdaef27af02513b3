import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxItem, SendRequestResult, SessionInfo } from "@mcpscope/protocol";
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
});
