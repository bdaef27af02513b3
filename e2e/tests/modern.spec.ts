import { modernStdioCommand, startEverything, startModernFixture, type RunningHttpServer } from "@mcpscope/fixtures";
import type { Page } from "@playwright/test";
import { expect, testWithOwnMcpscope } from "./mcpscope.js";

// The 2026-07-28 fixture (`modern --modern-only`) over stdio is the session mcpscope opens at
// start; the HTTP tests connect to the same fixture over Streamable HTTP from the Connect form.
const stdio = modernStdioCommand({ modernOnly: true });
const test = testWithOwnMcpscope(["--", stdio.command, ...stdio.args]);

const banner = (page: Page) => page.getByRole("banner");
const tools = (page: Page) => page.getByRole("region", { name: "Tools" });
const result = (page: Page) => page.getByRole("region", { name: "Result" });
const inbox = (page: Page) => page.getByRole("region", { name: "Inbox" });
const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });

/** Selects a tool, fills its fields and runs it. */
async function runTool(page: Page, name: string, fields: Record<string, string> = {}): Promise<void> {
  await page.getByRole("tab", { name: "Tools" }).click();
  await tools(page).getByRole("button", { name, exact: true }).click();
  const form = page.getByRole("region", { name: "Tool form" });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
  await page.getByRole("button", { name: "Run tool" }).click();
}

/** Opens the page on the stdio session mcpscope started with (selected, ready). */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("region", { name: "Sessions" }).getByRole("button", { name: /^modern-fixture, ready, stdio/ }).click();
  await expect(banner(page)).toContainText("Protocol 2026-07-28 · auto");
  await expect(banner(page)).toContainText("stdio");
}

/** How many frames the timeline's filters match ("12 matches"). */
async function matches(page: Page): Promise<number> {
  const text = await timeline(page).getByText(/^\d+ match(es)?$/).textContent();
  return Number(/\d+/.exec(text ?? "")![0]);
}

/** Connects to the fixture over Streamable HTTP from the Connect form. */
async function connectHttp(page: Page, server: RunningHttpServer): Promise<void> {
  const form = page.getByRole("form", { name: "Connect to a server" });
  await form.getByLabel("Transport").selectOption("Streamable HTTP");
  await form.getByLabel("URL").fill(`${server.origin}/mcp`);
  await form.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(banner(page)).toContainText("Streamable HTTP");
  await expect(banner(page)).toContainText("Protocol 2026-07-28 · auto");
}

/** Rows of the Frames tab whose method column shows `method`. */
function framesOf(page: Page, method: string) {
  return timeline(page).getByRole("row").filter({ has: page.getByRole("gridcell", { name: method, exact: true }) });
}


test("auto finds 2026-07-28 over stdio and over Streamable HTTP; discovery, _meta and Mcp-* headers are spelled out", async ({ page, mcpscope }) => {
  await open(page, mcpscope.url);
  await banner(page).getByRole("button", { name: "Server discovery" }).click();
  const discovery = banner(page).getByRole("region", { name: "Server discovery" });
  await expect(discovery).toContainText("Supported versions2026-07-28 (chosen)");
  await expect(discovery).toContainText("io.modelcontextprotocol/tasks");
  await expect(discovery.getByLabel("server/discover result JSON")).toContainText('"supportedVersions"');
  await banner(page).getByRole("button", { name: "Server discovery" }).click();

  // A request's _meta envelope, readable in the frame detail.
  await framesOf(page, "tools/list").first().click();
  const facts = page.getByRole("region", { name: "Frame detail" }).getByLabel("Message facts");
  await expect(facts).toContainText("Protocol version2026-07-28");
  await expect(facts).toContainText("Clientmcpscope");
  await expect(facts).toContainText("extension io.modelcontextprotocol/tasks");
  await expect(facts).toContainText("Progress token");

  const http = await startModernFixture({ modernOnly: true });
  try {
    await connectHttp(page, http);
    await runTool(page, "echo", { text: "over http" });
    await expect(result(page)).toContainText("over http");
    // The exchange's MCP headers (SEP-2243) on its HTTP frame.
    await timeline(page).getByLabel("Kind").selectOption("http");
    await timeline(page).getByRole("row").last().click();
    const headers = page.getByRole("region", { name: "Frame detail" }).getByLabel("MCP headers");
    await expect(headers).toContainText("Mcp-Methodtools/call");
    await expect(headers).toContainText("Mcp-Nameecho");
    await expect(headers).toContainText("Mcp-Protocol-Version2026-07-28");
    await timeline(page).getByRole("button", { name: "Clear filters" }).click();
  } finally {
    await http.stop();
  }
});

