import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtureCommand } from "@mcpscope/fixtures";
import type { SessionInfo } from "@mcpscope/protocol";
import { test as base, expect } from "@playwright/test";
import { startMcpscope, stopMcpscope, type Mcpscope } from "./mcpscope.js";

/** A loopback HTTP server that answers every request with `body` (CORS open) and remembers the URLs asked for. */
async function listen(body: string): Promise<{ server: Server; origin: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    seen.push(request.url ?? "");
    response.writeHead(200, { "content-type": "text/plain", "access-control-allow-origin": "*" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

interface Fixtures {
  allowed: Awaited<ReturnType<typeof listen>>;
  evil: Awaited<ReturnType<typeof listen>>;
  probe: Mcpscope;
}

// The appProbe fixture: a hostile MCP App that tries to leave its sandbox. It declares
// `allowed` in `_meta.ui.csp.connectDomains` (and a smuggled directive, which must be ignored).
const test = base.extend<object, Fixtures>({
  allowed: [
    async ({}, use) => {
      const s = await listen("declared origin says hi");
      await use(s);
      await new Promise((resolve) => s.server.close(resolve));
    },
    { scope: "worker" },
  ],
  evil: [
    async ({}, use) => {
      const s = await listen("exfiltrated");
      await use(s);
      await new Promise((resolve) => s.server.close(resolve));
    },
    { scope: "worker" },
  ],
  probe: [
    async ({ allowed }, use) => {
      const { command, args } = fixtureCommand("appProbe");
      const m = await startMcpscope(["--", command, ...args, "--connect", allowed.origin]);
      await use(m);
      await stopMcpscope(m);
    },
    { scope: "worker" },
  ],
});

test("a hostile app reads no cookie, reaches no /api/*, starts nothing and cannot move the top window", async ({ page, context, probe, allowed, evil }) => {
  const marker = join(tmpdir(), `mcpscope-app-pwned-${Date.now()}`);
  await page.goto(probe.url);
  // A script-readable cookie on mcpscope's host (cookies ignore ports: the sandbox's port shares the host).
  await context.addCookies([{ name: "mcpscope-secret", value: "s3cret", url: probe.origin }]);
  expect(await page.evaluate(() => document.cookie)).toContain("mcpscope-secret=s3cret");
  const sessionsBefore = ((await (await fetch(`${probe.origin}/api/sessions`, { headers: { authorization: `Bearer ${probe.token}` } })).json()) as SessionInfo[]).length;

  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "probe-sandbox", exact: true }).click();
  const form = page.getByRole("region", { name: "Tool form" });
  await form.getByLabel("mcpscope").fill(probe.origin);
  await form.getByLabel("allowed").fill(`${allowed.origin}/hello`);
  await form.getByLabel("undeclared").fill(`${evil.origin}/steal`);
  await form.getByLabel("navigate").fill(`${evil.origin}/phish`);
  await form.getByLabel("marker").fill(marker);
  await form.getByRole("button", { name: "Run tool" }).click();

  const appRegion = page.getByRole("region", { name: "App" });
  const app = appRegion.frameLocator('iframe[title="MCP App ui://probe/sandbox.html"]');
  const results = app.getByRole("list", { name: "Probe results" });
  await expect(results.locator('[data-check="done"]')).toHaveText("done: every check ran");
  const outcome = async (check: string) => (await results.locator(`[data-check="${check}"]`).first().textContent()) ?? "";

  // The document runs in an opaque origin: no cookie, no storage, no access to mcpscope's page.
  expect(await outcome("cookie")).toMatch(/^cookie: blocked: SecurityError/);
  expect(await outcome("storage")).toMatch(/^storage: blocked: SecurityError/);
  expect(await outcome("parent-dom")).toMatch(/^parent-dom: blocked: SecurityError/);
  expect(await outcome("top-location")).toMatch(/^top-location: blocked: SecurityError/);
  // Its CSP names only the declared origin: mcpscope's API and undeclared origins are out of reach.
  expect(await outcome("api-read")).toMatch(/^api-read: blocked: TypeError/);
  expect(await outcome("api-write")).toMatch(/^api-write: blocked: TypeError/);
  expect(await outcome("undeclared-fetch")).toMatch(/^undeclared-fetch: blocked: TypeError/);
  expect(await outcome("declared-fetch")).toBe("declared-fetch: READ declared origin says hi");
  await expect(results.locator('[data-check="csp-violation"]').filter({ hasText: `connect-src ${probe.origin}/api/sessions` }).first()).toBeAttached();
  // No popups, no top-level navigation (the sandbox has neither allow-popups nor allow-top-navigation).
  expect(await outcome("popup")).toMatch(/^popup: blocked/);
  expect(await outcome("navigate-top")).toMatch(/^navigate-top: blocked: SecurityError/);
  // Through its host, the app may call the tools meant for apps, and only those.
  expect(await outcome("host-tool-call")).toBe("host-tool-call: answered pong");
  expect(await outcome("model-only-call")).toMatch(/^model-only-call: blocked: Error .*model-only is not callable by apps/);
  // The app got the call's input and then its result, as any app does.
  expect(await outcome("tool-result")).toBe("tool-result: probe started");

  // Nothing escaped: mcpscope still shows its page, the phishing page was never asked for,
  // nothing but the declared origin was reached, no session was started, no process ran.
  expect(new URL(page.url()).origin).toBe(probe.origin);
  expect(new URL(page.url()).pathname).toMatch(/^\/sessions\//);
  await expect(page.getByRole("region", { name: "Tools" })).toBeVisible();
  expect(evil.seen).toEqual([]);
  expect(allowed.seen).toEqual(["/hello"]);
  const sessionsAfter = ((await (await fetch(`${probe.origin}/api/sessions`, { headers: { authorization: `Bearer ${probe.token}` } })).json()) as SessionInfo[]).length;
  expect(sessionsAfter).toBe(sessionsBefore);
  expect(existsSync(marker)).toBe(false);

  // The smuggled directive was left out of the policy, and the page says so.
  await appRegion.locator("summary", { hasText: "Sandbox" }).click();
  await expect(appRegion.locator("summary", { hasText: "Sandbox" })).toContainText("1 declared entry ignored");
  await expect(appRegion.getByRole("list", { name: "Ignored declarations" })).toContainText('"https://evil.example; script-src *" is not an origin');
  await expect(appRegion.getByRole("list", { name: "Content-Security-Policy directives" })).toContainText(`connect-src ${allowed.origin}`);
  await expect(appRegion.getByRole("list", { name: "Content-Security-Policy directives" })).toContainText("sandbox allow-scripts allow-forms");
});
