import { hostname } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Frame, FramesPage, SessionInfo } from "@mcpscope/protocol";
import { test as base, expect, type FrameLocator, type Page } from "@playwright/test";
import { startMcpscope, stopMcpscope, type Mcpscope } from "./mcpscope.js";

// The MCP Apps example servers from npm (ext-apps' examples), run for real over stdio.
const require = createRequire(import.meta.url);
const exampleServer = (name: string) => [process.execPath, join(dirname(require.resolve(`@modelcontextprotocol/${name}`)), "index.js"), "--stdio"];

const test = base.extend<object, { basic: Mcpscope; monitor: Mcpscope }>({
  basic: [
    async ({}, use) => {
      const m = await startMcpscope(["--", ...exampleServer("server-basic-react")]);
      await use(m);
      await stopMcpscope(m);
    },
    { scope: "worker" },
  ],
  monitor: [
    async ({}, use) => {
      const m = await startMcpscope(["--", ...exampleServer("server-system-monitor")]);
      await use(m);
      await stopMcpscope(m);
    },
    { scope: "worker" },
  ],
});

const api = async <T>(m: Mcpscope, path: string): Promise<T> => (await (await fetch(m.origin + path, { headers: { authorization: `Bearer ${m.token}` } })).json()) as T;
const session = async (m: Mcpscope) => (await api<SessionInfo[]>(m, "/api/sessions"))[0]!;
const frames = async (m: Mcpscope) => (await api<FramesPage>(m, `/api/sessions/${(await session(m)).id}/frames?limit=100000`)).frames;
/** The JSON-RPC frames between an app and mcpscope (`app`/`host`) and with the server (`out`/`in`), as `dir kind method-or-id`. */
const isCall = (f: Frame, dir: Frame["dir"], tool: string) => f.dir === dir && f.kind === "request" && f.msg?.method === "tools/call" && (f.msg.params as { name?: string }).name === tool;

async function runTool(page: Page, m: Mcpscope, name: string): Promise<FrameLocator> {
  await page.goto(m.url);
  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name, exact: true }).click();
  await page.getByRole("region", { name: "Tool form" }).getByRole("button", { name: "Run tool" }).click();
  await expect(page.getByRole("region", { name: "Result" }).getByText("Success")).toBeVisible();
  return page.getByRole("region", { name: "App" }).frameLocator('iframe[title="MCP App ui://get-time/mcp-app.html"], iframe[title="MCP App ui://system-monitor/mcp-app.html"]');
}

test("basic-react: the app renders beside the result with the result's content, and its tool call reaches the server", async ({ page, basic }) => {
  // The session declared the UI extension (the Connect form's switch is on by default).
  expect((await session(basic)).clientCapabilities).toMatchObject({ extensions: { "io.modelcontextprotocol/ui": { mimeTypes: ["text/html;profile=mcp-app"] } } });
  const app = await runTool(page, basic, "get-time");
  // The result's text content is the server's time (the item also has a "Markdown" toggle).
  const content = (await page.getByRole("region", { name: "Result" }).getByRole("list", { name: "Content" }).textContent()) ?? "";
  const resultText = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/.exec(content)?.[0];
  expect(resultText, `a time in the result's content: ${content}`).toBeDefined();
  // The app shows the time from the tool result it was sent.
  await expect(app.getByText(resultText!)).toBeVisible();
  await expect(page.getByRole("region", { name: "App" }).getByRole("status")).toHaveText(/Get Time App/);

  // A call the app makes goes through the session: app → host, then mcpscope → server, then back.
  const before = (await frames(basic)).length;
  await app.getByRole("button", { name: "Get Server Time" }).click();
  await expect(app.getByText(resultText!)).toBeHidden();
  await expect.poll(async () => (await frames(basic)).slice(before).map((f) => `${f.dir} ${f.kind}`)).toEqual(
    expect.arrayContaining(["app request", "out request", "in response", "host response"]),
  );
  const after = (await frames(basic)).slice(before);
  const appCall = after.findIndex((f) => isCall(f, "app", "get-time"));
  const serverCall = after.findIndex((f) => isCall(f, "out", "get-time"));
  expect(appCall).toBeGreaterThanOrEqual(0);
  expect(serverCall).toBeGreaterThan(appCall);
  expect(after[appCall]!.meta).toMatchObject({ resourceUri: "ui://get-time/mcp-app.html", toolName: "get-time" });

  // The timeline shows the app's frames under their own direction.
  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline.getByLabel("Direction").selectOption("app");
  await expect(timeline.getByRole("row").filter({ hasText: "tools/call" }).first()).toBeVisible();
  await expect(timeline.getByRole("row").filter({ hasText: "ui/initialize" })).toHaveCount(1);
  await timeline.getByRole("row").filter({ hasText: "ui/initialize" }).click();
  await expect(page.getByRole("region", { name: "Frame detail" })).toContainText("app → host (an MCP App to mcpscope)");
});

