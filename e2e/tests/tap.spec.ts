import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEverything } from "@mcpscope/fixtures";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { expect, test, type Page } from "@playwright/test";
import { startMcpscope, stopMcpscope } from "./mcpscope.js";

// A real MCP client (the v2 TypeScript SDK's, as an agent framework or IDE embeds it) is
// configured to run `mcpscope tap -- <server>` in place of the server, or pointed at a
// tap's HTTP facade; the page shows its session live while the client works as before.
const CLI = fileURLToPath(new URL("../../apps/proxy/bin/mcpscope.mjs", import.meta.url));
const require = createRequire(import.meta.url);
const EVERYTHING = [join(dirname(require.resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js"), "stdio"];

/** A v2 SDK client that declares sampling and answers it, as an LLM host would. */
function newClient(): Client {
  const client = new Client({ name: "e2e-client", version: "3.1.0" }, { capabilities: { sampling: {} } });
  client.setRequestHandler("sampling/createMessage", async () => ({ model: "e2e-model", role: "assistant", content: { type: "text", text: "sampled by the real client" } }));
  return client;
}

async function callEcho(client: Client, message: string): Promise<unknown> {
  return (await client.callTool({ name: "echo", arguments: { message } })).content;
}

async function expectLiveTappedSession(page: Page, name: RegExp, message: string): Promise<void> {
  const sessions = page.getByRole("region", { name: "Sessions" });
  const tapped = sessions.getByRole("button", { name });
  await expect(tapped).toBeVisible();
  await tapped.click();
  const calls = page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "tools/call" });
  await expect(calls.first()).toBeVisible();
  // The client's first call is an echo: its request row opens its arguments.
  await calls.filter({ hasText: "request" }).first().click();
  await expect(page.getByRole("region", { name: "Frame detail" })).toContainText(message);
}

test("a real client through `mcpscope tap` (stdio): its session shows live and read-only, and the client works as before", async ({ page }) => {
  const mcpscope = await startMcpscope(["--no-connect"]);
  const direct = newClient();
  const tapped = newClient();
  try {
    await page.goto(mcpscope.url);
    await direct.connect(new StdioClientTransport({ command: process.execPath, args: EVERYTHING, stderr: "ignore" }));
    // The client's config: `mcpscope tap --name everything -- node …/server-everything stdio`.
    await tapped.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, "tap", "--data-dir", mcpscope.dataDir, "--name", "everything", "--", process.execPath, ...EVERYTHING], stderr: "ignore" }));

    // The client works exactly as it does without the tap.
    expect(await callEcho(tapped, "from the real client")).toEqual(await callEcho(direct, "from the real client"));
    const sampled = await tapped.callTool({ name: "trigger-sampling-request", arguments: { prompt: "hello" } });
    expect(JSON.stringify(sampled.content)).toContain("sampled by the real client");
    expect((await tapped.listTools()).tools.map((t) => t.name)).toEqual((await direct.listTools()).tools.map((t) => t.name));

    // …and the page shows its session, live, tapped and named.
    await expectLiveTappedSession(page, /^everything, ready, stdio, protocol 2025-11-25, tapped from e2e-client/, "from the real client");
    const banner = page.getByRole("banner");
    await expect(banner).toContainText("tapped · e2e-client 3.1.0");
    await expect(page.getByRole("status", { name: "Read-only" })).toContainText("This session is tapped");
    // The tools the client listed; nothing can be run from the page.
    await page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "echo", exact: true }).click();
    await expect(page.getByRole("button", { name: "Run tool" })).toBeDisabled();
    // The server's sampling request, answered by the client.
    await banner.getByRole("button", { name: /^Inbox, 1 server requests, 0 waiting for the client$/ }).click();
    const inbox = banner.getByRole("region", { name: "Inbox" });
    await expect(inbox).toContainText("answered by the client");
    await inbox.getByRole("button", { name: /^Show sampling\/createMessage request/ }).click();
    await expect(page.getByRole("region", { name: "Frame detail" })).toContainText("Resource trigger-sampling-request context: hello");

    // New traffic keeps arriving live.
    await callEcho(tapped, "second call, still live");
    // Three calls: each a request row and a response row.
    await expect(page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "tools/call" })).toHaveCount(6);

    await tapped.close();
    await expect(page.getByRole("region", { name: "Sessions" }).getByRole("button", { name: /^everything, closed, stdio/ })).toBeVisible();
  } finally {
    await direct.close();
    await tapped.close();
    await stopMcpscope(mcpscope);
  }
});

test("a real client through a tap's HTTP facade, created in the page: its session shows live", async ({ page }) => {
  const everything = await startEverything("streamableHttp");
  const mcpscope = await startMcpscope(["--no-connect"]);
  const client = newClient();
  try {
    await page.goto(mcpscope.url);
    const taps = page.getByRole("region", { name: "Taps" });
    await taps.getByRole("button", { name: "New tap" }).click();
    const form = taps.getByRole("form", { name: "New tap" });
    await form.getByLabel("Name").fill("remote");
    await form.getByLabel("Server URL").fill(`${everything.origin}/mcp`);
    await form.getByLabel("Tap transport").selectOption("Streamable HTTP");
    await form.getByRole("button", { name: "Create tap" }).click();
    const url = await taps.getByRole("textbox", { name: "URL of tap remote" }).inputValue();
    expect(url).toMatch(new RegExp(`^${mcpscope.origin}/tap/remote/[\\w-]{43}/mcp$`));

    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    expect(await callEcho(client, "over http")).toEqual([{ type: "text", text: "Echo: over http" }]);
    await expectLiveTappedSession(page, /^remote, ready, Streamable HTTP, protocol 2025-11-25, tapped from e2e-client/, "over http");
    await expect(taps).toContainText("1 session");
  } finally {
    await client.close();
    await stopMcpscope(mcpscope);
    await everything.stop();
  }
});

test("with no mcpscope running, `mcpscope tap` starts one in the background on the same data directory", async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-e2e-background-"));
  const client = newClient();
  let backgroundPid: number | undefined;
  try {
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, "tap", "--data-dir", dataDir, "--", process.execPath, ...EVERYTHING], stderr: "ignore" }));
    expect(await callEcho(client, "nobody was watching")).toEqual([{ type: "text", text: "Echo: nobody was watching" }]);
    // It registered itself: the page it serves shows the session.
    await expect
      .poll(() => readdirSync(join(dataDir, "instances")).filter((f) => f.endsWith(".json")).length, { timeout: 20_000 })
      .toBe(1)
      .catch((err: Error) => {
        // What the background mcpscope printed says why it did not register.
        const log = join(dataDir, "mcpscope-background.log");
        throw new Error(`${err.message}\n\n${log}:\n${existsSync(log) ? readFileSync(log, "utf8") : "(none: it was never started)"}`);
      });
    const file = readdirSync(join(dataDir, "instances")).find((f) => f.endsWith(".json"))!;
    const instance = JSON.parse(readFileSync(join(dataDir, "instances", file), "utf8")) as { pid: number; url: string };
    backgroundPid = instance.pid;
    await page.goto(instance.url);
    await expectLiveTappedSession(page, /^index\.js, ready, stdio, protocol 2025-11-25, tapped from e2e-client/, "nobody was watching");
  } finally {
    await client.close();
    if (backgroundPid) process.kill(backgroundPid, "SIGTERM");
  }
});
