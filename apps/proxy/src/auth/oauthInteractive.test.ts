// Interactive OAuth through mcpscope's own callback route: the session waits with an
// authorization URL, a "browser" (fetch, without mcpscope's token or cookie, as a
// cross-site navigation) approves on the fixture's consent page and lands on
// /oauth/callback, and the session connects. The callback accepts a state once, for the
// session that issued it.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";
import { startOAuthFixture, type RunningOAuthFixture } from "@mcpscope/fixtures";
import { startTestApp, type TestApp } from "../testing/testApp.js";

let t: TestApp;
let f: RunningOAuthFixture;
beforeAll(async () => {
  [t, f] = await Promise.all([startTestApp(), startOAuthFixture({ variant: "dcr", interactive: true })]);
});
afterAll(async () => {
  await t.close();
  await f.stop();
});

/** Plays the person: opens the consent page, presses the button, returns where the AS redirects. */
async function consent(authorizationUrl: string, decision: "approve" | "deny"): Promise<string> {
  const page = await fetch(authorizationUrl);
  const html = await page.text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!requestId || !action) throw new Error(`no consent form: ${html}`);
  const answer = await fetch(action.replace(/&amp;/g, "&"), { method: "POST", redirect: "manual", body: new URLSearchParams({ request_id: requestId, decision }), headers: { "content-type": "application/x-www-form-urlencoded" } });
  return answer.headers.get("location")!;
}

/** The browser following the redirect to mcpscope: no token, no cookie, a cross-site navigation. */
const land = (url: string) => fetch(url, { headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" } });

async function until(id: string, done: (s: SessionInfo) => boolean): Promise<SessionInfo> {
  for (let i = 0; i < 200; i++) {
    const s = (await t.api<SessionInfo>("GET", `/api/sessions/${id}`)).body;
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the session never got there");
}

describe("interactive sign-in", () => {
  it("answers 201 connecting with the authorization URL, then connects once the callback arrives", async () => {
    const res = await t.api<SessionInfo>("POST", "/api/sessions", { transport: "streamable-http", url: f.mcpUrl });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "connecting", auth: { status: "required", mode: "interactive", reason: "connect", authorizationUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?/) } });
    const url = new URL(res.body.auth!.authorizationUrl!);
    expect(url.searchParams.get("redirect_uri")).toBe(`${t.base}/oauth/callback`);
    const location = await consent(url.href, "approve");
    expect(location.startsWith(`${t.base}/oauth/callback?`)).toBe(true);
    const landed = await land(location);
    expect(landed.status).toBe(200);
    expect(landed.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await landed.text()).toContain("Signed in");
    const ready = await until(res.body.id, (s) => s.status !== "connecting");
    expect(ready).toMatchObject({ status: "ready", auth: { status: "authorized" } });
    // The same authorization response again: refused, it was used.
    const replay = await land(location);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("already used");
  });

  it("refuses a callback whose state no session issued, without the token guard", async () => {
    const forged = await land(`${t.base}/oauth/callback?code=abc&state=forged`);
    expect(forged.status).toBe(400);
    const none = await land(`${t.base}/oauth/callback?code=abc`);
    expect(none.status).toBe(400);
  });

  it("a denial fails the session with access_denied", async () => {
    // Another server: the first one's token is kept by the proxy and would be reused.
    const other = await startOAuthFixture({ variant: "dcr", interactive: true });
    // Stopped here: a hook registered inside a test never runs, and the fixture outlived the run.
    try {
      const res = await t.api<SessionInfo>("POST", "/api/sessions", { transport: "streamable-http", url: other.mcpUrl, oauth: { mode: "interactive" } });
      const location = await consent(res.body.auth!.authorizationUrl!, "deny");
      const landed = await land(location);
      expect(landed.status).toBe(400);
      expect(await landed.text()).toContain("access_denied");
      const failed = await until(res.body.id, (s) => s.status !== "connecting");
      expect(failed).toMatchObject({ status: "failed", errorCode: "MCPSCOPE_OAUTH_FAILED", auth: { status: "failed" } });
      expect(failed.errorHint).toContain("approve");
    } finally {
      await other.stop();
    }
  });

  it("keeps the redirect URI's Host check: another Host is refused", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${t.base}/oauth/callback?state=x`, { headers: { host: "evil.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
