// OAuth in the browser, against the `oauth` fixture with its consent page (Approve / Deny):
// one click on Connect opens the authorization server's page in a new tab; Approve lands on
// mcpscope's callback and the session becomes ready. One test per client identity (DCR,
// Client ID Metadata Document, pre-registered client); a step-up asks again from the banner;
// an expired access token is refreshed without asking again; a broken server's Auth tab
// names what is wrong and how to fix it.
import { PREREGISTERED_CLIENT, startOAuthFixture, type RunningOAuthFixture } from "@mcpscope/fixtures";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page } from "@playwright/test";
import { testWithOwnMcpscope } from "./mcpscope.js";

const test = testWithOwnMcpscope();
const fixtures: RunningOAuthFixture[] = [];
test.afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.stop()));
});

async function fixture(options: Parameters<typeof startOAuthFixture>[0]): Promise<RunningOAuthFixture> {
  const f = await startOAuthFixture(options);
  fixtures.push(f);
  return f;
}

async function connect(page: Page, url: string, client?: { id: string; secret: string }): Promise<void> {
  const form = page.getByRole("form", { name: "Connect to a server" });
  await form.getByLabel("Transport").selectOption("Streamable HTTP");
  await form.getByLabel("URL").fill(url);
  if (client) {
    await form.getByText("OAuth client (optional)").click();
    await form.getByLabel("Client ID").fill(client.id);
    await form.getByLabel("Client secret").fill(client.secret);
  }
  await form.getByRole("button", { name: "Connect", exact: true }).click();
}

/** Connects, approves on the consent page that opens in a new tab, and waits for the session's tools. */
async function connectAndApprove(page: Page, url: string, client?: { id: string; secret: string }): Promise<void> {
  const popup = page.context().waitForEvent("page");
  await connect(page, url, client);
  const consent = await popup;
  await consent.getByRole("button", { name: "Approve" }).click();
  await expect(consent.getByRole("heading", { name: "Signed in" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "whoami", exact: true })).toBeVisible();
}

/** The Auth debugger's row for a step, by title and verdict (Pass, Info or Warning unless given). */
function step(page: Page, title: string, verdict = "(Pass|Info|Warning)") {
  const escaped = title.replace(/[()]/g, "\\$&");
  return page.getByRole("region", { name: "Auth debugger" }).getByRole("listitem", { name: new RegExp(`^${escaped}: ${verdict}$`) });
}

/** Runs the `whoami` tool from the Tools pane and returns its result region. */
async function runWhoami(page: Page) {
  await page.getByRole("tab", { name: "Tools" }).click();
  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "whoami", exact: true }).click();
  await page.getByRole("button", { name: "Run tool" }).click();
  return page.getByRole("region", { name: "Result" });
}

const SHOTS = process.env.MCPSCOPE_SCREENSHOTS;

test("one click on Connect: the consent page opens in a new tab, Approve, and the session is ready", async ({ page, mcpscope }) => {
  const f = await fixture({ variant: "dcr", interactive: true });
  await page.goto(mcpscope.url);
  const popup = page.context().waitForEvent("page");
  await connect(page, f.mcpUrl);
  const consent = await popup;
  await expect(consent.getByRole("heading", { name: /Authorize mcpscope/ })).toBeVisible();
  await consent.getByRole("button", { name: "Approve" }).click();
  await expect(consent.getByRole("heading", { name: "Signed in" })).toBeVisible();

  await expect(page.getByRole("banner")).toContainText("oauth-fixture");
  const tools = page.getByRole("region", { name: "Tools" });
  await expect(tools.getByRole("button", { name: "whoami", exact: true })).toBeVisible();

  await page.getByRole("tab", { name: "Auth" }).click();
  await expect(page.getByText("Authorized", { exact: true })).toBeVisible();
  const debuggerPane = page.getByRole("region", { name: "Auth debugger" });
  for (const title of ["401 Unauthorized", "Protected resource metadata (RFC 9728)", "Authorization server metadata (RFC 8414)", "Dynamic Client Registration (RFC 7591)", "Authorization request", "Authorization response", "Token request (code exchange)", "Authorized MCP request"]) {
    await expect(debuggerPane.getByRole("listitem", { name: new RegExp(`^${title.replace(/[()]/g, "\\$&")}: (Pass|Info|Warning)$`) })).toBeVisible();
  }
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/auth-overview.png` });
  // Open the token step: PKCE verified, the exchange redacted, and copyable as curl.
  await debuggerPane.getByRole("button", { name: /Token request \(code exchange\)/ }).click();
  await expect(debuggerPane.getByText("code_verifier matches the challenge")).toBeVisible();
  await expect(debuggerPane.getByText(/code=%5Bredacted%5D/)).toBeVisible();
  await debuggerPane.getByRole("button", { name: /Reveal secrets of POST/ }).click();
  await expect(debuggerPane.getByRole("button", { name: /Hide secrets of POST/ })).toBeVisible();
  await expect(debuggerPane.getByText(/code=%5Bredacted%5D/)).toHaveCount(0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/auth-good.png`, fullPage: true });
});

