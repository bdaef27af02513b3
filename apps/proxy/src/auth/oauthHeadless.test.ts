// Headless OAuth (CI, scripts) against the real `oauth` fixture processes: each
// auto-granting variant connects without a person, refresh and step-up keep the session
// going, and the Auth debugger's steps say what happened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthReport, SendRequestResult, SessionInfo } from "@mcpscope/protocol";
import { PREREGISTERED_CLIENT, startOAuthFixture, type OAuthFixtureOptions, type RunningOAuthFixture } from "@mcpscope/fixtures";
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

async function fixture(options: OAuthFixtureOptions): Promise<RunningOAuthFixture> {
  const f = await startOAuthFixture(options);
  fixtures.push(f);
  return f;
}

async function connect(url: string, oauth: Record<string, unknown> = {}): Promise<{ status: number; body: SessionInfo & { code?: string; message?: string } }> {
  return t.api("POST", "/api/sessions", { transport: "streamable-http", url, oauth: { mode: "headless", ...oauth } });
}

const report = async (id: string) => (await t.api<AuthReport>("GET", `/api/sessions/${id}/auth`)).body;
const whoami = async (id: string) => {
  const answer = await t.request(id, "tools/call", { name: "whoami", arguments: {} });
  if (!("result" in answer)) throw new Error(`whoami failed: ${JSON.stringify(answer)}`);
  const [first] = answer.result.content as Array<{ text: string }>;
  return JSON.parse(first!.text) as { clientId: string; scopes: string[] };
};

interface VariantCase {
  name: string;
  options: OAuthFixtureOptions;
  oauth: Record<string, unknown>;
  source: string;
  method?: string;
}

const VARIANTS: VariantCase[] = [
  { name: "dcr", options: { variant: "dcr" }, oauth: {}, source: "dcr" },
  { name: "cimd (mcpscope's own metadata document, on loopback)", options: { variant: "cimd" }, oauth: {}, source: "cimd" },
  { name: "preregistered, client_secret_basic", options: { variant: "preregistered" }, oauth: { clientId: PREREGISTERED_CLIENT.clientId, clientSecret: PREREGISTERED_CLIENT.clientSecret }, source: "preregistered", method: "client_secret_basic" },
  { name: "preregistered, client_secret_post only", options: { variant: "preregistered", tokenAuthMethods: ["client_secret_post"] }, oauth: { clientId: PREREGISTERED_CLIENT.clientId, clientSecret: PREREGISTERED_CLIENT.clientSecret }, source: "preregistered", method: "client_secret_post" },
];

describe("headless connect to each auto-granting variant", () => {
  it.each(VARIANTS)("$name", async ({ options, oauth, source, method }) => {
    const f = await fixture(options);
    const res = await connect(f.mcpUrl, oauth);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: "ready", auth: { status: "authorized", mode: "headless", clientSource: source, issuer: f.issuer } });
    expect((await whoami(res.body.id)).scopes).toEqual(["mcp:read"]);
    const { steps } = await report(res.body.id);
    expect(steps.map((s) => s.kind)).toEqual(expect.arrayContaining(["challenge", "resource-metadata", "as-metadata", "client", "authorization-request", "authorization-response", "token", "authorized-request"]));
    expect(steps.filter((s) => s.verdict === "fail")).toEqual([]);
    const token = steps.find((s) => s.kind === "token")!;
    expect(token.checks.find((c) => c.id === "pkce-verifier")?.verdict).toBe("pass");
    expect(token.exchangeDetails[0]!.requestBody).toContain("code=%5Bredacted%5D");
    if (method) expect(token.checks.find((c) => c.id === "token-client-auth")?.detail).toContain(method);
    const events = await f.events();
    const tokenEvent = events.find((e) => e.kind === "token");
    expect(tokenEvent).toMatchObject({ outcome: "issued", resource: f.mcpUrl, ...(method ? { clientAuthMethod: method } : {}) });
  });
});

describe("refresh", () => {
  it("refreshes an expired access token and retries the request, recording the refresh step", async () => {
    const f = await fixture({ variant: "refresh" });
    const res = await connect(f.mcpUrl);
    expect(res.body).toMatchObject({ status: "ready", auth: { hasRefreshToken: true } });
    await f.expireAccessTokens();
    expect((await whoami(res.body.id)).scopes).toContain("mcp:read");
    const { steps } = await report(res.body.id);
    const refresh = steps.find((s) => s.kind === "refresh");
    expect(refresh?.verdict).not.toBe("fail");
    expect(refresh?.exchangeDetails[0]!.requestBody).toContain("refresh_token=%5Bredacted%5D");
    const events = await f.events();
    expect(events.filter((e) => e.kind === "token").map((e) => (e as { grantType: string }).grantType)).toEqual(["authorization_code", "refresh_token"]);
  });
});

describe("step-up", () => {
  it("re-authorizes on 403 insufficient_scope with the union of scopes and retries the call", async () => {
    const f = await fixture({ variant: "stepup" });
    const res = await connect(f.mcpUrl);
    expect(res.body.status).toBe("ready");
    const answer: SendRequestResult = await t.request(res.body.id, "tools/call", { name: "admin_reset", arguments: {} });
    expect("result" in answer, JSON.stringify(answer)).toBe(true);
    const { steps } = await report(res.body.id);
    const stepUp = steps.find((s) => s.kind === "step-up");
    expect(stepUp?.facts.scope).toBe("mcp:admin");
    const requests = steps.filter((s) => s.kind === "authorization-request" && s.facts.scope !== undefined);
    expect(requests.at(-1)?.facts.scope).toBe("mcp:read mcp:admin");
    const authorizes = (await f.events()).filter((e) => e.kind === "authorize");
    expect(authorizes.map((e) => (e as { scope: string }).scope)).toEqual(["mcp:read", "mcp:read mcp:admin"]);
    expect((await whoami(res.body.id)).scopes).toEqual(["mcp:read", "mcp:admin"]);
  });
});

describe("headless without a grant", () => {
  it("fails with the URL to open when the authorization server wants a person", async () => {
    const f = await fixture({ variant: "dcr", interactive: true });
    const res = await connect(f.mcpUrl);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe("MCPSCOPE_OAUTH_INTERACTION_REQUIRED");
    expect(res.body.message).toContain(`${f.issuer}/authorize?`);
  });

  it("client credentials need no person (RFC 6749 §4.4)", async () => {
    const f = await fixture({ variant: "preregistered" });
    const res = await connect(f.mcpUrl, { clientId: PREREGISTERED_CLIENT.clientId, clientSecret: PREREGISTERED_CLIENT.clientSecret, grant: "client_credentials" });
    // The fixture's authorization server implements the code grant only: the refusal is explained.
    expect(res.body.code).toBe("MCPSCOPE_OAUTH_FAILED");
    const { steps } = await report(res.body.id ?? (await t.api<SessionInfo[]>("GET", "/api/sessions")).body.at(-1)!.id);
    expect(steps.find((s) => s.kind === "token")?.checks.find((c) => c.id === "token-response")?.verdict).toBe("fail");
  });
});
