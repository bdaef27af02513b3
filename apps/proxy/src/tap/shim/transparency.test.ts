import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtureCommand, modernStdioCommand } from "@mcpscope/fixtures";
import type { Frame, SessionInfo } from "@mcpscope/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScriptedClient, type ScriptStep } from "../../testing/scriptedStdioClient.js";
import { tapFromSource } from "../../testing/tapShim.js";
import { startTestApp, type TestApp } from "../../testing/testApp.js";

const NOTIFICATIONS = 100_000;
const BIG_BYTES = 10 * 1024 * 1024;

const line = (msg: Record<string, unknown>) => `${JSON.stringify({ jsonrpc: "2.0", ...msg })}\n`;

/**
 * One script, byte for byte: the handshake, a flood of 100,000 notifications, a 10 MiB
 * answer, a unicode id on a CRLF line, a message split across two writes and two in one
 * write, and a line that is not JSON.
 */
const SCRIPT: ScriptStep[] = [
  { send: line({ id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "scripted-client", version: "1.0.0" } } }), awaitId: 1 },
  { send: line({ method: "notifications/initialized" }) },
  { send: line({ id: 2, method: "tools/call", params: { name: "flood", arguments: { count: NOTIFICATIONS, timing: false } } }), awaitId: 2 },
  { send: line({ id: 3, method: "tools/call", params: { name: "big", arguments: { bytes: BIG_BYTES } } }), awaitId: 3 },
  { send: `{"jsonrpc":"2.0","id":"é-😀-\u2028","method":"ping"}\r\n`, awaitId: "é-😀-\u2028" },
  { send: Buffer.from('{"jsonrpc":"2.0","id":5,"met', "utf8") },
  { send: Buffer.from('hod":"ping"}\n{"jsonrpc":"2.0","id":6,"method":"ping"}\n', "utf8"), awaitId: 6 },
  { send: "this line is not JSON\n" },
  { send: line({ id: 7, method: "tools/list" }), awaitId: 7 },
];

describe("mcpscope tap is transparent", () => {
  let scope: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mcpscope-tap-transparency-"));
    scope = await startTestApp({ session: { recordingsDir: mkdtempSync(join(dir, "scope-")) } });
  });
  afterAll(() => scope.close());

  it("the client and the server get the same bytes as without it, and mcpscope records every frame", { timeout: 240_000 }, async () => {
    const { command, args } = fixtureCommand("flood");
    const run = async (through: "direct" | "tap") => {
      const capture = join(dir, `${through}-stdin.bin`);
      const env = { ...process.env, MCPSCOPE_CAPTURE_STDIN: capture };
      const [cmd, cmdArgs] = through === "direct" ? [command, args] : [process.execPath, [...tapFromSource(["--scope-url", `${scope.base}/?token=${scope.token}`, "--data-dir", dir, "--name", "flood-tapped"]), "--", command, ...args]];
      const result = await runScriptedClient(cmd, cmdArgs, SCRIPT, { env, timeoutMs: 120_000 });
      return { ...result, received: readFileSync(capture) };
    };
    const direct = await run("direct");
    const tapped = await run("tap");

    // What the client received and what the server received: identical, byte for byte.
    expect(tapped.stdout.length).toBe(direct.stdout.length);
    expect(tapped.stdout.equals(direct.stdout)).toBe(true);
    expect(tapped.received.equals(direct.received)).toBe(true);
    expect(tapped.received.equals(Buffer.concat(SCRIPT.map((s) => Buffer.from(s.send ?? ""))))).toBe(true);
    expect(tapped.stderr.toString()).toBe(direct.stderr.toString());
    expect([tapped.code, tapped.signal]).toEqual([direct.code, direct.signal]);

    // …and mcpscope recorded the session, live, as one tapped session with every frame in order.
    const sessions = (await scope.api<SessionInfo[]>("GET", "/api/sessions")).body;
    const session = sessions.find((s) => s.tap?.name === "flood-tapped")!;
    expect(session.tap).toMatchObject({ kind: "stdio", client: { name: "scripted-client", version: "1.0.0" } });
    expect(session.serverInfo?.name).toBe("flood-fixture");
    expect(session.status).toBe("closed");
    const frames = await allFrames(scope, session.id);
    expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => i + 1));
    const floods = frames.filter((f) => f.dir === "in" && f.msg?.method === "notifications/message");
    expect(floods).toHaveLength(NOTIFICATIONS);
    expect(floods.every((f, i) => (f.msg?.params as { data: string }).data === `flood ${i + 1}`)).toBe(true);
    const big = frames.find((f) => f.dir === "in" && f.msg?.id === 3)!;
    expect(big.bytes).toBeGreaterThan(BIG_BYTES);
    expect(Buffer.byteLength(big.raw)).toBe(big.bytes);
    expect(direct.stdout.includes(Buffer.from(`${big.raw}\n`))).toBe(true);
    const out = frames.filter((f) => f.dir === "out");
    expect(out.map((f) => f.kind)).toEqual(["request", "notification", "request", "request", "request", "request", "request", "invalid", "request"]);
    expect(out[4]!.raw).toBe('{"jsonrpc":"2.0","id":"é-😀-\u2028","method":"ping"}\r');
    expect(frames.at(-1)?.meta).toMatchObject({ event: "exited", code: 0 });
  });
});

describe("mcpscope tap and 2026-07-28", () => {
  it("passes a stateless 2026-07-28 session untouched, and reads the handshake from its _meta and server/discover", { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpscope-tap-modern-"));
    const scope = await startTestApp({ session: { recordingsDir: mkdtempSync(join(dir, "scope-")) } });
    try {
      const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientInfo": { name: "modern-client", version: "0.9.0" }, "io.modelcontextprotocol/clientCapabilities": {} };
      const script: ScriptStep[] = [
        { send: line({ id: "d", method: "server/discover", params: { _meta: meta } }), awaitId: "d" },
        { send: line({ id: 1, method: "tools/list", params: { _meta: meta } }), awaitId: 1 },
        { send: line({ id: 2, method: "tools/call", params: { name: "slow_count", arguments: { count: 3 }, _meta: { ...meta, progressToken: "p" } } }), awaitId: 2 },
      ];
      const { command, args } = modernStdioCommand({ modernOnly: true });
      const direct = await runScriptedClient(command, args, script);
      const tapped = await runScriptedClient(process.execPath, [...tapFromSource(["--scope-url", `${scope.base}/?token=${scope.token}`, "--data-dir", dir]), "--", command, ...args], script);
      expect(tapped.stdout.equals(direct.stdout)).toBe(true);
      expect(direct.stdout.toString()).toContain('"supportedVersions":["2026-07-28"]');
      const session = (await scope.api<SessionInfo[]>("GET", "/api/sessions")).body.find((s) => s.tap)!;
      expect(session).toMatchObject({ protocolVersion: "2026-07-28", serverInfo: { name: "modern-fixture" }, tap: { client: { name: "modern-client", version: "0.9.0" } } });
    } finally {
      await scope.close();
    }
  });
});

async function allFrames(app: TestApp, id: string): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (;;) {
    const page = (await app.api<{ frames: Frame[]; lastSeq: number }>("GET", `/api/sessions/${id}/frames?since=${frames.length}&limit=100000`)).body;
    frames.push(...page.frames);
    if (frames.length >= page.lastSeq || page.frames.length === 0) return frames;
  }
}
