// OAuth in the browser, against the `oauth` fixture with its consent page (Approve / Deny):
// one click on Connect opens the authorization server's page in a new tab; Approve lands on
// mcpscope's callback and the session becomes ready; a step-up asks again from the banner;
// a broken server's Auth tab names what is wrong and how to fix it.
import { startOAuthFixture, type RunningOAuthFixture } from "@mcpscope/fixtures";
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

async function connect(page: Page, url: string): Promise<void> {
  const form = page.getByRole("form", { name: "Connect to a server" });
  await form.getByLabel("Transport").selectOption("Streamable HTTP");
  await form.getByLabel("URL").fill(url);
  await form.getByRole("button", { name: "Connect", exact: true }).click();
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
