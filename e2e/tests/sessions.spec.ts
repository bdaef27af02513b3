import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEverything } from "@mcpscope/fixtures";
import { test as base, expect, type Page } from "@playwright/test";
import { startMcpscope, stopMcpscope, type Mcpscope } from "./mcpscope.js";

// Each test gets its own mcpscope: these tests restart, close and add sessions, which must
// not leak into other files sharing the worker-scoped instance.
const test = base.extend<{ mcpscope: Mcpscope }>({
  mcpscope: async ({}, use) => {
    const m = await startMcpscope();
    await use(m);
    await stopMcpscope(m);
  },
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function runEcho(page: Page, message: string): Promise<void> {
  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "echo", exact: true }).click();
  await page.getByLabel("message").fill(message);
  await page.getByRole("button", { name: "Run tool" }).click();
  await expect(page.getByRole("region", { name: "Result" })).toContainText(`Echo: ${message}`);
}

/** The newest tools/call row of the timeline, selected, shows the message in the frame detail. */
async function expectTimelineCall(page: Page, message: string): Promise<void> {
  const calls = page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "tools/call" });
  await expect(calls).toHaveCount(2);
  await calls.last().click();
  await expect(page.getByRole("region", { name: "Frame detail" })).toContainText(`Echo: ${message}`);
}

test("a stdio and a Streamable HTTP session side by side, each keeping its own state", async ({ page, mcpscope }) => {
  const http = await startEverything("streamableHttp");
  try {
    await page.goto(mcpscope.url);
    const sessions = page.getByRole("region", { name: "Sessions" });
    const banner = page.getByRole("banner");
    const stdio = sessions.getByRole("button", { name: /^mcp-servers\/everything, ready, stdio/ });
    await expect(stdio).toHaveAttribute("aria-current", "true");
    await expect(banner).toContainText("stdio");

    await runEcho(page, "from stdio");

    const form = page.getByRole("form", { name: "Connect to a server" });
    await form.getByLabel("Transport").selectOption("Streamable HTTP");
    await form.getByLabel("URL").fill(`${http.origin}/mcp`);
    await form.getByRole("button", { name: "Connect", exact: true }).click();

    const remote = sessions.getByRole("button", { name: /^mcp-servers\/everything \(2\), ready, Streamable HTTP, protocol 2025-11-25/ });
    await expect(remote).toHaveAttribute("aria-current", "true");
    await expect(stdio).not.toHaveAttribute("aria-current", "true");
    await expect(banner).toContainText("Streamable HTTP");
    await expect(banner).toContainText("Protocol 2025-11-25");
    // A fresh session: no result yet, whatever the other one showed.
    await expect(page.getByRole("region", { name: "Result" })).not.toContainText("Echo: from stdio");

    await runEcho(page, "from http");
    await expectTimelineCall(page, "from http");

    await banner.getByRole("button", { name: "Ping" }).click();
    await expect(banner.getByRole("status").filter({ hasText: /^Ping \d/ })).toHaveText(/^Ping \d+(\.\d+)? m?s$/);

    await banner.getByRole("button", { name: "Initialize handshake" }).click();
    const handshake = banner.getByRole("region", { name: "Initialize handshake" });
    await expect(handshake).toContainText("Streamable HTTP");
    await expect(handshake).toContainText("Everything Reference Server");
    await expect(handshake.getByLabel("Client capabilities JSON")).toContainText('"sampling"');
    await page.keyboard.press("Escape");
    await expect(handshake).toBeHidden();

    // Back to stdio: its own result, timeline and header.
    await stdio.click();
    await expect(stdio).toHaveAttribute("aria-current", "true");
    await expect(banner).toContainText("stdio");
    await expect(banner).not.toContainText("Streamable HTTP");
    await expect(page.getByRole("region", { name: "Result" })).toContainText("Echo: from stdio");
    await expectTimelineCall(page, "from stdio");

    // …and again to HTTP: nothing lost.
    await remote.click();
    await expect(banner).toContainText("Streamable HTTP");
    await expect(page.getByRole("region", { name: "Result" })).toContainText("Echo: from http");
    await expect(page.getByRole("region", { name: "Frame detail" })).toContainText("Echo: from http");
  } finally {
    await http.stop();
  }
});

