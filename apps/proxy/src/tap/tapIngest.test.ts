import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame, SessionInfo, TapChunk } from "@mcpscope/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/testApp.js";
import { encodeChunks, type ShimChunk, TAP_CHUNKS_MEDIA_TYPE } from "./chunkCodec.js";

const OPEN = { name: "weather", target: { transport: "stdio", command: "node", args: ["weather.js"], env: {} }, shimPid: process.pid, clientPid: process.ppid, serverPid: 4242 };
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("tap ingest routes", () => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  it("opens a tapped session, records uploads live, and ends it with the server's exit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-tap-ingest-"));
    app = await startTestApp({ session: { recordingsDir: dir } });
    const opened = await app.api<SessionInfo>("POST", "/api/taps/sessions", OPEN);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: "ready", transport: "stdio", pid: 4242, tap: { name: "weather", kind: "stdio", clientPid: process.ppid }, target: { name: "weather", command: "node" } });
    const id = opened.body.id;
    const init = '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"roots":{}},"clientInfo":{"name":"Claude","version":"1.2"}}}\n';
    const answer = '{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"weather","version":"3.0"}}}\r\n';
    // Chunks cut anywhere: mid-line, mid-character; lines complete when their last byte comes.
    const out = Buffer.from(init + "not json\n");
    const chunks: TapChunk[] = [
      { n: 1, ts: 1001, event: { event: "spawned", pid: 4242 } },
      { n: 2, ts: 1002, stream: "stdin", data: out.subarray(0, 20).toString("base64") },
      { n: 3, ts: 1003, stream: "stdin", data: out.subarray(20).toString("base64") },
      { n: 4, ts: 1004, stream: "stdout", data: b64(answer) },
      { n: 5, ts: 1005, stream: "stderr", data: b64("warming up\nready é\n") },
    ];
    const first = await app.api<{ n: number; lastSeq: number }>("POST", `/api/taps/sessions/${id}/chunks`, { chunks });
    expect(first).toEqual({ status: 200, body: { n: 5, lastSeq: 6 } });
    const live = (await app.api<SessionInfo>("GET", `/api/sessions/${id}`)).body;
    expect(live).toMatchObject({ protocolVersion: "2025-11-25", serverInfo: { name: "weather" }, capabilities: { tools: {} }, clientCapabilities: { roots: {} }, tap: { client: { name: "Claude", version: "1.2" } } });
    const frames = (await app.api<{ frames: Frame[] }>("GET", `/api/sessions/${id}/frames`)).body.frames;
    expect(frames.map((f) => [f.seq, f.ts, f.dir, f.kind, f.raw])).toEqual([
      [1, 1001, "meta", "lifecycle", '{"event":"spawned","pid":4242}'],
      [2, 1003, "out", "request", init.trimEnd()],
      [3, 1003, "out", "invalid", "not json"],
      [4, 1004, "in", "response", answer.replace("\n", "")],
      [5, 1005, "in", "stderr", "warming up"],
      [6, 1005, "in", "stderr", "ready é"],
    ]);

    // A repeated upload is skipped; a gap is refused, naming it.
    expect((await app.api<{ n: number }>("POST", `/api/taps/sessions/${id}/chunks`, { chunks: chunks.slice(3) })).body.n).toBe(5);
    const gap = await app.api<{ code: string; message: string }>("POST", `/api/taps/sessions/${id}/chunks`, { chunks: [{ n: 7, ts: 1, stream: "stdout", data: "" }] });
    expect([gap.status, gap.body.code, gap.body.message]).toEqual([400, "MCPSCOPE_TAP_FRAME_INVALID", "chunk 7 where 6 was expected: chunks must be uploaded in order, without gaps"]);
    const bad = await app.api<{ code: string }>("POST", `/api/taps/sessions/${id}/chunks`, { chunks: [{ n: 6, ts: 1, stream: "stdnope", data: "" }] });
    expect([bad.status, bad.body.code]).toEqual([400, "MCPSCOPE_BAD_REQUEST"]);

    // Read-only: mcpscope is not the client.
    const refused = await app.api<{ code: string }>("POST", `/api/sessions/${id}/requests`, { method: "tools/list" });
    expect([refused.status, refused.body.code]).toEqual([409, "MCPSCOPE_TAP_READ_ONLY"]);
    expect((await app.api<{ code: string }>("POST", `/api/sessions/${id}/reconnect`)).body.code).toBe("MCPSCOPE_TAP_READ_ONLY");

    const last = [{ n: 6, ts: 1006, stream: "stdout", data: b64('{"jsonrpc":"2.0","method":"cut') }, { n: 7, ts: 2000, event: { event: "exited", code: 1, signal: null } }];
    expect((await app.api("POST", `/api/taps/sessions/${id}/chunks`, { chunks: last, end: true })).status).toBe(200);
    const ended = (await app.api<SessionInfo>("GET", `/api/sessions/${id}`)).body;
    expect(ended).toMatchObject({ status: "failed", error: "The server process exited with code 1.", lastSeq: 8 });
    expect(ended.pid).toBeUndefined();
    const late = await app.api<{ code: string }>("POST", `/api/taps/sessions/${id}/chunks`, { chunks: [] });
    expect([late.status, late.body.code]).toEqual([409, "MCPSCOPE_TAP_SESSION_ENDED"]);

    // The recording: the same format as any session's, the tap in its header, the shim's timestamps.
    const lines = readFileSync(app.app.sessions.recordingPath(id)!, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { session?: unknown } & Frame);
    expect(lines[0]!.session).toMatchObject({ id, tap: { name: "weather", kind: "stdio" } });
    expect(lines.slice(1).map((f) => [f.seq, f.ts, f.kind, f.reason])).toEqual([
      ...frames.map((f) => [f.seq, f.ts, f.kind, f.reason]),
      [7, 2000, "lifecycle", undefined],
      [8, 2000, "invalid", "unterminated line at end of stdout"],
    ]);

    // Opened again from its recording (a later run), it is still marked tapped.
    const reopened = (await startTestApp({ session: { recordingsDir: dir } }));
    try {
      const listed = (await reopened.api<SessionInfo[]>("GET", "/api/sessions")).body.find((s) => s.id === id)!;
      expect(listed).toMatchObject({ recorded: true, tap: { name: "weather", kind: "stdio" }, serverInfo: { name: "weather" } });
    } finally {
      await reopened.close();
    }
  });

  it("takes the shim's binary uploads as it takes JSON, ends the session with ?end=1, and refuses a malformed one", async () => {
    app = await startTestApp();
    const upload = (id: string, body: Buffer, end = false) =>
      fetch(`${app!.base}/api/taps/sessions/${id}/chunks${end ? "?end=1" : ""}`, { method: "POST", headers: { authorization: `Bearer ${app!.token}`, "content-type": TAP_CHUNKS_MEDIA_TYPE }, body });
    const text = '{"jsonrpc":"2.0","id":1,"method":"ping"}\n{"jsonrpc":"2.0","id":1,"result":{}}\nnot json\n';
    const chunks: ShimChunk[] = [
      { n: 1, ts: 1001, event: { event: "spawned", pid: 4242 } },
      { n: 2, ts: 1002, stream: "stdin", data: Buffer.from(text.slice(0, 30)) },
      { n: 3, ts: 1003, stream: "stdin", data: Buffer.from(text.slice(30, 41)) },
      { n: 4, ts: 1004, stream: "stdout", data: Buffer.from(text.slice(41)) },
      { n: 5, ts: 1005, stream: "stderr", data: Buffer.from("ready é\n") },
    ];
    const binaryId = (await app.api<SessionInfo>("POST", "/api/taps/sessions", OPEN)).body.id;
    const jsonId = (await app.api<SessionInfo>("POST", "/api/taps/sessions", OPEN)).body.id;
    const first = await upload(binaryId, encodeChunks(chunks.slice(0, 3)));
    expect([first.status, await first.json()]).toEqual([200, { n: 3, lastSeq: 2 }]);
    const last = await upload(binaryId, encodeChunks([...chunks.slice(2), { n: 6, ts: 2000, event: { event: "exited", code: 0, signal: null } }]), true);
    expect([last.status, await last.json()]).toEqual([200, { n: 6, lastSeq: 6 }]);
    const json = chunks.map((c) => ("data" in c ? { ...c, data: c.data.toString("base64") } : c));
    await app.api("POST", `/api/taps/sessions/${jsonId}/chunks`, { chunks: [...json, { n: 6, ts: 2000, event: { event: "exited", code: 0, signal: null } }], end: true });
    const frames = async (id: string) => (await app!.api<{ frames: Frame[] }>("GET", `/api/sessions/${id}/frames`)).body.frames.map(({ sessionId: _, ...f }) => f);
    expect(await frames(binaryId)).toEqual(await frames(jsonId));
    expect((await frames(binaryId)).map((f) => [f.seq, f.ts, f.dir, f.kind, f.raw])).toEqual([
      [1, 1001, "meta", "lifecycle", '{"event":"spawned","pid":4242}'],
      [2, 1003, "out", "request", '{"jsonrpc":"2.0","id":1,"method":"ping"}'],
      [3, 1004, "in", "response", '{"jsonrpc":"2.0","id":1,"result":{}}'],
      [4, 1004, "in", "invalid", "not json"],
      [5, 1005, "in", "stderr", "ready é"],
      [6, 2000, "meta", "lifecycle", '{"event":"exited","code":0,"signal":null}'],
    ]);
    expect((await app.api<SessionInfo>("GET", `/api/sessions/${binaryId}`)).body.status).toBe("closed");

    const otherId = (await app.api<SessionInfo>("POST", "/api/taps/sessions", OPEN)).body.id;
    const cut = await upload(otherId, encodeChunks(chunks).subarray(0, 30));
    expect([cut.status, ((await cut.json()) as { code: string; message: string }).message]).toEqual([400, "Invalid upload: chunk 1: 30 bytes announced, 9 left"]);
    expect((await app.api<SessionInfo>("GET", `/api/sessions/${otherId}`)).body.lastSeq).toBe(0);
  });

  it("needs the API token, and a valid announcement", async () => {
    app = await startTestApp();
    const res = await fetch(`${app.base}/api/taps/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(OPEN) });
    expect(res.status).toBe(401);
    const bad = await app.api<{ code: string }>("POST", "/api/taps/sessions", { ...OPEN, target: { transport: "stdio" } });
    expect([bad.status, bad.body.code]).toEqual([400, "MCPSCOPE_BAD_REQUEST"]);
  });

  it("marks the session failed when its shim died without finishing", async () => {
    app = await startTestApp();
    const id = (await app.api<SessionInfo>("POST", "/api/taps/sessions", { ...OPEN, shimPid: 2 ** 22 + 12345 })).body.id;
    await expect.poll(async () => (await app!.api<SessionInfo>("GET", `/api/sessions/${id}`)).body.status, { timeout: 10_000 }).toBe("failed");
    expect((await app.api<SessionInfo>("GET", `/api/sessions/${id}`)).body.error).toMatch(/^The mcpscope tap process \(pid \d+\) ended without finishing its upload/);
  });
});
