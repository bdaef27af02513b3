import type { Page } from "@playwright/test";
import { fixtureCommand } from "@mcpscope/fixtures";
import { expect, startMcpscope, stopMcpscope, test, type Mcpscope } from "./mcpscope.js";

// Its own mcpscope rather than the worker's: these tests call tools and change the
// server's lists, which other spec files must not see.
let mcpscope: Mcpscope;
test.beforeAll(async () => {
  mcpscope = await startMcpscope();
});
test.afterAll(async () => {
  await stopMcpscope(mcpscope);
});

/** Opens the page and switches the sidebar to a feature tab. */
async function openTab(page: Page, mcpscope: Mcpscope, name: "Tools" | "Resources" | "Prompts" | "Tasks") {
  await page.goto(mcpscope.url);
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
  await selectTab(page, name);
}

async function selectTab(page: Page, name: string) {
  const tab = page.getByRole("tablist", { name: "Server features" }).getByRole("tab", { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
}

/** Runs a tool through the Tools tab's form (no arguments to fill). */
async function runTool(page: Page, name: string, resultText: string) {
  await selectTab(page, "Tools");
  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name, exact: true }).click();
  await page.getByRole("button", { name: "Run tool" }).click();
  await expect(page.getByRole("region", { name: "Result" })).toContainText(resultText);
}

/** Calls a tool over the REST API, as a script would, to make the server change its lists. */
async function callTool(mcpscope: Mcpscope, name: string, args: Record<string, unknown>) {
  const headers = { authorization: `Bearer ${mcpscope.token}`, "content-type": "application/json" };
  const sessions = (await (await fetch(`${mcpscope.origin}/api/sessions`, { headers })).json()) as Array<{ id: string; status: string }>;
  const id = sessions.find((s) => s.status === "ready")!.id;
  const res = await fetch(`${mcpscope.origin}/api/sessions/${id}/requests`, { method: "POST", headers, body: JSON.stringify({ method: "tools/call", params: { name, arguments: args } }) });
  expect(res.status).toBe(200);
}