test("basic-react: opening a link and sending a message wait in the inbox for Approve or Deny", async ({ page, basic }) => {
  const app = await runTool(page, basic, "get-time");
  await expect(app.getByText("Server Time:")).toBeVisible();
  const inbox = page.getByRole("region", { name: "Inbox" });

  const before = (await frames(basic)).length;
  await app.getByRole("button", { name: "Open Link" }).click();
  await expect(inbox.getByRole("heading", { name: "App wants to open a link" })).toBeVisible();
  await expect(inbox).toContainText("https://modelcontextprotocol.io/");
  await expect(inbox).toContainText("From the app ui://get-time/mcp-app.html of tool get-time.");
  await expect(inbox.getByRole("link", { name: "Open link" })).toHaveAttribute("rel", "noopener noreferrer");
  await inbox.getByRole("button", { name: "Deny" }).click();
  await expect(inbox.getByRole("heading", { name: "App wants to open a link" })).toBeHidden();
  // The app got the refusal, recorded as the host's error answer.
  await expect
    .poll(async () => (await frames(basic)).slice(before).find((f) => f.dir === "host" && f.kind === "error")?.msg?.error)
    .toMatchObject({ code: -32000, message: "Denied by the user in mcpscope's inbox" });

  await app.getByRole("button", { name: "Send Message" }).click();
  await expect(inbox.getByRole("heading", { name: "App wants to send a message" })).toBeVisible();
  await expect(inbox.getByRole("list", { name: "Message content" })).toContainText("This is message text.");
  await inbox.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("button", { name: "Inbox, 0 pending" })).toBeVisible();
  await expect
    .poll(async () => {
      const all = (await frames(basic)).slice(before);
      const asked = all.find((f) => f.dir === "app" && f.msg?.method === "ui/message");
      return all.find((f) => f.dir === "host" && f.kind === "response" && f.msg?.id === asked?.msg?.id)?.msg?.result;
    })
    .toEqual({});
});

test("basic-react: the Apps view opens the app with a hand-written input and result, at each size and theme", async ({ page, basic }) => {
  await page.goto(basic.url);
  await page.getByRole("tab", { name: "Apps" }).click();
  await expect(page.getByRole("list", { name: "App list" })).toContainText("ui://get-time/mcp-app.html");
  const input = page.getByRole("region", { name: "App input" });
  await input.getByRole("textbox", { name: "Tool input" }).fill("{}");
  await input.getByLabel("Send a tool result").check();
  const result = input.getByRole("textbox", { name: "Tool result" });
  await result.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('{"content": [{"type": "text", "text": "1999-12-31T23:59:59.000Z"}]}');
  await input.getByRole("button", { name: "Open app" }).click();
  const preview = page.getByRole("region", { name: "App preview" });
  const app = preview.frameLocator('iframe[title="MCP App ui://get-time/mcp-app.html"]');
  await expect(app.getByText("1999-12-31T23:59:59.000Z")).toBeVisible();

  // Size presets set the app's width.
  const iframe = preview.locator("iframe");
  for (const [label, width] of [["Mobile 375", 375], ["Tablet 768", 768], ["Desktop 1280", 1280]] as const) {
    await input.getByRole("button", { name: label }).click();
    await expect(input.getByRole("button", { name: label })).toHaveAttribute("aria-pressed", "true");
    await expect.poll(async () => Math.round((await iframe.boundingBox())!.width)).toBe(width);
  }

  // The theme reaches the app as host context.
  const before = (await frames(basic)).length;
  await input.getByRole("button", { name: "Dark" }).click();
  await expect
    .poll(async () => (await frames(basic)).slice(before).some((f) => f.dir === "host" && f.msg?.method === "ui/notifications/host-context-changed" && (f.msg.params as { theme?: string }).theme === "dark"))
    .toBe(true);

  // A new result, sent to the running app.
  await result.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('{"content": [{"type": "text", "text": "2000-01-01T00:00:00.000Z"}]}');
  await input.getByRole("button", { name: "Send tool result" }).click();
  await expect(app.getByText("2000-01-01T00:00:00.000Z")).toBeVisible();
  await input.getByRole("button", { name: "Mobile 375" }).click();
});

test("system-monitor: the app renders the structured result and polls the server through mcpscope", async ({ page, monitor }) => {
  const app = await runTool(page, monitor, "get-system-info");
  // The hostname comes from the tool's structuredContent.
  await expect(app.getByText(hostname(), { exact: true })).toBeVisible();
  // The app polls an app-only tool (visibility ["app"]) every couple of seconds: each poll is
  // an app request, a request to the server, and their answers.
  await expect.poll(async () => (await frames(monitor)).filter((f) => isCall(f, "app", "poll-system-stats")).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  const all = await frames(monitor);
  expect(all.filter((f) => isCall(f, "out", "poll-system-stats")).length).toBeGreaterThanOrEqual(2);
  await expect(app.getByText(/\d+(\.\d+)? GB \/ \d+(\.\d+)? GB/)).toBeVisible();
  // In Spans, the app's calls are spans like any other request.
  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline.getByRole("tab", { name: "Spans" }).click();
  // The app's request spans the request it made to the server: two lanes at least.
  await expect(timeline).toContainText(/\d+ requests in ([2-9]|\d\d+) lanes/);
});
