// The Auth tab's "Run again": a connected session authorizes again in place (here with an
// edited scope), a failed one as a new session whose Auth tab shows the new run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthReport, SessionInfo } from "@mcpscope/protocol";
import { startOAuthFixture, type RunningOAuthFixture } from "@mcpscope/fixtures";
import { startTestApp, type TestApp } from "../testing/testApp.js";

let t: TestApp;
const fixtures: RunningOAuthFixture[] = [];
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  await Promise.all(fixtures.map((f) => f.stop()));
});

describe("re-run from the Auth tab", () => {
  it("authorizes a ready session again with the scope asked for, and the session goes on", async () => {
    const f = await startOAuthFixture({ variant: "stepup" });
    fixtures.push(f);
    const opened = await t.api<SessionInfo>("POST", "/api/sessions", { transport: "streamable-http", url: f.mcpUrl, oauth: { mode: "headless" } });
    expect(opened.body.status).toBe("ready");
    const rerun = await t.api<SessionInfo>("POST", `/api/sessions/${opened.body.id}/auth/runs`, { from: "authorization", scope: "mcp:read mcp:admin" });
    expect(rerun.status).toBe(202);
    expect(rerun.body).toMatchObject({ id: opened.body.id, status: "ready", auth: { status: "authorized", scope: "mcp:read mcp:admin" } });
    // The wider token needs no step-up.
    expect("result" in (await t.request(opened.body.id, "tools/call", { name: "admin_reset", arguments: {} }))).toBe(true);
    const { steps } = (await t.api<AuthReport>("GET", `/api/sessions/${opened.body.id}/auth`)).body;
    expect(steps.map((s) => s.run)).toContain(2);
    expect(steps.find((s) => s.run === 2 && s.kind === "authorization-request" && s.facts.scope)?.facts.scope).toBe("mcp:read mcp:admin");
    expect(steps.some((s) => s.kind === "step-up")).toBe(false);
  });

  it("runs a failed session again as a new session, keeping the edits", async () => {
    const f = await startOAuthFixture({ broken: "no-s256" });
    fixtures.push(f);
    const failed = await t.api<{ code: string }>("POST", "/api/sessions", { transport: "streamable-http", url: f.mcpUrl, oauth: { mode: "headless" } });
    expect(failed.body.code).toBe("MCPSCOPE_OAUTH_FAILED");
    const old = (await t.api<SessionInfo[]>("GET", "/api/sessions")).body.find((s) => s.target.transport !== "stdio" && s.target.url === f.mcpUrl)!;
    const rerun = await t.api<SessionInfo>("POST", `/api/sessions/${old.id}/auth/runs`, { from: "discovery", scope: "mcp:read", clientMetadata: { client_name: "edited name" } });
    expect(rerun.status).toBe(201);
    expect(rerun.body).toMatchObject({ previousId: old.id, status: "failed", target: { oauth: { scope: "mcp:read", clientMetadata: { client_name: "edited name" } } }, auth: { status: "failed" } });
    const registrations = (await f.events()).filter((e) => e.kind === "register");
    expect(registrations).toHaveLength(2);
  });
});
