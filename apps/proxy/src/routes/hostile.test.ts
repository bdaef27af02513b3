import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SendRequestResult, SessionInfo } from "@mcpscope/protocol";
import { fixtureCommand } from "@mcpscope/fixtures";
import { startTestApp, type TestApp } from "../testing/testApp.js";

const frames = (t: TestApp, id: string) => t.frames(id);
const call = (t: TestApp, id: string, name: string, args: Record<string, unknown> = {}) => t.request(id, "tools/call", { name, arguments: args });

describe("a hostile stdio server is survived and every byte is recorded", () => {
  let t: TestApp;
  let session: SessionInfo;
  beforeAll(async () => {
    t = await startTestApp();
    session = await t.openSession({ transport: "stdio", env: {}, ...fixtureCommand("hostile") });
  });
  afterAll(() => t.close());

  it("records garbage, binary, invalid UTF-8, non-JSON-RPC JSON, unknown and duplicate ids and batches with reasons", async () => {
    expect(await call(t, session.id, "misbehave")).toMatchObject({ result: { content: [{ text: "misbehaved" }] } });
    await expect.poll(async () => (await frames(t, session.id)).some((f) => f.raw.includes('"duplicate":true'))).toBe(true);
    const all = await frames(t, session.id);
    expect(all.map((f) => f.seq)).toEqual(all.map((_, i) => i + 1));
    const start = all.findIndex((f) => f.msg?.method === "tools/call") + 1;
    const garbage = all.slice(start).filter((f) => f.dir === "in" && f.kind !== "stderr");
    const reasons = garbage.map((f) => f.reason ?? f.kind);
    expect(reasons[0]).toMatch(/^not JSON/);
    expect(reasons[1]).toMatch(/not JSON.*invalid UTF-8/);
    expect(garbage[1]!.bytes).toBe(5);
    expect(garbage[2]!.kind).toBe("notification"); // invalid UTF-8 inside a string is still a message
    expect(garbage[2]!.raw).toContain("\uFFFD");
    expect(reasons[3]).toMatch(/missing "jsonrpc"/);
    expect(reasons[4]).toMatch(/JSON number/);
    expect(reasons[5]).toMatch(/JSON null/);
    expect(garbage[6]).toMatchObject({ kind: "response", reason: expect.stringMatching(/unmatched: no request with id 999999/) });
    expect(reasons[7]).toMatch(/batch/);
    const answers = garbage.filter((f) => f.kind === "response" && f.msg?.id === all[start - 1]!.msg?.id);
    expect(answers).toHaveLength(2);
    expect(answers[0]!.reason).toBeUndefined();
    expect(answers[1]!.reason).toMatch(/duplicate/);
    expect(await call(t, session.id, "echo", { message: "still here" })).toMatchObject({ result: { content: [{ text: "Echo: still here" }] } });
  });

  it("reassembles a line split across writes", async () => {
    await call(t, session.id, "split-line");
    const split = (await frames(t, session.id)).find((f) => f.raw.includes("split across writes"))!;
    expect(split.kind).toBe("notification");
  });

  it("records a 50 MB line as an invalid frame of that size, keeps only a preview, and goes on", async () => {
    expect(await call(t, session.id, "huge-line", { mb: 50 })).toMatchObject({ result: { content: [{ text: "wrote 50 MB" }] } });
    const huge = (await frames(t, session.id)).find((f) => f.bytes === 50 * 1024 * 1024)!;
    expect(huge.kind).toBe("invalid");
    expect(huge.reason).toMatch(/exceeds the 16777216-byte frame limit/);
    expect(huge.raw.length).toBe(64 * 1024);
    expect(await call(t, session.id, "echo", { message: "after" })).toMatchObject({ result: {} });
  });

  it("times out a request the server never answers, then marks a late answer as such", async () => {
    const res = (await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "tools/call", params: { name: "hang", arguments: {} }, timeoutMs: 200 })).body;
    expect(res).toMatchObject({ error: { code: -32001 } });
    expect((await frames(t, session.id)).some((f) => f.msg?.method === "notifications/cancelled")).toBe(true);
  });

  it("survives a server that stops reading its stdin: requests fail with an error, the proxy goes on", async () => {
    await call(t, session.id, "close-stdin");
    await expect
      .poll(async () => {
        const res = (await t.api<SendRequestResult>("POST", `/api/sessions/${session.id}/requests`, { method: "ping", timeoutMs: 300 })).body;
        return "error" in res;
      })
      .toBe(true);
    expect((await t.api("GET", "/api/health")).status).toBe(200);
  });

  it("its recording, every hostile line included, exports and imports back valid, frame for frame", async () => {
    const exported = await (await fetch(`${t.base}/api/sessions/${session.id}/export`, { headers: { authorization: `Bearer ${t.token}` } })).text();
    const imported = await fetch(`${t.base}/api/recordings`, { method: "POST", headers: { authorization: `Bearer ${t.token}`, "content-type": "application/x-ndjson" }, body: exported });
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as SessionInfo;
    expect(copy.id).toBe(`${session.id}-copy`);
    expect((await frames(t, copy.id)).map((f) => JSON.stringify(f))).toEqual(exported.trimEnd().split("\n").slice(1));
  });
});

describe("process control", () => {
  it("kills a server that ignores SIGTERM after the grace period", async () => {
    const t = await startTestApp();
    try {
      const session = await t.openSession({ transport: "stdio", ...fixtureCommand("hostile"), env: { HOSTILE_IGNORE_SIGTERM: "1" } });
      expect((await t.api("DELETE", `/api/sessions/${session.id}`)).status).toBe(204);
      const all = await frames(t, session.id);
      expect(all.find((f) => f.meta?.event === "exited")?.meta).toMatchObject({ signal: "SIGKILL" });
      expect(all.some((f) => f.raw === "hostile: ignoring SIGTERM")).toBe(true);
    } finally {
      await t.close();
    }
  });
});
