// Each misconfiguration of the `broken` fixture variant produces an Auth debugger row that
// says precisely what is wrong and how to fix it, including what the SDK itself lets
// through (state, missing code_challenge_methods_supported, invalid protected resource
// metadata), and the session fails with the connection doctor's explanation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthReport, SessionInfo } from "@mcpscope/protocol";
import { startOAuthFixture, type OAuthBreakage, type RunningOAuthFixture } from "@mcpscope/fixtures";
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

const CASES: Array<{ kind: OAuthBreakage; check: string; detail: RegExp; fix: RegExp; error: RegExp }> = [
  { kind: "no-prm", check: "prm-found", detail: /No metadata document/, fix: /authorization_servers/, error: /registration|\/register|metadata/i },
  { kind: "invalid-prm", check: "prm-resource", detail: /no resource member/, fix: /"resource": "http:\/\/127\.0\.0\.1:\d+\/mcp"/, error: /register/i },
  { kind: "no-s256", check: "as-pkce", detail: /no S256/, fix: /S256/, error: /S256/ },
  { kind: "no-pkce-metadata", check: "as-pkce", detail: /no code_challenge_methods_supported/, fix: /"code_challenge_methods_supported": \["S256"\]/, error: /code_challenge_methods_supported/ },
  { kind: "wrong-iss", check: "iss", detail: /iss is http:\/\/127\.0\.0\.1:\d+\/, but the issuer is http:\/\/127\.0\.0\.1:\d+\./, fix: /Send iss exactly/, error: /iss does not match/ },
  { kind: "missing-iss", check: "iss", detail: /advertises authorization_response_iss_parameter_supported, but the response has no iss/, fix: /Include iss=/, error: /iss is missing/ },
  { kind: "metadata-issuer-mismatch", check: "as-issuer", detail: /but it was fetched for/, fix: /Set "issuer" to exactly/, error: /RFC 8414 §3\.3/ },
  { kind: "resource-mismatch", check: "prm-resource", detail: /resource is https:\/\/mcp\.example\.com\/mcp, but this server is/, fix: /Set "resource" to this server's canonical URL/, error: /RFC 9728 §3\.3/ },
];

describe.each(CASES)("broken: $kind", ({ kind, check, detail, fix, error }) => {
  it(`fails with a '${check}' row that names the problem and the fix`, async () => {
    const f = await startOAuthFixture({ broken: kind });
    fixtures.push(f);
    const res = await t.api<SessionInfo & { code: string; message: string; hint: string }>("POST", "/api/sessions", { transport: "streamable-http", url: f.mcpUrl, oauth: { mode: "headless" } });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe("MCPSCOPE_OAUTH_FAILED");
    expect(`${res.body.message} ${res.body.hint}`).toMatch(error);
    const sessions = (await t.api<SessionInfo[]>("GET", "/api/sessions")).body;
    const session = sessions.find((s) => s.target.transport !== "stdio" && s.target.url === f.mcpUrl)!;
    expect(session).toMatchObject({ status: "failed", auth: { status: "failed" } });
    const { steps } = (await t.api<AuthReport>("GET", `/api/sessions/${session.id}/auth`)).body;
    const failing = steps.flatMap((s) => s.checks.filter((c) => c.id === check && c.verdict === "fail"));
    expect(failing, JSON.stringify(steps.map((s) => [s.kind, s.checks.map((c) => `${c.id}:${c.verdict}`)]))).toHaveLength(1);
    expect(failing[0]!.detail).toMatch(detail);
    expect(failing[0]!.fix).toMatch(fix);
    expect(failing[0]!.ref).toMatch(/RFC|MCP/);
    expect(steps.at(-1)?.kind).toBe("failure");
    // No code ever reached the token endpoint of a server mcpscope refused.
    if (kind !== "no-prm" && kind !== "invalid-prm") expect((await f.events()).filter((e) => e.kind === "token")).toEqual([]);
  });
});
