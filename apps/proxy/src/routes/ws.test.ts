import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";
import { defaultServerTarget } from "../sessions/defaultServer.js";
import { startTestApp, type TestApp } from "../testing/testApp.js";
import { connectWs } from "../testing/wsClient.js";

const connect = (t: TestApp) => connectWs(t);

describe("WebSocket stream", () => {
  let t: TestApp;
  let session: SessionInfo;
  beforeAll(async () => {
    t = await startTestApp();
    session = await t.openSession(defaultServerTarget());
  });
  afterAll(() => t.close());

  it("sends the session list, then every frame after `since`, then live frames, contiguous", async () => {
    const client = connect(t);
    await client.opened;
    await expect.poll(() => client.messages[0]?.type).toBe("sessions");
    client.socket.send(JSON.stringify({ type: "subscribe", sessionId: session.id, since: 0 }));
    await expect.poll(() => client.frames(session.id).length).toBeGreaterThanOrEqual(session.lastSeq);

    await t.api("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "echo", arguments: { message: "live" } } });
    await expect.poll(() => client.frames(session.id).some((f) => f.raw.includes("Echo: live"))).toBe(true);
    const seqs = client.frames(session.id).map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    client.socket.close();
  });

  it("resumes after a reconnect from the last seq held: nothing lost, nothing repeated", async () => {
    const first = connect(t);
    await first.opened;
    first.socket.send(JSON.stringify({ type: "subscribe", sessionId: session.id, since: 0 }));
    await expect.poll(() => first.frames(session.id).length).toBeGreaterThan(0);
    const held = first.frames(session.id).at(-1)!.seq;
    first.socket.close();

    await t.api("POST", `/api/sessions/${session.id}/requests`, { method: "ping" });
    const second = connect(t);
    await second.opened;
    second.socket.send(JSON.stringify({ type: "subscribe", sessionId: session.id, since: held }));
    const { body } = await t.api<{ lastSeq: number }>("GET", `/api/sessions/${session.id}/frames?since=0&limit=1`);
    await expect.poll(() => second.frames(session.id).at(-1)?.seq).toBe(body.lastSeq);
    expect(second.frames(session.id)[0]!.seq).toBe(held + 1);
    second.socket.close();
  });

  it("pushes session status events and rejects malformed messages with an error", async () => {
    const client = connect(t);
    await client.opened;
    client.socket.send("not json");
    await expect.poll(() => client.messages.find((m) => m.type === "error")).toMatchObject({ code: "MCPSCOPE_BAD_MESSAGE" });
    const other = await t.openSession(defaultServerTarget());
    await t.api("DELETE", `/api/sessions/${other.id}`);
    await expect
      .poll(() => client.messages.some((m) => m.type === "session" && m.session.id === other.id && m.session.status === "closed"))
      .toBe(true);
    expect((await t.api("DELETE", `/api/sessions/${other.id}/recording`)).status).toBe(204);
    await expect.poll(() => client.messages.some((m) => m.type === "session-removed" && m.sessionId === other.id)).toBe(true);
    client.socket.close();
  });
});
