import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { ApiError, Frame, FramesPage, SessionInfo } from "@mcpscope/protocol";
import { fixtureCommand, plainFixturePath } from "@mcpscope/fixtures";
import { FLUSH_DELAY_MS, FLUSH_PENDING_CHARS, FrameLog } from "../sessions/frameLog.js";
import { startTestApp } from "../testing/testApp.js";
import { FrameFile } from "./frameFile.js";

/** The header of a recording mcpscope would write for a session "s". */
const HEADER = { type: "mcpscope-recording", version: 1, session: { id: "s", createdAt: 1, transport: "stdio", target: { transport: "stdio", command: "node", args: [], env: {} } } } as const;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "mcpscope-rec-"));
}

function readRecording(path: string): { header: Record<string, unknown>; frames: Frame[] } {
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  return { header: JSON.parse(lines[0]!) as Record<string, unknown>, frames: lines.slice(1).map((l) => JSON.parse(l) as Frame) };
}

describe("FrameLog with a recording file", () => {
  it("keeps a bounded window in memory and reads older frames back from the file", async () => {
    const dir = tempDir();
    const file = FrameFile.create(join(dir, "a.jsonl"), HEADER);
    const log = new FrameLog("s", { file, windowFrames: 10 });
    for (let i = 1; i <= 100; i++) log.append({ dir: "in", kind: "stderr", raw: `line ${i} — ü` });
    expect(log.recent().length).toBeLessThanOrEqual(15);
    const all = log.since(0, 1000);
    expect(all.map((f) => f.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(all[41]!.raw).toBe("line 42 — ü");
    expect(log.since(5, 3).map((f) => f.seq)).toEqual([6, 7, 8]);
    expect(log.get(100)?.raw).toBe("line 100 — ü");
    await Promise.resolve();
    expect(readRecording(join(dir, "a.jsonl")).frames).toHaveLength(100);
  });

  it("gives frames as their recorded lines (sinceLines), from the file or memory, within a byte budget", () => {
    const dir = tempDir();
    const file = FrameFile.create(join(dir, "lines.jsonl"), HEADER);
    const logs = [new FrameLog("s", { file, windowFrames: 10 }), new FrameLog("s")];
    for (const log of logs) for (let i = 1; i <= 50; i++) log.append({ dir: "in", kind: "stderr", raw: `line ${i} — ü` });
    const read = logs.map((log) => log.sinceLines(0, 1000, 1 << 20)); // writes what is pending first
    const onDisk = readFileSync(join(dir, "lines.jsonl"), "utf8").split("\n").slice(1, -1);
    for (const [i, log] of logs.entries()) {
      const all = read[i]!;
      expect(all.count).toBe(50);
      const lines = all.bytes.toString("utf8").split("\n");
      expect(lines.pop()).toBe(""); // every line ends with a line break
      expect(lines.map((l) => (JSON.parse(l) as Frame).seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      if (log === logs[0]) expect(lines).toEqual(onDisk); // the bytes on disk, as written
      const some = log.sinceLines(20, 10, 1 << 20);
      expect(some.count).toBe(10);
      expect((JSON.parse(some.bytes.toString("utf8").split("\n")[0]!) as Frame).seq).toBe(21);
      // A byte budget smaller than the frames asked for: fewer, but always at least one.
      const budget = Buffer.byteLength(onDisk[0]!) * 3;
      const capped = log.sinceLines(0, 50, budget);
      expect(capped.count).toBeGreaterThanOrEqual(1);
      expect(capped.bytes.length).toBeLessThanOrEqual(budget + 100);
      expect(log.sinceLines(0, 50, 1).count).toBe(1);
      expect(log.sinceLines(50, 10, 1 << 20).count).toBe(0);
    }
  });

  it("bounds the raw text held in memory, whatever the frames' size, and reads the rest from the file", () => {
    const dir = tempDir();
    const file = FrameFile.create(join(dir, "big.jsonl"), HEADER);
    const log = new FrameLog("s", { file, windowFrames: 1000, windowChars: 10_000 });
    for (let i = 1; i <= 40; i++) log.append({ dir: "in", kind: "stderr", raw: `${i}:`.padEnd(1000, "x") });
    const held = log.recent().reduce((sum, f) => sum + f.raw.length, 0);
    expect(held).toBeLessThanOrEqual(15_000);
    expect(log.recent().at(-1)!.seq).toBe(40);
    expect(log.since(0, 100).map((f) => f.raw.slice(0, 3))).toEqual(Array.from({ length: 40 }, (_, i) => `${i + 1}:`.padEnd(3, "x")));
  });

  it("writes a burst of frames in one write, within FLUSH_DELAY_MS", async () => {
    const dir = tempDir();
    const path = join(dir, "b.jsonl");
    const file = FrameFile.create(path, HEADER);
    const writes = vi.spyOn(file, "append");
    const log = new FrameLog("s", { file });
    const started = performance.now();
    log.append({ dir: "in", kind: "stderr", raw: "one" });
    log.append({ dir: "in", kind: "stderr", raw: "two" });
    expect(writes).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(readRecording(path).frames.map((f) => f.raw)).toEqual(["one", "two"]), { timeout: 1000, interval: 1 });
    expect(writes).toHaveBeenCalledTimes(1);
    // Timers may fire late on a busy machine, never early.
    expect(performance.now() - started).toBeGreaterThanOrEqual(FLUSH_DELAY_MS - 1);
  });

  it("writes at once what is read back or past FLUSH_PENDING_CHARS, so nothing shown is only in memory", () => {
    const dir = tempDir();
    const path = join(dir, "b2.jsonl");
    const log = new FrameLog("s", { file: FrameFile.create(path, HEADER) });
    log.append({ dir: "in", kind: "stderr", raw: "read" });
    expect(readRecording(path).frames).toHaveLength(0);
    expect(log.since(0)).toHaveLength(1);
    expect(readRecording(path).frames.map((f) => f.raw)).toEqual(["read"]);
    log.append({ dir: "in", kind: "stderr", raw: "x".repeat(FLUSH_PENDING_CHARS) });
    expect(readRecording(path).frames).toHaveLength(2);
  });

  it("reopens a recording, ignoring a torn last line", () => {
    const dir = tempDir();
    const path = join(dir, "c.jsonl");
    const log = new FrameLog("s", { file: FrameFile.create(path, HEADER) });
    log.append({ dir: "in", kind: "stderr", raw: "kept" });
    log.close();
    appendFileSync(path, '{"sessionId":"s","seq":2,"ts":1,"dir":"in","kind":"std');
    const { file, header } = FrameFile.open(path);
    expect(header.session).toEqual(HEADER.session);
    expect(file.frameCount).toBe(1);
    expect(file.read(1, 5).map((f) => f.raw)).toEqual(["kept"]);
  });

  it("refuses a file that is not a recording", () => {
    const path = join(tempDir(), "d.jsonl");
    appendFileSync(path, '{"hello":1}\n');
    expect(() => FrameFile.open(path)).toThrow(/^Not an mcpscope recording: line 1: its first line is not a recording header/);
  });
});

describe("sessions are recorded and outlive the proxy", () => {
  it("records every frame; a new proxy lists the session read-only with its frames and handshake", async () => {
    const dir = tempDir();
    const first = await startTestApp({ session: { recordingsDir: dir } });
    const session = await first.openSession({ transport: "stdio", env: { API_KEY: "do-not-record" }, ...fixtureCommand("noisy") });
    await first.api("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "echo", arguments: { message: "keep me" } } });
    const live = (await first.api<FramesPage>("GET", `/api/sessions/${session.id}/frames?limit=100000`)).body.frames;
    await first.close();

    const [file] = readdirSync(dir);
    const recording = readRecording(join(dir, file!));
    expect(recording.header).toMatchObject({ type: "mcpscope-recording", version: 1, session: { id: session.id, target: { env: { API_KEY: "[redacted]" } } } });
    expect(JSON.stringify(recording)).not.toContain("do-not-record");
    expect(recording.frames.slice(0, live.length)).toEqual(live);
    expect(recording.frames.at(-1)?.meta).toEqual({ event: "closed", by: "user" });

    const second = await startTestApp({ session: { recordingsDir: dir } });
    try {
      const listed = (await second.api<SessionInfo[]>("GET", "/api/sessions")).body;
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: session.id, status: "closed", recorded: true, serverInfo: { name: "noisy-fixture" }, lastSeq: recording.frames.length });
      const frames = (await second.api<FramesPage>("GET", `/api/sessions/${session.id}/frames?limit=100000`)).body.frames;
      expect(frames).toEqual(recording.frames);
      const refused = await second.api<ApiError>("POST", `/api/sessions/${session.id}/requests`, { method: "ping" });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/read-only/);
      expect((await second.api("DELETE", `/api/sessions/${session.id}/recording`)).status).toBe(204);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it("records a stdio message as the server wrote it: msg is the line's own text, and reads back as the same frame", async () => {
    // A server that writes its initialize result with spaces and an escape JSON.stringify would not write.
    const dir = tempDir();
    const app = await startTestApp({ session: { recordingsDir: dir } });
    let session: SessionInfo;
    try {
      session = await app.openSession({ transport: "stdio", command: process.execPath, args: [plainFixturePath("spacedInit")], env: {}, protocol: "2025-06-18" });
      expect(session).toMatchObject({ status: "ready", serverInfo: { name: "spaced" }, instructions: "café" });
    } finally {
      await app.close();
    }
    const lines = readFileSync(join(dir, readdirSync(dir)[0]!), "utf8").trimEnd().split("\n");
    const line = lines.find((l) => l.includes('"serverInfo": { "name": "spaced"'));
    expect(line).toBeDefined();
    const frame = JSON.parse(line!) as Frame;
    expect(line).toContain(`"msg":${frame.raw}`);
    expect(frame).toMatchObject({ sessionId: session.id, kind: "response", msg: { result: { serverInfo: { name: "spaced" }, instructions: "café" } } });
  });

  it("applies retention: keeps the newest N sessions", async () => {
    const dir = tempDir();
    const first = await startTestApp({ session: { recordingsDir: dir } });
    for (let i = 0; i < 3; i++) await first.openSession({ transport: "stdio", env: {}, ...fixtureCommand("legacy") });
    await first.close();
    expect(readdirSync(dir)).toHaveLength(3);
    const second = await startTestApp({ session: { recordingsDir: dir }, retention: { keepSessions: 2 } });
    await second.close();
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