test("an elicitation round of a call lands in the Inbox, and the answer finishes the call", async ({ page, mcpscope }) => {
  const neighbour = await page.request.post(`${mcpscope.origin}/api/sessions`, {
    headers: { Authorization: `Bearer ${mcpscope.token}` },
    data: { transport: "stdio", ...stdio, name: "inbox-neighbour" },
  });
  expect(neighbour.status()).toBe(201);
  await open(page, mcpscope.url);
  await runTool(page, "confirm_action", { action: "ship it" });
  const request = inbox(page).getByRole("article", { name: "Elicitation request" });
  await expect(request).toContainText("Really ship it?");
  await expect(request).toContainText("input request confirm");

  // The header has one Inbox, the selected session's, also after switching sessions and back.
  const inboxButtons = banner(page).getByRole("button", { name: /^Inbox/ });
  await expect(inboxButtons).toHaveCount(1);
  await expect(inboxButtons).toHaveAccessibleName("Inbox, 1 pending");
  const sessions = page.getByRole("region", { name: "Sessions" });
  const neighbourButton = sessions.getByRole("button", { name: /^inbox-neighbour, ready/ });
  await neighbourButton.click();
  await expect(neighbourButton).toHaveAttribute("aria-current", "true");
  await expect(inboxButtons).toHaveCount(1);
  await expect(inboxButtons).toHaveAccessibleName("Inbox, 0 pending");
  await expect(inbox(page)).toHaveCount(0);
  await sessions.getByRole("button", { name: /^modern-fixture, ready, stdio/ }).click();
  await expect(inboxButtons).toHaveCount(1);
  await expect(inboxButtons).toHaveAccessibleName("Inbox, 1 pending");
  // Back on a session with a request waiting for a person, its Inbox is open again.
  await expect(inboxButtons).toHaveAttribute("aria-expanded", "true");
  await expect(request).toContainText("Really ship it?");
  await request.getByLabel("Confirm").check();
  await request.getByRole("button", { name: "Accept" }).click();
  await expect(result(page)).toContainText("Done: ship it");
  await expect(result(page)).toContainText("1 round: elicitation");
  await expect(page.getByRole("button", { name: "Inbox, 0 pending" })).toBeVisible();
});

test("a sampling round is answered in the Inbox", async ({ page, mcpscope }) => {
  await open(page, mcpscope.url);
  await runTool(page, "summarize", { text: "a long story" });
  const request = inbox(page).getByRole("article", { name: "Sampling request" });
  await expect(request).toContainText("Summarize: a long story");
  await request.getByLabel("Reply text").fill("short");
  await request.getByLabel("Model").fill("person");
  await request.getByRole("button", { name: "Send reply" }).click();
  await expect(result(page)).toContainText("Summary (person): short");
  await expect(result(page)).toContainText("1 round: sampling");
});

test("the two-round plan_trip is one result entry and one span", async ({ page, mcpscope }) => {
  await open(page, mcpscope.url);
  await runTool(page, "plan_trip");
  await inbox(page).getByRole("article", { name: "Elicitation request" }).getByLabel("Destination").fill("Lisbon");
  await inbox(page).getByRole("button", { name: "Accept" }).click();
  const sampling = inbox(page).getByRole("article", { name: "Sampling request" });
  await expect(sampling).toContainText("Plan a day in Lisbon");
  await sampling.getByLabel("Reply text").fill("Tram 28, then pastéis.");
  await sampling.getByRole("button", { name: "Send reply" }).click();

  await expect(result(page)).toContainText("Trip to Lisbon: Tram 28, then pastéis.");
  await expect(result(page).getByText("Success", { exact: true })).toHaveCount(1);
  await result(page).getByText("2 rounds: elicitation → sampling").click();
  const rounds = result(page).getByRole("list", { name: "Rounds" });
  await expect(rounds.getByRole("listitem").filter({ hasText: "The server answered" })).toHaveCount(2);
  await expect(rounds).toContainText('answered accept {"destination":"Lisbon"}');

  // Three tools/call requests on the wire, one span: its first and its last leg select the same span.
  await timeline(page).getByLabel("Kind").selectOption("request");
  await timeline(page).getByLabel("Method").fill("tools/call");
  const calls = timeline(page).getByRole("row").filter({ hasText: "tools/call" });
  await expect(calls.first()).toBeVisible();
  const count = await calls.count();
  expect(count).toBeGreaterThanOrEqual(3);
  const selected = timeline(page).getByRole("status", { name: "Selected span" });
  for (const leg of [count - 3, count - 1]) {
    await calls.nth(leg).click();
    await timeline(page).getByRole("tab", { name: "Spans" }).click();
    await expect(selected).toContainText("tools/call");
    await expect(selected).toContainText("3 requests (2 rounds: elicitation → sampling) · ok");
    await timeline(page).getByRole("tab", { name: "Frames" }).click();
  }
  await timeline(page).getByRole("button", { name: "Clear filters" }).click();
});

