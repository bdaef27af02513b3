import { fixtureCommand, startEverything } from "@mcpscope/fixtures";
import type { Page } from "@playwright/test";
import { expect, startMcpscope, stopMcpscope, test } from "./mcpscope.js";

/** Selects a tool of the default server, fills its fields and runs it. */
async function runTool(page: Page, name: string, fields: Record<string, string> = {}): Promise<void> {
  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name, exact: true }).click();
  const form = page.getByRole("region", { name: "Tool form" });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
  await page.getByRole("button", { name: "Run tool" }).click();
}

const inbox = (page: Page) => page.getByRole("region", { name: "Inbox" });
const result = (page: Page) => page.getByRole("region", { name: "Result" });

test("a sampling request waits in the inbox and the person's reply is what the tool returns", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await expect(page.getByRole("button", { name: "Inbox, 0 pending" })).toBeVisible();
  await runTool(page, "trigger-sampling-request", { prompt: "Write a haiku about frames", maxTokens: "64" });

  // The inbox opens by itself: a tool call is waiting on it.
  await expect(page.getByRole("button", { name: "Inbox, 1 pending" })).toHaveAttribute("aria-expanded", "true");
  const request = inbox(page).getByRole("article", { name: "Sampling request" });
  await expect(request).toContainText("sampling/createMessage");
  await expect(request.getByRole("list", { name: "Messages" })).toContainText("Write a haiku about frames");
  await expect(request).toContainText("You are a helpful test server.");
  await expect(request.getByRole("definition").filter({ hasText: /^64$/ })).toBeVisible();
  await expect(request).toContainText("0.7");

  const reply = request.getByRole("form", { name: "Sampling reply" });
  await expect(reply.getByLabel("Role")).toHaveValue("assistant");
  await expect(reply.getByLabel("Stop reason")).toHaveValue("endTurn");
  await reply.getByLabel("Reply text").fill("Frames flow like streams");
  await reply.getByLabel("Model").fill("human-in-the-loop");
  await reply.getByRole("button", { name: "Send reply" }).click();

  await expect(result(page)).toContainText("Frames flow like streams");
  await expect(result(page)).toContainText("human-in-the-loop");
  await expect(page.getByRole("button", { name: "Inbox, 0 pending" })).toBeVisible();
  await expect(inbox(page)).toBeHidden();
});

test("a sampling request the server runs as a client-side task is answered from the same inbox", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runTool(page, "trigger-sampling-request-async", { prompt: "sampled in the background" });
  const request = inbox(page).getByRole("article", { name: "Sampling request" });
  await expect(request).toContainText("sampled in the background");
  await expect(request.getByText("as a task", { exact: true })).toBeVisible();
  await expect(page).toHaveTitle("(1) mcpscope");
  await request.getByLabel("Reply text").fill("task reply");
  await request.getByRole("button", { name: "Send reply" }).click();
  await expect(result(page)).toContainText("Async sampling completed");
  await expect(result(page)).toContainText("task reply");
  await expect(page).toHaveTitle("mcpscope");
});

test("rejecting a sampling request shows the server's error in the tool result", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runTool(page, "trigger-sampling-request", { prompt: "reject me" });
  await inbox(page).getByRole("article", { name: "Sampling request" }).getByRole("button", { name: "Reject" }).click();
  await expect(result(page)).toContainText("User rejected sampling request");
  await expect(page.getByRole("button", { name: "Inbox, 0 pending" })).toBeVisible();
});

