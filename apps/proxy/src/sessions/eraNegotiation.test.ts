import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiError, Frame, SessionInfo } from "@mcpscope/protocol";
import { fixtureCommand, startEverything, startHttpFixture } from "@mcpscope/fixtures";
import { defaultServerTarget } from "./defaultServer.js";
import { startTestApp, type TestApp } from "../testing/testApp.js";
import { modernStdioTarget, probeShyTarget } from "../testing/testServers.js";

const events = (frames: Frame[]) => frames.map((f) => f.meta?.event).filter(Boolean);

describe("choosing the protocol revision", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ session: { stdioProbeTimeoutMs: 300 } });
  });
  afterAll(() => t.close());
  const open = (body: unknown) => t.api<SessionInfo & ApiError>("POST", "/api/sessions", body);

  it("auto falls back to initialize when a handshake-era server answers server/discover with an error", async () => {
    const session = await t.openSession(defaultServerTarget());
    expect(session).toMatchObject({ status: "ready", protocolVersion: "2025-11-25", era: "legacy", negotiation: { mode: "auto", outcome: "fallback", reason: expect.stringContaining("server/discover answered error -32601") } });
    const frames = await t.frames(session.id);
    expect(events(frames)).toEqual(["spawned", "probe", "negotiated", "initialized"]);
    const probe = frames.find((f) => f.msg?.method === "server/discover")!;
    expect(frames.find((f) => f.dir === "in" && f.msg?.id === probe.msg!.id)?.kind).toBe("error");
    expect(session.discover).toBeUndefined();
  });

  it("auto falls back after the short stdio probe timeout when the server ignores server/discover, and says so", async () => {
    const session = await t.openSession(probeShyTarget("ignore"));
    expect(session).toMatchObject({ status: "ready", era: "legacy", negotiation: { outcome: "fallback", reason: "no answer to server/discover within 300 ms" } });
    const frames = await t.frames(session.id);
    expect(frames.find((f) => f.meta?.event === "probe")?.meta?.note).toContain("does not answer within 300 ms is taken for a handshake-era server");
  });

  it("auto starts a server again for initialize when it exits on server/discover", async () => {
    const session = await t.openSession(probeShyTarget("exit"));
    expect(session).toMatchObject({ status: "ready", era: "legacy", serverInfo: { name: "probe-shy" }, negotiation: { outcome: "initialize", reason: expect.stringContaining("exited once probed with server/discover") } });
    const frames = await t.frames(session.id);
    expect(events(frames)).toEqual(["spawned", "probe", "exited", "fallback", "spawned", "negotiated", "initialized"]);
    expect(await t.request(session.id, "tools/list")).toMatchObject({ result: { tools: [{ name: "noop" }] } });
  });

  it("a pinned handshake-era revision runs initialize offering only that version, with no probe", async () => {
    const session = await t.openSession({ ...defaultServerTarget(), protocol: "2025-03-26" } as never);
    expect(session).toMatchObject({ protocolVersion: "2025-03-26", era: "legacy", negotiation: { mode: "pinned", outcome: "initialize", reason: "pinned to 2025-03-26" } });
    const frames = await t.frames(session.id);
    expect(frames.some((f) => f.msg?.method === "server/discover")).toBe(false);
    expect(frames.find((f) => f.msg?.method === "initialize")?.msg?.params).toMatchObject({ protocolVersion: "2025-03-26" });
  });

  it("pinned 2026-07-28 against a handshake-era server fails, saying what the server answered and what to do", async () => {
    const res = await open({ ...defaultServerTarget(), protocol: "2026-07-28" });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe("MCPSCOPE_PROTOCOL_ERA_MISMATCH");
    expect(res.body.message).toBe("The server does not speak 2026-07-28: server/discover answered error -32601: Method not found.");
    expect(res.body.hint).toContain("connect with --protocol auto, or pin one of 2025-11-25");
  });

  it("a server that speaks only 2026-07-28 refuses a pinned older revision; the doctor names what it speaks", async () => {
    const res = await open({ ...modernStdioTarget({ modernOnly: true }), protocol: "2025-06-18" });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe("MCPSCOPE_PROTOCOL_ERA_MISMATCH");
    expect(res.body.message).toMatch(/^This server speaks only 2026-07-28; connect with --protocol auto or 2026-07-28\. It answered initialize with error -32022/);
    expect(res.body.hint).toBe("This session is pinned to 2025-06-18.");
  });

  it("auto recovers when a 2026-07-28-only server, slow to start, misses the probe and refuses initialize", async () => {
    // Slower to start than this app's 300 ms stdio probe timeout.
    const session = await t.openSession(modernStdioTarget({ modernOnly: true, startDelayMs: 600 }));
    expect(session).toMatchObject({ status: "ready", era: "modern", negotiation: { mode: "auto", outcome: "discover", reason: expect.stringContaining("refused initialize, naming 2026-07-28") } });
    const frames = await t.frames(session.id);
    expect(events(frames)).toEqual(["spawned", "probe", "exited", "fallback", "spawned", "probe", "negotiated"]);
  });

  it("pinned 2026-07-28 is refused over HTTP+SSE before connecting", async () => {
    const res = await open({ transport: "sse", url: "http://127.0.0.1:9/sse", protocol: "2026-07-28" });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("MCPSCOPE_PROTOCOL_TRANSPORT_MISMATCH");
  });

  it("rejects an unknown protocol value", async () => {
    const res = await open({ ...fixtureCommand("legacy"), transport: "stdio", protocol: "2030-01-01" });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("protocol");
  });
});