test("a session with autoAnswer answers the rounds by itself", async ({ page, mcpscope }) => {
  const created = await page.request.post(`${mcpscope.origin}/api/sessions`, {
    headers: { Authorization: `Bearer ${mcpscope.token}` },
    data: { transport: "stdio", ...stdio, name: "auto-answering", client: { autoAnswer: { elicitation: { action: "accept", content: { confirm: true } } } } },
  });
  expect(created.status()).toBe(201);
  await page.goto(mcpscope.url);
  await page.getByRole("region", { name: "Sessions" }).getByRole("button", { name: /^auto-answering, ready/ }).click();
  await expect(banner(page)).toContainText("Protocol 2026-07-28");
  await runTool(page, "confirm_action", { action: "deploy" });
  await expect(result(page)).toContainText("Done: deploy");
  await expect(result(page)).toContainText("1 round: elicitation");
  await expect(page.getByRole("button", { name: "Inbox, 0 pending" })).toBeVisible();
});

test("subscriptions/listen drives the Resources pane: Watch, then an updated mark after touch_resource", async ({ page, mcpscope }) => {
  await open(page, mcpscope.url);
  const status = page.getByRole("status", { name: "Change notifications" });
  await expect(status).toContainText("subscriptions/listen open: tools, prompts and resources list changes");
  await page.getByRole("tab", { name: "Resources" }).click();
  const resources = page.getByRole("region", { name: "Resources" });
  const watch = resources.getByRole("button", { name: "Watch counter" });
  await expect(watch).toHaveAccessibleDescription(/2026-07-28 removed resources\/subscribe/);
  await expect(resources.getByRole("button", { name: /^Subscribe to/ })).toHaveCount(0);
  await watch.click();
  await expect(status).toContainText("updates of 1 resource");
  await expect(resources.getByRole("button", { name: "Stop watching counter" })).toBeVisible();

  await runTool(page, "touch_resource");
  await expect(result(page)).toContainText("modern://counter touched");
  const touches = async () => /touched (\d+) time/.exec((await result(page).textContent()) ?? "")![1]!;
  const first = await touches();
  await page.getByRole("tab", { name: "Resources" }).click();
  const counter = resources.getByRole("listitem").filter({ hasText: "modern://counter" });
  await expect(counter.getByText("updated", { exact: true })).toBeVisible();
  // Reading it (selecting it reads it) clears the mark.
  await counter.getByRole("button", { name: "counter", exact: true }).click();
  const contents = page.getByRole("region", { name: "Resource contents" });
  await expect(contents).toContainText(`touched ${first} time(s)`);
  await expect(counter.getByText("updated", { exact: true })).toBeHidden();

  // The contents pane watches through the listen stream too, never with resources/subscribe.
  await expect(contents.getByRole("button", { name: /^(Subscribe to|Unsubscribe from) / })).toHaveCount(0);
  const stop = contents.getByRole("button", { name: "Stop watching modern://counter" });
  await expect(stop).toHaveAccessibleDescription(/2026-07-28 removed resources\/subscribe/);
  // An update while the resource is open: the contents pane says so, and Re-read shows it.
  await runTool(page, "touch_resource");
  await expect(result(page)).toContainText(`modern://counter touched ${Number(first) + 1} time(s)`);
  await page.getByRole("tab", { name: "Resources" }).click();
  await expect(contents.getByRole("status")).toContainText("The server reported this resource updated");
  await contents.getByRole("button", { name: "Re-read" }).click();
  await expect(contents).toContainText(`touched ${Number(first) + 1} time(s)`);
  await expect(contents.getByRole("status")).toHaveCount(0);
  // Stop watching from the contents pane narrows the listen filter back to the list changes.
  await stop.click();
  await expect(status).not.toContainText("updates of 1 resource");
  await expect(status).toContainText("subscriptions/listen open: tools, prompts and resources list changes");
  await expect(contents.getByRole("button", { name: "Watch modern://counter" })).toBeVisible();
  await expect(resources.getByRole("button", { name: "Watch counter" })).toBeVisible();
});