test("a failed connection shows the connection doctor's explanation and hint", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  const form = page.getByRole("form", { name: "Connect to a server" });
  await expect(page.getByRole("region", { name: "Sessions" }).getByRole("button", { name: /, ready, stdio/ })).toBeVisible();

  await form.getByLabel("Command").fill("mcpscope-no-such-command");
  await form.getByRole("button", { name: "Connect", exact: true }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("Could not connect");
  await expect(alert).toContainText("Command not found: mcpscope-no-such-command");
  await expect(alert).toContainText("What to try: Check the spelling");

  // The failed session stays listed; selected, it shows why it failed.
  const sessions = page.getByRole("region", { name: "Sessions" });
  const failed = sessions.getByRole("button", { name: /^mcpscope-no-such-command, failed, stdio/ });
  await failed.click();
  await expect(failed).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("region", { name: "Session error" }).getByRole("alert")).toContainText("Command not found");

  const port = await closedPort();
  await form.getByLabel("Transport").selectOption("Auto (URL)");
  await form.getByLabel("URL").fill(`http://127.0.0.1:${port}/mcp`);
  await form.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(alert).toContainText("Connection refused");
  await expect(alert).toContainText(`127.0.0.1:${port}`);
  await expect(alert).toContainText("What to try:");

  // Delete forgets a session and its recording.
  await sessions.getByRole("button", { name: "Delete mcpscope-no-such-command" }).click();
  await expect(failed).toHaveCount(0);
});

test("Restart replaces a stdio session with a fresh process and selects it", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  const sessions = page.getByRole("region", { name: "Sessions" });
  const first = sessions.getByRole("button", { name: /^mcp-servers\/everything, ready, stdio/ });
  await expect(first).toHaveAttribute("aria-current", "true");

  await sessions.getByRole("button", { name: "Restart mcp-servers/everything", exact: true }).click();
  const second = sessions.getByRole("button", { name: /^mcp-servers\/everything \(2\), ready, stdio/ });
  await expect(second).toHaveAttribute("aria-current", "true");
  await expect(sessions.getByRole("button", { name: /^mcp-servers\/everything, closed, stdio/ })).toBeVisible();
  await expect(sessions.getByRole("button", { name: "Close mcp-servers/everything", exact: true })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "echo", exact: true })).toBeVisible();
});

test("configured servers connect with one click and copy their mcpServers entry", async ({ browser }) => {
  const http = await startEverything("streamableHttp");
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-config-"));
  const config = join(dir, "mcp.json");
  writeFileSync(config, JSON.stringify({ mcpServers: { remote: { type: "http", url: `${http.origin}/mcp`, headers: { Authorization: "Bearer s3cret" } } } }));
  const m = await startMcpscope(["--config", config]);
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  try {
    const page = await context.newPage();
    await page.goto(m.url);
    const servers = page.getByRole("region", { name: "Configured servers" });
    await servers.getByRole("button", { name: "Connect remote", exact: true }).click();
    const sessions = page.getByRole("region", { name: "Sessions" });
    await expect(sessions.getByRole("button", { name: /^remote, ready, Streamable HTTP/ })).toHaveAttribute("aria-current", "true");

    await servers.getByRole("button", { name: "Copy entry remote" }).click();
    await expect(servers.getByRole("status")).toHaveText("Copied");
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Record<string, { url: string; headers?: Record<string, string> }>;
    expect(copied.remote?.url).toBe(`${http.origin}/mcp`);
    expect(JSON.stringify(copied)).not.toContain("s3cret");

    await page.getByRole("banner").getByRole("button", { name: "Copy server entry" }).click();
    const entry = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Record<string, { type?: string; url: string }>;
    expect(entry.remote).toMatchObject({ type: "streamable-http", url: `${http.origin}/mcp` });
  } finally {
    await context.close();
    await stopMcpscope(m);
    await http.stop();
  }
});
