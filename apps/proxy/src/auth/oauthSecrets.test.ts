// No token leaves the proxy's memory: after interactive and headless flows, a refresh and a
// step-up, every file mcpscope wrote (recordings, the data directory), every export (JSON
// Lines, HAR), every frame over REST and every WebSocket message is searched for the access
// and refresh tokens, the authorization codes, the PKCE verifiers and the client secret.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AuthReport, SessionInfo } from "@mcpscope/protocol";
import { PREREGISTERED_CLIENT, startOAuthFixture, type RunningOAuthFixture } from "@mcpscope/fixtures";
import { Session } from "../sessions/session.js";
import { startTestApp, type TestApp } from "../testing/testApp.js";
import { connectWs, type WsClient } from "../testing/wsClient.js";

let t: TestApp;
let ws: WsClient;
let dir: string;
const fixtures: RunningOAuthFixture[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mcpscope-oauth-secrets-"));
  mkdirSync(join(dir, "sessions"));
  t = await startTestApp({ session: { recordingsDir: join(dir, "sessions") }, oauthDir: join(dir, "oauth") });
  ws = connectWs(t);
  await ws.opened;
});
afterAll(async () => {
  ws.socket.close();
  await t.close();
  await Promise.all(fixtures.map((f) => f.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startOAuthFixture>[0]): Promise<RunningOAuthFixture> {
  const f = await startOAuthFixture(options);
  fixtures.push(f);
  return f;
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function until(id: string): Promise<SessionInfo> {
  for (let i = 0; i < 200; i++) {
    const s = (await t.api<SessionInfo>("GET", `/api/sessions/${id}`)).body;
    if (s.status !== "connecting") return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("still connecting");
}

it("keeps tokens, codes, verifiers and client secrets out of every file, export, frame and WebSocket message", async () => {
  const sessions: string[] = [];
  const open = async (body: Record<string, unknown>) => {
    const res = await t.api<SessionInfo>("POST", "/api/sessions", body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ws.subscribe(res.body.id);
    sessions.push(res.body.id);
    return res.body;
  };

  // Pre-registered confidential client (HTTP Basic with the client secret), headless.
  const pre = await start({ variant: "preregistered" });
  const a = await open({ transport: "streamable-http", url: pre.mcpUrl, oauth: { mode: "headless", clientId: PREREGISTERED_CLIENT.clientId, clientSecret: PREREGISTERED_CLIENT.clientSecret } });
  await t.request(a.id, "tools/call", { name: "whoami", arguments: {} });

  // Refresh tokens, rotated.
  const refresh = await start({ variant: "refresh" });
  const b = await open({ transport: "streamable-http", url: refresh.mcpUrl, oauth: { mode: "headless" } });
  await refresh.expireAccessTokens();
  expect("result" in (await t.request(b.id, "tools/call", { name: "whoami", arguments: {} }))).toBe(true);

  // Step-up.
  const stepup = await start({ variant: "stepup" });
  const c = await open({ transport: "streamable-http", url: stepup.mcpUrl, oauth: { mode: "headless" } });
  expect("result" in (await t.request(c.id, "tools/call", { name: "admin_reset", arguments: {} }))).toBe(true);

  // Interactive: the code arrives at mcpscope's callback.
  const interactive = await start({ variant: "dcr" });
  const d = await open({ transport: "streamable-http", url: interactive.mcpUrl, revealSecrets: true, oauth: { mode: "interactive" } });
  const authorize = await fetch(d.auth!.authorizationUrl!, { redirect: "manual" });
  expect((await fetch(authorize.headers.get("location")!)).status).toBe(200);
  expect((await until(d.id)).status).toBe("ready");
  await t.request(d.id, "tools/call", { name: "whoami", arguments: {} });

  // The secrets, from the unredacted exchanges the proxy keeps in memory.
  const secrets = new Set<string>([PREREGISTERED_CLIENT.clientSecret, Buffer.from(`${PREREGISTERED_CLIENT.clientId}:${PREREGISTERED_CLIENT.clientSecret}`).toString("base64")]);
  for (const id of sessions) {
    const session = t.app.sessions.get(id) as Session;
    for (const frame of session.log.since(0)) {
      const record = frame.meta?.oauth ? session.auth!.trace.record(frame.seq) : undefined;
      if (!record) continue;
      const form = new URLSearchParams(record.requestBody ?? "");
      for (const name of ["code", "code_verifier", "refresh_token", "client_secret"]) if (form.get(name)) secrets.add(form.get(name)!);
      if (record.responseBody?.startsWith("{")) {
        const body = JSON.parse(record.responseBody) as Record<string, unknown>;
        for (const name of ["access_token", "refresh_token", "client_secret"]) if (typeof body[name] === "string") secrets.add(body[name]);
      }
    }
  }
  const kinds = [...secrets].length;
  // Four code exchanges (codes, verifiers, access tokens), two refresh tokens and a refresh, a step-up's second grant, the client secret.
  expect(kinds).toBeGreaterThanOrEqual(16);

  const texts: Array<[string, string]> = [];
  for (const file of filesUnder(dir)) texts.push([file, readFileSync(file, "utf8")]);
  for (const id of sessions) {
    texts.push([`export ${id}`, await (await fetch(`${t.base}/api/sessions/${id}/export`, { headers: { authorization: `Bearer ${t.token}` } })).text()]);
    texts.push([`har ${id}`, JSON.stringify((await t.api("GET", `/api/sessions/${id}/export.har`)).body)]);
    texts.push([`frames ${id}`, JSON.stringify(await t.frames(id))]);
    texts.push([`auth ${id}`, JSON.stringify((await t.api<AuthReport>("GET", `/api/sessions/${id}/auth`)).body)]);
  }
  texts.push(["sessions", JSON.stringify((await t.api("GET", "/api/sessions")).body)]);
  // Every frame reached the WebSocket subscriber.
  for (const id of sessions) {
    for (let i = 0; i < 200 && ws.frames(id).length < (t.app.sessions.get(id) as Session).log.lastSeq; i++) await new Promise((r) => setTimeout(r, 25));
    expect(ws.frames(id).length).toBe((t.app.sessions.get(id) as Session).log.lastSeq);
  }
  texts.push(["websocket", JSON.stringify(ws.messages)]);
  expect(texts.length).toBeGreaterThan(4 * 4);
  for (const [where, text] of texts) {
    for (const secret of secrets) expect(text.includes(secret), `a secret in ${where}`).toBe(false);
  }
  // Redacted, not absent: the exchanges are there with their secrets replaced.
  const har = texts.find(([where]) => where.startsWith("har"))![1];
  expect(har).toContain("[redacted]");
  expect(texts.find(([where]) => where === `frames ${d.id}`)![1]).toContain("Bearer [redacted]");
});