test("the sidebar tabs follow the server's capabilities and the arrow keys", async ({ page }) => {
  await openTab(page, mcpscope, "Tools");
  const tablist = page.getByRole("tablist", { name: "Server features" });
  await expect(tablist.getByRole("tab")).toHaveText(["Tools", "Resources", "Prompts", "Tasks", "Collections"]);
  await expect(page.getByRole("region", { name: "Tools" })).toBeVisible();
  await tablist.getByRole("tab", { name: "Tools" }).press("ArrowRight");
  await expect(tablist.getByRole("tab", { name: "Resources" })).toBeFocused();
  await expect(tablist.getByRole("tab", { name: "Resources" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "Resources" }).getByRole("region", { name: "Resources" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Tools" })).toBeHidden();
  await page.keyboard.press("End");
  await expect(tablist.getByRole("tab", { name: "Collections" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowRight");
  await expect(tablist.getByRole("tab", { name: "Tools" })).toHaveAttribute("aria-selected", "true");
});

test("a server that declares only tools gets the Tools tab and mcpscope's Collections, nothing else", async ({ page }) => {
  const legacy = fixtureCommand("legacy");
  const m = await startMcpscope(["--", legacy.command, ...legacy.args]);
  try {
    await page.goto(m.url);
    await expect(page.getByRole("banner")).toContainText("legacy-fixture");
    await expect(page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "echo", exact: true })).toBeVisible();
    await expect(page.getByRole("tablist", { name: "Server features" }).getByRole("tab")).toHaveText(["Tools", "Collections"]);
    await expect(page.getByRole("tab", { name: "Resources" })).toHaveCount(0);
  } finally {
    await stopMcpscope(m);
  }
});

test("paginated lists load page by page with Load more; a server without templates says so", async ({ page }) => {
  const paged = fixtureCommand("paged");
  const m = await startMcpscope(["--", paged.command, ...paged.args]);
  try {
    await page.goto(m.url);
    await expect(page.getByRole("banner")).toContainText("paged-fixture");
    await expect(page.getByRole("tablist", { name: "Server features" }).getByRole("tab")).toHaveText(["Resources", "Prompts", "Collections"]);
    const list = page.getByRole("region", { name: "Resources" });
    await expect(list.getByRole("listitem")).toHaveCount(10);
    await expect(list).toContainText("10 resources loaded; the server has more.");
    await list.getByRole("button", { name: "Load more" }).click();
    await expect(list.getByRole("listitem")).toHaveCount(20);
    await list.getByRole("button", { name: "Load more" }).click();
    await expect(list.getByRole("listitem")).toHaveCount(25);
    await expect(list.getByRole("button", { name: "Load more" })).toHaveCount(0);
    await list.getByRole("button", { name: "item-23", exact: true }).click();
    await expect(page.getByRole("region", { name: "Resource contents" })).toContainText("Item 23");
    await expect(page.getByRole("region", { name: "Resource templates" })).toContainText("The server has no resource templates");

    await selectTab(page, "Prompts");
    const prompts = page.getByRole("region", { name: "Prompts" });
    await expect(prompts.getByRole("listitem")).toHaveCount(5);
    await prompts.getByRole("button", { name: "Load more" }).click();
    await prompts.getByRole("button", { name: "Load more" }).click();
    await expect(prompts.getByRole("listitem")).toHaveCount(12);
  } finally {
    await stopMcpscope(m);
  }
});

test("lists resources and reads one: its text is shown", async ({ page }) => {
  await openTab(page, mcpscope, "Resources");
  const list = page.getByRole("region", { name: "Resources" });
  await list.getByRole("button", { name: "architecture.md", exact: true }).click();
  await expect(page.getByRole("region", { name: "Resource details" })).toContainText("demo://resource/static/document/architecture.md");
  const contents = page.getByRole("region", { name: "Resource contents" });
  await expect(contents).toContainText("Everything Server – Architecture");
  await expect(contents).toContainText("text/markdown");
});

test("expands a resource template from its variables and reads the resource", async ({ page }) => {
  await openTab(page, mcpscope, "Resources");
  await page.getByRole("region", { name: "Resource templates" }).getByRole("button", { name: "Dynamic Text Resource" }).click();
  const form = page.getByRole("region", { name: "Resource details" });
  await expect(form).toContainText("demo://resource/dynamic/text/{resourceId}");
  await form.getByLabel("resourceId").fill("7");
  await expect(form.getByRole("status", { name: "Expanded URI" })).toHaveText("demo://resource/dynamic/text/7");
  await form.getByRole("button", { name: "Read resource" }).click();
  await expect(page.getByRole("region", { name: "Resource contents" })).toContainText("Resource 7: This is a plaintext resource");
});

test("gets a prompt with its arguments filled in and shows its messages", async ({ page }) => {
  await openTab(page, mcpscope, "Prompts");
  await page.getByRole("region", { name: "Prompts" }).getByRole("button", { name: "args-prompt", exact: true }).click();
  const form = page.getByRole("region", { name: "Prompt form" });
  await form.getByRole("textbox", { name: "city" }).fill("Paris");
  await form.getByRole("textbox", { name: "state" }).fill("Texas");
  await form.getByRole("button", { name: "Get prompt" }).click();
  const messages = page.getByRole("region", { name: "Prompt messages" });
  await expect(messages.getByRole("listitem")).toHaveCount(1);
  await expect(messages.getByRole("listitem")).toContainText("user");
  await expect(messages).toContainText("What's weather in Paris, Texas?");
  // The messages survive a visit to another tab.
  await selectTab(page, "Resources");
  await selectTab(page, "Prompts");
  await expect(page.getByRole("region", { name: "Prompt messages" })).toContainText("What's weather in Paris, Texas?");
});

test("a prompt's required argument left empty is flagged, not sent", async ({ page }) => {
  await openTab(page, mcpscope, "Prompts");
  await page.getByRole("region", { name: "Prompts" }).getByRole("button", { name: "args-prompt", exact: true }).click();
  const form = page.getByRole("region", { name: "Prompt form" });
  await form.getByRole("button", { name: "Get prompt" }).click();
  await expect(form).toContainText("is a required property");
  await expect(page.getByRole("region", { name: "Prompt messages" })).toContainText("Get a prompt to see its messages here.");
});

test("a subscribed resource is marked updated when the server says so, and re-read", async ({ page }) => {
  await openTab(page, mcpscope, "Resources");
  const list = page.getByRole("region", { name: "Resources" });
  await list.getByRole("button", { name: "Subscribe to features.md" }).click();
  await expect(list.getByRole("button", { name: "Unsubscribe from features.md" })).toBeVisible();
  // The subscription is read from the wire, so a reload keeps it.
  await page.reload();
  await selectTab(page, "Resources");
  await expect(list.getByRole("button", { name: "Unsubscribe from features.md" })).toBeVisible();
  await runTool(page, "toggle-subscriber-updates", "Started simulated resource updated");
  let updating = true;
  try {
    await selectTab(page, "Resources");
    const item = list.getByRole("listitem").filter({ has: page.getByRole("button", { name: "features.md", exact: true }) });
    await expect(item).toContainText("updated", { timeout: 20_000 });
    // Other resources were not subscribed: no mark.
    await expect(list.getByRole("listitem").filter({ hasText: "architecture.md" })).not.toContainText("updated");
    await item.getByRole("button", { name: "features.md", exact: true }).click();
    const contents = page.getByRole("region", { name: "Resource contents" });
    // Opening it reads it, and an answered read clears the mark: the next update (every 5 s)
    // marks it again.
    await expect(contents).toContainText("Read at");
    await expect(contents.getByRole("status")).toContainText("reported this resource updated", { timeout: 20_000 });

    // Stop the updates (every 5 s) so none lands between Re-read and the check.
    await runTool(page, "toggle-subscriber-updates", "Stopped simulated resource updates");
    updating = false;
    await selectTab(page, "Resources");
    await expect(contents.getByRole("status")).toContainText("reported this resource updated");
    await contents.getByRole("button", { name: "Re-read" }).click();
    await expect(contents.getByRole("status")).toHaveCount(0);
    await expect(item).not.toContainText("updated");
    await list.getByRole("button", { name: "Unsubscribe from features.md" }).click();
    await expect(list.getByRole("button", { name: "Subscribe to features.md" })).toBeVisible();
  } finally {
    if (updating) await runTool(page, "toggle-subscriber-updates", "Stopped simulated resource updates");
  }
});

test("runs a tool as a task, follows it to completed and gets its result", async ({ page }) => {
  await openTab(page, mcpscope, "Tools");
  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "simulate-research-query", exact: true }).click();
  const hint = page.getByRole("note").filter({ hasText: "runs only as a task" });
  await hint.getByRole("button", { name: "Run as task…" }).click();
  await expect(page.getByRole("tab", { name: "Tasks" })).toHaveAttribute("aria-selected", "true");
  const form = page.getByRole("region", { name: "Run as task" });
  await expect(form.getByLabel("Tool")).toHaveValue("simulate-research-query");
  await form.getByRole("textbox", { name: "topic" }).fill("mcpscope e2e");
  await form.getByRole("button", { name: "Run as task" }).click();
  const task = page.getByRole("region", { name: "Task details" });
  await expect(task.getByRole("status", { name: "Task status" })).toHaveText("working");
  await expect(task.getByRole("status", { name: "Task status" })).toHaveText("completed", { timeout: 30_000 });
  const listed = page.getByRole("region", { name: "Tasks" }).getByRole("listitem").filter({ hasText: "simulate-research-query" });
  await expect(listed).toContainText("completed");
  await task.getByRole("button", { name: "Get result" }).click();
  await expect(task).toContainText("mcpscope e2e");
  await expect(task).toContainText("Success");
});

test("cancels a running task: tasks/cancel ends it as cancelled", async ({ page }) => {
  await openTab(page, mcpscope, "Tasks");
  const form = page.getByRole("region", { name: "Run as task" });
  await form.getByLabel("Tool").selectOption("simulate-research-query");
  await form.getByRole("textbox", { name: "topic" }).fill("to be cancelled");
  await form.getByRole("button", { name: "Run as task" }).click();
  const task = page.getByRole("region", { name: "Task details" });
  await expect(task.getByRole("status", { name: "Task status" })).toHaveText("working");
  await task.getByRole("button", { name: "Cancel" }).click();
  await expect(task.getByRole("status", { name: "Task status" })).toHaveText("cancelled");
  await expect(task.getByRole("button", { name: "Cancel" })).toHaveCount(0);
});

test("a resources/list_changed refreshes the list, or with auto-refresh off offers Refresh", async ({ page }) => {
  await openTab(page, mcpscope, "Resources");
  const list = page.getByRole("region", { name: "Resources" });
  await expect(list.getByRole("button", { name: "architecture.md", exact: true })).toBeVisible();

  await page.getByRole("checkbox", { name: "Auto-refresh lists" }).uncheck();
  await callTool(mcpscope, "gzip-file-as-resource", { name: "manual.txt.gz", data: "data:text/plain;base64,aGVsbG8gbWNwc2NvcGU=", outputType: "resourceLink" });
  const notice = page.getByRole("status").filter({ hasText: "resources list changed" });
  await expect(notice).toBeVisible();
  await expect(list.getByRole("button", { name: "manual.txt.gz", exact: true })).toHaveCount(0);
  // The pane's own Refresh fetches the list again, which answers the notice too.
  await list.getByRole("button", { name: "Refresh" }).click();
  await expect(list.getByRole("button", { name: "manual.txt.gz", exact: true })).toBeVisible();
  await expect(notice).toHaveCount(0);

  await callTool(mcpscope, "gzip-file-as-resource", { name: "manual2.txt.gz", data: "data:text/plain;base64,aGk=", outputType: "resourceLink" });
  await expect(notice).toBeVisible();
  await notice.getByRole("button", { name: "Refresh" }).click();
  await expect(list.getByRole("button", { name: "manual2.txt.gz", exact: true })).toBeVisible();
  await expect(notice).toHaveCount(0);

  await page.getByRole("checkbox", { name: "Auto-refresh lists" }).check();
  await callTool(mcpscope, "gzip-file-as-resource", { name: "auto.txt.gz", data: "data:text/plain;base64,aGVsbG8=", outputType: "resourceLink" });
  await expect(list.getByRole("button", { name: "auto.txt.gz", exact: true })).toBeVisible();

  // A blob resource shows its size, MIME type and a download link.
  await list.getByRole("button", { name: "auto.txt.gz", exact: true }).click();
  const contents = page.getByRole("region", { name: "Resource contents" });
  await expect(contents).toContainText("application/gzip");
  await expect(contents).toContainText(/Binary, \d+ bytes/);
  await expect(contents.getByRole("link", { name: "Download auto.txt.gz" })).toHaveAttribute("download", "auto.txt.gz");
});