test("step-up: a tool that needs another scope asks to sign in again, then answers", async ({ page, mcpscope }) => {
  const f = await fixture({ variant: "stepup", interactive: true });
  await page.goto(mcpscope.url);
  const first = page.context().waitForEvent("page");
  await connect(page, f.mcpUrl);
  const consent = await first;
  await consent.getByRole("button", { name: "Approve" }).click();
  await expect(consent.getByRole("heading", { name: "Signed in" })).toBeVisible();

  const tools = page.getByRole("region", { name: "Tools" });
  await tools.getByRole("button", { name: "admin_reset", exact: true }).click();
  await page.getByRole("button", { name: "Run tool" }).click();
  const prompt = page.getByRole("region", { name: "Sign-in required" }).first();
  await expect(prompt).toContainText("step-up");
  const second = page.context().waitForEvent("page");
  await prompt.getByRole("button", { name: "Open sign-in page" }).click();
  const again = await second;
  await expect(again.getByText("mcp:read mcp:admin")).toBeVisible();
  await again.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("region", { name: "Result" })).toContainText("reset");
});

test("a broken server's Auth tab says what is wrong and how to fix it", async ({ page, mcpscope }) => {
  const f = await fixture({ broken: "invalid-prm" });
  await page.goto(mcpscope.url);
  await connect(page, f.mcpUrl);
  // The failed session is selected on its Auth tab.
  await expect(page.getByRole("region", { name: "Session error" })).toContainText("Dynamic Client Registration was refused");
  await expect(page.getByRole("tab", { name: "Auth" })).toHaveAttribute("aria-selected", "true");
  const debuggerPane = page.getByRole("region", { name: "Auth debugger" });
  const prm = debuggerPane.getByRole("listitem", { name: "Protected resource metadata (RFC 9728): Fail" });
  await expect(prm).toBeVisible();
  await expect(prm).toContainText("The document has no resource member");
  await expect(prm).toContainText(`Fix: Add "resource": "${f.mcpUrl}"`);
  await expect(prm).toContainText('Write it as an array: "authorization_servers": [');
  await expect(prm).toContainText("RFC 9728");
  await expect(debuggerPane.getByRole("listitem", { name: "Authorization failed: Fail" })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/auth-broken.png`, fullPage: true });
});

test("CIMD: the session identifies itself with mcpscope's Client ID Metadata Document, no registration", async ({ page, mcpscope }) => {
  const f = await fixture({ variant: "cimd", interactive: true });
  await page.goto(mcpscope.url);
  await connectAndApprove(page, f.mcpUrl);

  await page.getByRole("tab", { name: "Auth" }).click();
  await expect(page.getByText("Authorized", { exact: true })).toBeVisible();
  // The client id is the URL of mcpscope's own document, which the authorization server fetched.
  await expect(page.getByText(/\/oauth\/client-metadata\.json \(Client ID Metadata Document\)$/)).toBeVisible();
  await expect(step(page, "Client ID Metadata Document")).toBeVisible();
  await expect(step(page, "Token request (code exchange)")).toBeVisible();
  await expect(step(page, "Authorized MCP request")).toBeVisible();
  await expect(step(page, "Dynamic Client Registration (RFC 7591)", "\\w+")).toHaveCount(0);
  const events = await f.events();
  expect(events.filter((e) => e.kind === "cimd-fetch")).toEqual([expect.objectContaining({ url: expect.stringMatching(/\/oauth\/client-metadata\.json$/), outcome: "ok" })]);
  expect(events.filter((e) => e.kind === "register")).toEqual([]);
});

test("CIMD from the Connect form: the session identifies itself with the person's own metadata document URL", async ({ page, mcpscope }) => {
  const f = await fixture({ variant: "cimd", interactive: true });
  // The person's own document, hosted by them: mcpscope's (its redirect URI is the callback), under another URL.
  const own = (await (await fetch(`${mcpscope.origin}/oauth/client-metadata.json`)).json()) as Record<string, unknown>;
  let documentUrl = "";
  const host: Server = createServer((req, res) => {
    if (req.url !== "/team/client.json") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...own, client_id: documentUrl, client_name: "Team inspector" }));
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  documentUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/team/client.json`;
  try {
    await page.goto(mcpscope.url);
    const form = page.getByRole("form", { name: "Connect to a server" });
    await form.getByLabel("Transport").selectOption("Streamable HTTP");
    await form.getByText("OAuth client (optional)").click();
    // A typo is refused before anything is sent, saying why.
    await form.getByLabel("Client metadata document").fill("http://example.com/client.json");
    await form.getByLabel("URL", { exact: true }).fill(f.mcpUrl);
    await form.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(form.getByRole("alert")).toContainText("must be https://");
    await form.getByLabel("Client metadata document").fill(documentUrl);
    const popup = page.context().waitForEvent("page");
    await form.getByRole("button", { name: "Connect", exact: true }).click();
    const consent = await popup;
    await consent.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "whoami", exact: true })).toBeVisible();

    await page.getByRole("tab", { name: "Auth" }).click();
    await expect(page.getByText(`${documentUrl} (Client ID Metadata Document)`)).toBeVisible();
    const events = await f.events();
    // Fetched at authorization and again at the token request (the document sends no cache headers).
    const fetches = events.filter((e) => e.kind === "cimd-fetch");
    expect(fetches.length).toBeGreaterThan(0);
    expect(fetches).toEqual(fetches.map(() => expect.objectContaining({ url: documentUrl, outcome: "ok" })));
    expect(events.filter((e) => e.kind === "register")).toEqual([]);
  } finally {
    host.close();
  }
});

