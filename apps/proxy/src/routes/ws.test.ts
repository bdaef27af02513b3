import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { FrameLinesHeader, SessionInfo } from "@mcpscope/protocol";
import { FrameLineReader, type FrameLineStop, TimelineIndex } from "@mcpscope/timeline";
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

describe("WebSocket stream, jsonl encoding: the frames' lines as recorded", () => {
  const target = { transport: "stdio", command: "node", args: ["server.js"], env: {} };

  /** A `jsonl` subscriber: binary messages read into a TimelineIndex as the web app's worker does. */
  function linesClient(t: TestApp) {
    const socket = new WebSocket(t.base.replace("http", "ws") + "/api/ws", { headers: { authorization: `Bearer ${t.token}` } });
    const index = new TimelineIndex();
    const reader = new FrameLineReader(index, { mode: "stream" });
    const headers: FrameLinesHeader[] = [];
    socket.on("message", (data, binary) => {
      if (!binary) return;
      const text = (data as Buffer).toString("utf8");
      const nl = text.indexOf("\n");
      const header = JSON.parse(text.slice(0, nl)) as FrameLinesHeader;
      headers.push(header);
      reader.push(text.slice(nl + 1), header.from);
    });
    const opened = new Promise<void>((resolve) => socket.once("open", () => resolve()));
    return { socket, index, reader, headers, opened };
  }

  it("streams a live session's frames, then new ones, as lines equal to the frames", async () => {
    const t = await startTestApp();
    try {
      const session = await t.openSession(defaultServerTarget());
      const client = linesClient(t);
      await client.opened;
      client.socket.send(JSON.stringify({ type: "subscribe", sessionId: session.id, since: 0, encoding: "jsonl" }));
      await t.request(session.id, "tools/call", { name: "echo", arguments: { message: "as lines" } });
      const frames = await t.frames(session.id);
      await expect.poll(() => client.index.lastSeq).toBe(frames.length);
      expect(client.reader.stopped).toBeUndefined();
      expect(client.reader.parsedLines).toBe(0);
      for (const f of frames) expect(client.index.get(f.seq)!.toJSON()).toEqual(f);
      expect(client.headers[0]).toMatchObject({ type: "frame-lines", sessionId: session.id, from: 1 });
      client.socket.close();
    } finally {
      await t.close();
    }
  });

  it("sends a recording of 60,000 frames from disk in a few large messages, unparsed, bad lines and all", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-lines-"));
    const count = 60_000;
    const lines = [JSON.stringify({ type: "mcpscope-recording", version: 1, session: { id: "big-1", createdAt: 1_700_000_000_000, transport: "stdio", target } })];
    for (let seq = 1; seq <= count; seq++) {
      const raw = `stderr "line" ${seq}`;
      lines.push(JSON.stringify({ sessionId: "big-1", seq: seq === 59_000 ? 5 : seq, ts: 1_700_000_000_000 + seq, dir: "in", kind: "stderr", raw, bytes: raw.length }));
    }
    mkdirSync(join(dir, "sessions"));
    writeFileSync(join(dir, "sessions", "big.jsonl"), lines.join("\n") + "\n");
    const t = await startTestApp({ session: { recordingsDir: join(dir, "sessions") } });
    try {
      const client = linesClient(t);
      await client.opened;
      client.socket.send(JSON.stringify({ type: "subscribe", sessionId: "big-1", since: 0, encoding: "jsonl" }));
      await expect.poll(() => client.reader.stopped).toBeDefined();
      // The proxy sends the bytes as they are; the reader finds the bad line.
      expect(client.reader.stopped).toEqual({ kind: "invalid", line: 59_001, reason: "seq is 5, expected 59000 (frames are numbered 1, 2, 3… in line order)" } satisfies FrameLineStop);
      expect(client.index.lastSeq).toBe(58_999);
      expect(client.headers[0]!.from).toBe(1);
      expect(client.headers.length).toBeLessThan(10);
      client.socket.close();
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
