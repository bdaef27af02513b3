import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame, SessionInfo, TapFrame } from "@mcpscope/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/testApp.js";
import { ingestFrames } from "./ingestFrames.js";

const wire = (seq: number, dir: "in" | "out", raw: string): TapFrame => ({ seq, ts: 1000 + seq, dir, raw, bytes: Buffer.byteLength(raw) });
const OPEN = { name: "weather", target: { transport: "stdio", command: "node", args: ["weather.js"], env: {} }, shimPid: process.pid, clientPid: process.ppid, serverPid: 4242 };

describe("ingestFrames", () => {
  it("classifies wire lines and keeps the shim's seq and ts", () => {
    const frames = ingestFrames("s", 0, [
      wire(1, "out", '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'),
      wire(2, "in", '{"jsonrpc":"2.0","id":1,"result":{}}\r'),
      wire(3, "in", "not json"),
      { seq: 4, ts: 1004, dir: "in", kind: "stderr", raw: "a log line", bytes: 10 },
    ]);
    expect(frames.map((f) => [f.ts, f.dir, f.kind])).toEqual([[1001, "out", "request"], [1002, "in", "response"], [1003, "in", "invalid"], [1004, "in", "stderr"]]);
    expect(frames[1]!.raw).toBe('{"jsonrpc":"2.0","id":1,"result":{}}\r');
    expect(frames[2]!.reason).toMatch(/^not JSON/);
  });

  it("skips frames already recorded (a repeated upload) and refuses gaps and bad frames, naming them", () => {
    expect(ingestFrames("s", 2, [wire(1, "in", "{}"), wire(2, "in", "{}"), wire(3, "in", "x")]).length).toBe(1);
    expect(() => ingestFrames("s", 0, [wire(2, "in", "x")])).toThrow("frames[0]: seq 2 where 1 was expected");
    expect(() => ingestFrames("s", 0, [{ ...wire(1, "in", "x"), kind: "request" } as unknown as TapFrame])).toThrow("frames[0]: kind must be absent");
    expect(() => ingestFrames("s", 0, [{ ...wire(1, "in", "x"), bytes: -1 }])).toThrow(/frames\[0\]: bytes/);
    expect(() => ingestFrames("s", 0, [{ ...wire(1, "meta", "x") }])).toThrow('a wire line (no kind) must have dir "in" or "out"');
  });
});

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
    const init = '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"roots":{}},"clientInfo":{"name":"Claude","version":"1.2"}}}';
    const answer = '{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"weather","version":"3.0"}}}';
    const first = await app.api<{ lastSeq: number }>("POST", `/api/taps/sessions/${id}/frames`, { frames: [wire(1, "out", init), wire(2, "in", answer)] });
    expect(first).toEqual({ status: 200, body: { lastSeq: 2 } });
    const live = (await app.api<SessionInfo>("GET", `/api/sessions/${id}`)).body;
    expect(live).toMatchObject({ protocolVersion: "2025-11-25", serverInfo: { name: "weather" }, capabilities: { tools: {} }, clientCapabilities: { roots: {} }, tap: { client: { name: "Claude", version: "1.2" } } });

    // Read-only: mcpscope is not the client.
    const refused = await app.api<{ code: string }>("POST", `/api/sessions/${id}/requests`, { method: "tools/list" });
    expect([refused.status, refused.body.code]).toEqual([409, "MCPSCOPE_TAP_READ_ONLY"]);
    expect((await app.api<{ code: string }>("POST", `/api/sessions/${id}/reconnect`)).body.code).toBe("MCPSCOPE_TAP_READ_ONLY");

    const bad = await app.api<{ code: string; message: string }>("POST", `/api/taps/sessions/${id}/frames`, { frames: [wire(4, "in", "{}")] });
    expect([bad.status, bad.body.code, bad.body.message]).toEqual([400, "MCPSCOPE_TAP_FRAME_INVALID", "frames[0]: seq 4 where 3 was expected: frames must be uploaded in order, without gaps"]);

    const exited = { seq: 3, ts: 2000, dir: "meta", kind: "lifecycle", raw: '{"event":"exited","code":1,"signal":null}', bytes: 0, meta: { event: "exited", code: 1, signal: null } };
    expect((await app.api("POST", `/api/taps/sessions/${id}/frames`, { frames: [exited], end: true })).status).toBe(200);
    const ended = (await app.api<SessionInfo>("GET", `/api/sessions/${id}`)).body;
    expect(ended).toMatchObject({ status: "failed", error: "The server process exited with code 1.", lastSeq: 3 });
    expect(ended.pid).toBeUndefined();
    const late = await app.api<{ code: string }>("POST", `/api/taps/sessions/${id}/frames`, { frames: [] });
    expect([late.status, late.body.code]).toEqual([409, "MCPSCOPE_TAP_SESSION_ENDED"]);

    // The recording: the same format as any session's, the tap in its header, the shim's timestamps.
    const lines = readFileSync(app.app.sessions.recordingPath(id)!, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { session?: unknown } & Frame);
    expect(lines[0]!.session).toMatchObject({ id, tap: { name: "weather", kind: "stdio" } });
    expect(lines.slice(1).map((f) => [f.seq, f.ts, f.kind])).toEqual([[1, 1001, "request"], [2, 1002, "response"], [3, 2000, "lifecycle"]]);

    // Opened again from its recording (a later run), it is still marked tapped.
    const reopened = (await startTestApp({ session: { recordingsDir: dir } }));
    try {
      const listed = (await reopened.api<SessionInfo[]>("GET", "/api/sessions")).body.find((s) => s.id === id)!;
      expect(listed).toMatchObject({ recorded: true, tap: { name: "weather", kind: "stdio" }, serverInfo: { name: "weather" } });
    } finally {
      await reopened.close();
    }
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
