import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxItem, SendRequestResult, SessionInfo } from "@mcpscope/protocol";
import { defaultServerTarget } from "./defaultServer.js";
import { startTestApp, type TestApp } from "../testing/testApp.js";

describe("request timeouts on a handshake-era session (server-everything)", () => {
  let t: TestApp;
  let session: SessionInfo;
  beforeAll(async () => {
    t = await startTestApp();
    session = await t.openSession(defaultServerTarget());
  });
  afterAll(() => t.close());
  const inbox = async () => (await t.api<InboxItem[]>("GET", `/api/sessions/${session.id}/inbox`)).body;

  it("a tool call waiting on an elicitation outlives its timeout, and times out again once answered slowly", async () => {
    // trigger-elicitation-request sends no progress: only the hold keeps it alive.
    await t.api("PATCH", `/api/sessions/${session.id}/settings`, { requestTimeoutMs: 400 });
    const started = Date.now();
    const pending = t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "trigger-elicitation-request", arguments: {} } });
    await expect.poll(async () => (await inbox()).length).toBe(1);
    // The subject of this test is time passing: wait past three timeouts with the item open.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const [item] = await inbox();
    expect(item, "the request is still waiting after three timeouts").toBeDefined();
    await t.api("POST", `/api/sessions/${session.id}/inbox/${item!.id}`, { result: { action: "decline" } });
    const answer = (await pending).body;
    expect(Date.now() - started).toBeGreaterThan(1_200);
    expect("result" in answer ? JSON.stringify(answer.result) : answer.error.message).toContain("decline");

    // Without an open inbox item the same timeout applies as before.
    const slow = await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "trigger-long-running-operation", arguments: { duration: 5, steps: 1 } } });
    await t.api("PATCH", `/api/sessions/${session.id}/settings`, { requestTimeoutMs: 60_000 });
    expect(slow.body).toMatchObject({ error: { code: -32001 } });
  });

  it("lets progress reset the idle timeout on a handshake-era session; without the reset the same call times out", async () => {
    await t.api("PATCH", `/api/sessions/${session.id}/settings`, { requestTimeoutMs: 500 });
    const call = () => t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "trigger-long-running-operation", arguments: { duration: 1.2, steps: 6 } } });
    const kept = (await call()).body;
    expect(kept).toHaveProperty("result");
    expect(kept.durationMs).toBeGreaterThan(1_000);
    await t.api("PATCH", `/api/sessions/${session.id}/settings`, { resetTimeoutOnProgress: false });
    expect((await call()).body).toMatchObject({ error: { code: -32001, message: "Request timed out: no answer within 500 ms" } });
    await t.api("PATCH", `/api/sessions/${session.id}/settings`, { requestTimeoutMs: 60_000, resetTimeoutOnProgress: true });
  });
});
