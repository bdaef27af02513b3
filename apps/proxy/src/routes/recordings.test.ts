import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { ApiError, FramesPage, SessionInfo } from "@mcpscope/protocol";
import { startTestApp } from "../testing/testApp.js";
import { connectWs } from "../testing/wsClient.js";
import { withFreeSessionId } from "./recordings.js";

const header = (id: string) => JSON.stringify({ type: "mcpscope-recording", version: 1, session: { id, status: "closed" } });
const frame = '{"sessionId":"s1","seq":1}';

describe("withFreeSessionId", () => {
  it("leaves a recording whose session id is free as it is", () => {
    const text = `${header("s1")}\n${frame}\n`;
    expect(withFreeSessionId(text, () => false)).toBe(text);
  });

  it("renames the header's session when its id is taken, keeping the frame lines", () => {
    const taken = new Set(["s1", "s1-copy"]);
    const out = withFreeSessionId(`${header("s1")}\n${frame}\n`, (id) => taken.has(id));
    const [first, second] = out.split("\n");
    expect(JSON.parse(first!)).toMatchObject({ type: "mcpscope-recording", session: { id: "s1-copy-3", status: "closed" } });
    expect(second).toBe(frame);
  });

  it("passes text that is not a recording through, for the importer to refuse", () => {
    expect(withFreeSessionId("not json\n", () => true)).toBe("not json\n");
  });
});

describe("POST /api/recordings with a file that is not a recording", () => {
  it("answers 422 saying why, without server paths, and keeps no file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-import-"));
    const t = await startTestApp({ session: { recordingsDir: dir } });
    try {
      const res = await fetch(`${t.base}/api/recordings`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.token}`, "content-type": "application/x-ndjson" },
        body: '{"hello":"world"}\n',
      });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { code: string; message: string; hint: string };
      expect(body.code).toBe("MCPSCOPE_INVALID_RECORDING");
      expect(body.message).toBe('Not an mcpscope recording: line 1: its first line is not a recording header (expected {"type":"mcpscope-recording",…}, got {"hello":"world"})');
      expect(body.hint).toContain("exported by mcpscope");
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe("recordings are validated line by line", () => {
  const target = { transport: "stdio", command: "node", args: ["server.js"], env: {} };
  const header = JSON.stringify({ type: "mcpscope-recording", version: 1, session: { id: "rec-1", createdAt: 1_700_000_000_000, transport: "stdio", target } });
  const frame = (seq: number) => JSON.stringify({ sessionId: "rec-1", seq, ts: 1_700_000_000_000 + seq, dir: "in", kind: "stderr", raw: `line ${seq}`, bytes: 6 + String(seq).length });
  /** A recording of `count` stderr frames whose frame `bad` (seq) claims a huge seq instead. */
  const recording = (count: number, bad?: number) =>
    [header, ...Array.from({ length: count }, (_, i) => (i + 1 === bad ? frame(2 ** 40) : frame(i + 1)))].join("\n") + "\n";

  it("an import with one bad frame line is refused, naming that line, and no file is kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-import-"));
    const t = await startTestApp({ session: { recordingsDir: dir } });
    try {
      const res = await fetch(`${t.base}/api/recordings`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.token}`, "content-type": "application/x-ndjson" },
        body: recording(5_000, 4_321),
      });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: "MCPSCOPE_INVALID_RECORDING", message: "Not an mcpscope recording: line 4,322: seq is 1099511627776, expected 4321 (frames are numbered 1, 2, 3… in line order)" });
      expect(readdirSync(dir)).toEqual([]);
      expect((await t.api<unknown[]>("GET", "/api/sessions")).body).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it("a recording in the data directory that goes bad past its start is listed; reading the bad part answers 422 naming the line, the WebSocket says why, and the proxy keeps serving", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-datadir-"));
    writeFileSync(join(dir, "damaged.jsonl"), recording(3_000, 2_500));
    const t = await startTestApp({ session: { recordingsDir: dir } });
    try {
      const [listed] = (await t.api<SessionInfo[]>("GET", "/api/sessions")).body;
      expect(listed).toMatchObject({ id: "rec-1", recorded: true, lastSeq: 3_000 });
      const start = await t.api<FramesPage>("GET", "/api/sessions/rec-1/frames?since=0&limit=2000");
      expect(start.status).toBe(200);
      expect(start.body.frames.map((f) => f.seq)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
      const bad = await t.api<ApiError>("GET", "/api/sessions/rec-1/frames?since=2000&limit=1000");
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: "MCPSCOPE_INVALID_RECORDING", message: expect.stringContaining("line 2,501: seq is 1099511627776, expected 2500") });

      const ws = connectWs(t);
      await ws.opened;
      ws.subscribe("rec-1", 2000);
      await vi.waitFor(() => expect(ws.messages.find((m) => m.type === "error")).toMatchObject({ type: "error", code: "MCPSCOPE_INVALID_RECORDING", sessionId: "rec-1", message: expect.stringContaining("line 2,501") }));
      expect(ws.frames("rec-1")).toEqual([]);
      ws.socket.close();
      expect((await t.api("GET", "/api/health")).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