test("a tools list_changed on the listen stream refreshes the list (toggle_bonus_tool)", async ({ page, mcpscope }) => {
  await open(page, mcpscope.url);
  await expect(tools(page).getByRole("button", { name: "bonus", exact: true })).toHaveCount(0);
  await runTool(page, "toggle_bonus_tool");
  await expect(result(page)).toContainText("bonus tool listed");
  await expect(tools(page).getByRole("button", { name: "bonus", exact: true })).toBeVisible();
  await runTool(page, "toggle_bonus_tool");
  await expect(tools(page).getByRole("button", { name: "bonus", exact: true })).toHaveCount(0);
});

test("a list's cache hint is shown, and Refresh keeps the cached list unless Shift+clicked", async ({ page, mcpscope }) => {
  await open(page, mcpscope.url);
  await expect(tools(page)).toContainText("cached for 60 s, scope: public");
  const refresh = tools(page).getByRole("button", { name: "Refresh" });
  await expect(refresh).toHaveAccessibleDescription(/cached for 60 s, scope: public/);
  await timeline(page).getByLabel("Method").fill("tools/list");
  await expect(timeline(page).getByText(/^\d+ match(es)?$/)).toBeVisible();
  const before = await matches(page);
  await refresh.click();
  await expect(tools(page).getByRole("status")).toContainText("Kept the cached tools: fresh for");
  // No tools/list went out; Shift+click sends one (request and response).
  await expect.poll(() => matches(page)).toBe(before);
  await refresh.click({ modifiers: ["Shift"] });
  await expect.poll(() => matches(page)).toBe(before + 2);
  await timeline(page).getByRole("button", { name: "Clear filters" }).click();
});

test("Ping is disabled on 2026-07-28 saying why, and works on a 2025-11-25 session", async ({ page, mcpscope }) => {
  await open(page, mcpscope.url);
  const ping = banner(page).getByRole("button", { name: "Ping" });
  await expect(ping).toBeDisabled();
  await expect(ping).toHaveAccessibleDescription(/MCP 2026-07-28 removed ping/);
  await expect(ping).toHaveAttribute("title", /MCP 2026-07-28 removed ping/);

  const everything = await startEverything("streamableHttp");
  try {
    const form = page.getByRole("form", { name: "Connect to a server" });
    await form.getByLabel("Transport").selectOption("Streamable HTTP");
    await form.getByLabel("URL").fill(`${everything.origin}/mcp`);
    await form.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(banner(page)).toContainText("Protocol 2025-11-25");
    const legacyPing = banner(page).getByRole("button", { name: "Ping" });
    await expect(legacyPing).toBeEnabled();
    await expect(legacyPing).not.toHaveAttribute("aria-describedby");
    await legacyPing.click();
    await expect(banner(page).getByRole("status").filter({ hasText: /^Ping \d/ })).toBeVisible();
  } finally {
    await everything.stop();
  }
});

test("slow_count reports progress, and the per-request log level brings its log messages", async ({ page, mcpscope }) => {
  await open(page, mcpscope.url);
  await timeline(page).getByRole("tab", { name: "Console" }).click();
  const level = timeline(page).getByLabel("Log level (per request)");
  await expect(level).toHaveAccessibleDescription(/removed logging\/setLevel/);
  await level.selectOption("debug");
  await expect(timeline(page)).toContainText("Every request now asks for log messages at debug and above.");
  await runTool(page, "slow_count", { steps: "4", delayMs: "100" });
  await expect(result(page)).toContainText("Counted to 4");
  await expect(result(page)).toContainText("4 progress notifications");
  const console = timeline(page).getByRole("list", { name: "Console messages" });
  await expect(console).toContainText("counting to 4");
  await expect(console).toContainText("step 4");
  await level.selectOption("");
  await timeline(page).getByRole("tab", { name: "Frames" }).click();
});

test("a call answered with a task (io.modelcontextprotocol/tasks) is followed in the Tasks pane to its result", async ({ page, mcpscope }) => {
  await open(page, mcpscope.url);
  await runTool(page, "build_report", { topic: "tides" });
  await expect(result(page)).toContainText('resultType: "task"');
  await result(page).getByRole("button", { name: "Follow in Tasks" }).click();
  const detail = page.getByRole("region", { name: "Task details" });
  const input = detail.getByRole("article", { name: "Task input request 1" });
  await expect(input).toContainText("What should the report on tides be called?");
  await input.getByRole("textbox", { name: "Title" }).fill("Tides of 2026");
  await input.getByRole("button", { name: "Accept" }).click();
  await expect(detail.getByRole("status", { name: "Task status" })).toHaveText("completed");
  await expect(detail).toContainText("Report “Tides of 2026” is ready");
  await expect(page.getByRole("region", { name: "Tasks" }).getByRole("button", { name: /^Task .* \(build_report\)$/ })).toBeVisible();
});