test("an elicitation form's content, schema defaults included, reaches the tool", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runTool(page, "trigger-elicitation-request");
  const request = inbox(page).getByRole("article", { name: "Elicitation request" });
  await expect(request).toContainText("Please provide inputs for the following fields:");
  // The schema's defaults are filled in for review.
  await expect(request.getByRole("spinbutton", { name: "Integer", exact: true })).toHaveValue("42");
  await request.getByRole("button", { name: "Accept" }).click();
  await expect(request.getByRole("alert")).toContainText("do not match the requested schema");
  await request.getByRole("textbox", { name: "String", exact: true }).fill("Ada Lovelace");
  await request.getByRole("checkbox", { name: "Boolean", exact: true }).check();
  await request.getByRole("button", { name: "Accept" }).click();

  await expect(result(page)).toContainText("User provided the requested information");
  await expect(result(page)).toContainText("Name: Ada Lovelace");
  await expect(result(page)).toContainText("Agreed to terms: true");
  // Fields left alone carry the schema's defaults (SEP-1034).
  await expect(result(page)).toContainText("Favorite Integer: 42");
  await expect(result(page)).toContainText("It was a dark and stormy night.");
});

test("declining a URL elicitation: the URL is shown and opens only through its link", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runTool(page, "trigger-url-elicitation", { url: "https://example.com/authorize?step=1" });
  const request = inbox(page).getByRole("article", { name: "URL elicitation request" });
  await expect(request).toContainText("example.com");
  const link = request.getByRole("link", { name: "Open example.com in a new tab" });
  await expect(link).toHaveAttribute("href", "https://example.com/authorize?step=1");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await request.getByRole("button", { name: "Decline" }).click();
  await expect(result(page)).toContainText("User declined to open the URL");
});

test("an accepted URL elicitation is followed until the server reports it complete", async ({ page }) => {
  const { command, args } = fixtureCommand("schemaZoo");
  const zoo = await startMcpscope(["--", command, ...args]);
  try {
    await page.goto(zoo.url);
    await runTool(page, "url-elicitation");
    const request = inbox(page).getByRole("article", { name: "URL elicitation request" });
    await expect(request).toContainText("Buy a zoo ticket");
    await request.getByRole("button", { name: "Accept" }).click();
    await expect(result(page)).toContainText(": accept");
    await page.getByRole("button", { name: "Inbox, 0 pending" }).click();
    const list = inbox(page).getByRole("region", { name: "URL elicitations" });
    await expect(list.getByRole("link", { name: "https://example.com/zoo-ticket" })).toHaveAttribute("rel", "noopener noreferrer");
    await expect(list).toContainText("completed: the server reported the flow done");
  } finally {
    await stopMcpscope(zoo);
  }
});

test("a URL elicitation named by a -32042 error is listed with what to do next", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runTool(page, "trigger-url-elicitation", { url: "https://example.com/needs-auth" });
  await expect(page.getByRole("button", { name: /^Inbox, 1 pending/ })).toBeVisible();
  await inbox(page).getByRole("article", { name: "URL elicitation request" }).getByRole("button", { name: "Decline" }).click();
  await expect(result(page)).toContainText("User declined to open the URL");

  await page.getByRole("region", { name: "Tool form" }).getByLabel("errorPath").check();
  await page.getByRole("button", { name: "Run tool" }).click();
  await expect(result(page)).toContainText("-32042");
  await page.getByRole("button", { name: "Inbox, 0 pending" }).click();
  const list = inbox(page).getByRole("region", { name: "URL elicitations" });
  await expect(list.getByRole("listitem").filter({ hasText: "https://modelcontextprotocol.io" })).toContainText("named by a -32042 error");
  await expect(list.getByRole("listitem").filter({ hasText: "needs-auth" })).toContainText("declined");
});

test("roots set in the Settings tab are what the server lists", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await page.getByRole("tab", { name: "Settings" }).click();
  const roots = page.getByRole("region", { name: "Roots" });
  await roots.getByLabel("Root URI").fill("/not/a/uri");
  await roots.getByRole("button", { name: "Add root" }).click();
  await expect(roots.getByRole("alert")).toContainText("must start with file://");

  await roots.getByLabel("Root URI").fill("file:///srv/e2e-project");
  await roots.getByLabel("Root name").fill("e2e project");
  await roots.getByRole("button", { name: "Add root" }).click();
  await expect(roots.getByRole("list", { name: "Session roots" })).toContainText("file:///srv/e2e-project");
  await roots.getByRole("button", { name: "Save roots" }).click();
  await expect(roots).toContainText("notifications/roots/list_changed");
  await expect(roots).toContainText("The server read the new roots (roots/list).");

  await runTool(page, "get-roots-list");
  await expect(result(page)).toContainText("e2e project");
  await expect(result(page)).toContainText("URI: file:///srv/e2e-project");

  await roots.getByRole("button", { name: "Remove root e2e project" }).click();
  await roots.getByRole("button", { name: "Save roots" }).click();
  await expect(roots).toContainText("The server read the new roots (roots/list).");
  await runTool(page, "get-roots-list");
  await expect(result(page)).toContainText("no roots are currently configured");
});