test("pre-registered: the Connect form's client ID and secret sign in without registering", async ({ page, mcpscope }) => {
  const f = await fixture({ variant: "preregistered", interactive: true });
  await page.goto(mcpscope.url);
  await connectAndApprove(page, f.mcpUrl, { id: PREREGISTERED_CLIENT.clientId, secret: PREREGISTERED_CLIENT.clientSecret });

  await page.getByRole("tab", { name: "Auth" }).click();
  await expect(page.getByText("Authorized", { exact: true })).toBeVisible();
  await expect(page.getByText(`${PREREGISTERED_CLIENT.clientId} (pre-registered)`)).toBeVisible();
  await expect(step(page, "Pre-registered client")).toBeVisible();
  await expect(step(page, "Token request (code exchange)")).toBeVisible();
  await expect(step(page, "Authorized MCP request")).toBeVisible();
  await expect(step(page, "Dynamic Client Registration (RFC 7591)", "\\w+")).toHaveCount(0);
  // The secret never shows in the page.
  await expect(page.getByText(PREREGISTERED_CLIENT.clientSecret)).toHaveCount(0);
  const events = await f.events();
  expect(events.filter((e) => e.kind === "register")).toEqual([]);
  expect(events.filter((e) => e.kind === "token")).toEqual([expect.objectContaining({ clientId: PREREGISTERED_CLIENT.clientId, outcome: "issued", clientAuthMethod: expect.stringMatching(/^client_secret_(basic|post)$/) })]);
});

test("refresh: an expired access token is refreshed when a tool runs, without asking to sign in again", async ({ page, mcpscope }) => {
  // A long lifetime, so the only reason to refresh is the forced expiry below.
  const f = await fixture({ variant: "refresh", interactive: true, accessTtlSeconds: 3600 });
  await page.goto(mcpscope.url);
  await connectAndApprove(page, f.mcpUrl);
  let consentPages = 0;
  page.context().on("page", () => (consentPages += 1));

  await f.expireAccessTokens();
  const result = await runWhoami(page);
  await expect(result).toContainText("mcp:read");
  await expect(page.getByRole("region", { name: "Sign-in required" })).toHaveCount(0);

  await page.getByRole("tab", { name: "Auth" }).click();
  await expect(page.getByText("Authorized", { exact: true })).toBeVisible();
  await expect(page.getByText("(refreshed automatically)")).toBeVisible();
  const refresh = step(page, "Refresh (RFC 6749 §6)");
  await expect(refresh).toBeVisible();
  await refresh.getByRole("button", { name: /Refresh \(RFC 6749 §6\)/ }).click();
  await expect(refresh.getByText(/refresh_token=%5Bredacted%5D/)).toBeVisible();
  expect(consentPages).toBe(0);
  const events = await f.events();
  expect(events.filter((e) => e.kind === "token").map((e) => (e as { grantType: string }).grantType)).toEqual(["authorization_code", "refresh_token"]);
  expect(events.filter((e) => e.kind === "decision")).toHaveLength(1);
});