describe("auto over HTTP with an HTTP+SSE-only server", () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof startEverything>>;
  beforeAll(async () => {
    [t, server] = await Promise.all([startTestApp(), startEverything("sse")]);
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it("probes, falls back to HTTP+SSE and runs initialize there; the server's HTTP error answers are not invalid frames", async () => {
    const session = await t.openSession({ url: `${server.origin}/sse` } as never);
    expect(session).toMatchObject({ status: "ready", transport: "sse", era: "legacy", negotiation: { mode: "auto", outcome: "initialize", reason: "the HTTP+SSE transport predates 2026-07-28" } });
    const frames = await t.frames(session.id);
    expect(events(frames)).toEqual(expect.arrayContaining(["probe", "fallback", "negotiated"]));
    expect(frames.filter((f) => f.kind === "invalid")).toEqual([]);
  });
});

describe("auto over HTTP with a stateful handshake-era Streamable HTTP server", () => {
  it("takes the probe's 400 answer (a JSON-RPC error with a null id) as the handshake era, and records that answer as an error frame", async () => {
    const [t, fixture] = await Promise.all([startTestApp(), startHttpFixture()]);
    try {
      const session = await t.openSession({ url: `${fixture.origin}/mcp` } as never);
      expect(session).toMatchObject({ status: "ready", transport: "streamable-http", era: "legacy", negotiation: { outcome: "fallback", reason: expect.stringContaining("server/discover answered HTTP 400") } });
      const frames = await t.frames(session.id);
      expect(frames.filter((f) => f.kind === "invalid")).toEqual([]);
      const answer = frames.find((f) => f.dir === "in" && f.msg?.id === null)!;
      expect(answer).toMatchObject({ kind: "error", msg: { error: { code: -32000 } }, reason: expect.stringContaining("null id") });
      // Recordings are validated line by line when read: the null-id error frame, and the
      // probe's lifecycle frames, export and import back valid, frame for frame.
      const exported = await (await fetch(`${t.base}/api/sessions/${session.id}/export`, { headers: { authorization: `Bearer ${t.token}` } })).text();
      const imported = await fetch(`${t.base}/api/recordings`, { method: "POST", headers: { authorization: `Bearer ${t.token}`, "content-type": "application/x-ndjson" }, body: exported });
      expect(imported.status).toBe(201);
      const copy = (await imported.json()) as SessionInfo;
      expect(copy).toMatchObject({ recorded: true, era: "legacy", negotiation: { outcome: "fallback" } });
      expect((await t.frames(copy.id)).map((f) => JSON.stringify(f))).toEqual(exported.trimEnd().split("\n").slice(1));
    } finally {
      await t.close();
      await fixture.stop();
    }
  });
});