test("two browsers on one session both see a sampling request; answering in one clears it in the other", async ({ page, browser, mcpscope }) => {
  const other = await browser.newContext();
  try {
    const second = await other.newPage();
    await page.goto(mcpscope.url);
    await second.goto(mcpscope.url);
    await expect(second.getByRole("button", { name: "Inbox, 0 pending" })).toBeVisible();

    await runTool(page, "trigger-sampling-request", { prompt: "seen by two" });
    for (const p of [page, second]) {
      await expect(p.getByRole("button", { name: "Inbox, 1 pending" })).toBeVisible();
      await expect(inbox(p).getByRole("article", { name: "Sampling request" })).toContainText("seen by two");
    }

    const reply = inbox(second).getByRole("form", { name: "Sampling reply" });
    await reply.getByLabel("Reply text").fill("answered from the second browser");
    await reply.getByRole("button", { name: "Send reply" }).click();

    await expect(result(page)).toContainText("answered from the second browser");
    for (const p of [page, second]) {
      await expect(p.getByRole("button", { name: "Inbox, 0 pending" })).toBeVisible();
      await expect(inbox(p).getByRole("article")).toHaveCount(0);
    }
  } finally {
    await other.close();
  }
});

test("a reload shows the requests still waiting", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runTool(page, "trigger-elicitation-request");
  await expect(page.getByRole("button", { name: "Inbox, 1 pending" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Inbox, 1 pending" })).toBeVisible();
  await inbox(page).getByRole("article", { name: "Elicitation request" }).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Inbox, 0 pending" })).toBeVisible();
});

test("client capabilities switched off in the Connect form are not declared, so the server offers no tools that need them", async ({ page }) => {
  // Its own mcpscope: a second session must not leak into the other tests' shared instance.
  const mcpscope = await startMcpscope();
  const http = await startEverything("streamableHttp");
  try {
    await page.goto(mcpscope.url);
    const form = page.getByRole("form", { name: "Connect to a server" });
    const capabilities = form.getByRole("group", { name: "Client capabilities" });
    for (const name of ["Sampling", "Elicitation", "Roots"]) await expect(capabilities.getByRole("checkbox", { name })).toBeChecked();
    await capabilities.getByRole("checkbox", { name: "Sampling" }).uncheck();
    await capabilities.getByRole("checkbox", { name: "Roots" }).uncheck();
    await form.getByLabel("Transport").selectOption("Streamable HTTP");
    await form.getByLabel("URL").fill(`${http.origin}/mcp`);
    await form.getByRole("button", { name: "Connect", exact: true }).click();

    const tools = page.getByRole("region", { name: "Tools" });
    await expect(page.getByRole("banner")).toContainText("Streamable HTTP");
    await expect(tools.getByRole("button", { name: "trigger-elicitation-request", exact: true })).toBeVisible();
    await expect(tools.getByRole("button", { name: "trigger-sampling-request", exact: true })).toHaveCount(0);
    await expect(tools.getByRole("button", { name: "get-roots-list", exact: true })).toHaveCount(0);
    await page.getByRole("button", { name: "Initialize handshake" }).click();
    const declared = page.getByLabel("Client capabilities JSON");
    await expect(declared).toContainText("elicitation");
    await expect(declared).not.toContainText("sampling");
    await expect(declared).not.toContainText("roots");
  } finally {
    await http.stop();
    await stopMcpscope(mcpscope);
  }
});
