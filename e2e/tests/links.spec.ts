import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, startMcpscope, stopMcpscope, testWithOwnMcpscope, type Mcpscope } from "./mcpscope.js";

// Its own mcpscope: these tests run tools and restart the server.
const test = testWithOwnMcpscope();

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function open(page: Page, m: Mcpscope) {
  await page.goto(m.url);
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
}

async function sessionsJson(m: Mcpscope): Promise<Array<{ id: string; status: string; previousId?: string }>> {
  const res = await fetch(`${m.origin}/api/sessions`, { headers: { authorization: `Bearer ${m.token}` } });
  return (await res.json()) as Array<{ id: string; status: string }>;
}

/** A new browser (no cookie) opening `url` with `?token=` appended, as a colleague given the link and the token would. */
async function openInFreshBrowser(browser: Browser, m: Mcpscope, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}${url.includes("?") ? "&" : "?"}token=${m.token}`);
  return { context, page };
}

test("a link copied from the address bar reopens the same tool, frame and filter in a fresh browser", async ({ page, browser, mcpscope }) => {
  await open(page, mcpscope);
  await region(page, "Tools").getByRole("button", { name: "echo", exact: true }).click();
  await expect(page).toHaveURL(/\/sessions\/[^/?]+\?tool=echo$/);
  await page.getByLabel("message").fill("linked");
  await page.getByRole("button", { name: "Run tool" }).click();
  await expect(region(page, "Result")).toContainText("Echo: linked");

  await page.getByRole("search", { name: "Filter frames" }).getByLabel("Method").fill("tools/call");
  await expect(page).toHaveURL(/method=tools%2Fcall/);
  const calls = region(page, "Timeline").getByRole("row").filter({ hasText: "tools/call" });
  await expect(calls).toHaveCount(2);
  await calls.last().click();
  await expect(page).toHaveURL(/\/sessions\/[^/]+\/frames\/\d+\?tool=echo&method=tools%2Fcall$/);
  const link = page.url();
  const seq = /\/frames\/(\d+)/.exec(link)![1]!;

  // Another browser, with the token appended: it logs in and lands on the view, not on /.
  const fresh = await openInFreshBrowser(browser, mcpscope, link);
  try {
    const other = fresh.page;
    await expect(other).toHaveURL(link);
    expect(other.url()).not.toContain(mcpscope.token);
    await expect(region(other, "Tool form")).toContainText("echo");
    await expect(other.getByRole("search", { name: "Filter frames" }).getByLabel("Method")).toHaveValue("tools/call");
    await expect(region(other, "Frame detail")).toContainText(`#${seq}`);
    await expect(region(other, "Frame detail")).toContainText("Echo: linked");
    await expect(region(other, "Timeline").getByRole("row", { selected: true })).toContainText(seq);

    // The same browser, already holding the cookie, opens a link without the token.
    await other.goto(`${mcpscope.origin}/sessions/${/\/sessions\/([^/]+)/.exec(link)![1]}?view=summary`);
    await expect(other.getByRole("tab", { name: "Summary" })).toHaveAttribute("aria-selected", "true");
    await expect(region(other, "Timeline").getByRole("table")).toContainText("tools/call");
  } finally {
    await fresh.context.close();
  }
});

test("back and forward walk the views; reload keeps the one shown", async ({ page, mcpscope }) => {
  await open(page, mcpscope);
  const features = page.getByRole("tablist", { name: "Server features" });
  await features.getByRole("tab", { name: "Resources" }).click();
  await expect(page).toHaveURL(/pane=resources/);
  await region(page, "Resources").getByRole("button", { name: "architecture.md", exact: true }).click();
  await expect(page).toHaveURL(/resource=demo%3A%2F%2F/);
  await expect(region(page, "Resource contents")).toContainText("Everything Server – Architecture");
  await page.getByRole("tab", { name: "Spans" }).click();
  await expect(page).toHaveURL(/view=spans/);

  await page.goBack();
  await expect(page.getByRole("tab", { name: "Frames" })).toHaveAttribute("aria-selected", "true");
  await expect(region(page, "Resource contents")).toContainText("Everything Server – Architecture");
  await page.goBack();
  await expect(region(page, "Resource details")).toContainText("No resource selected");
  await expect(features.getByRole("tab", { name: "Resources" })).toHaveAttribute("aria-selected", "true");
  await page.goBack();
  await expect(features.getByRole("tab", { name: "Tools" })).toHaveAttribute("aria-selected", "true");

  await page.goForward();
  await page.goForward();
  await page.goForward();
  await expect(page.getByRole("tab", { name: "Spans" })).toHaveAttribute("aria-selected", "true");
  await page.reload();
  await expect(page.getByRole("tab", { name: "Spans" })).toHaveAttribute("aria-selected", "true");
  await expect(features.getByRole("tab", { name: "Resources" })).toHaveAttribute("aria-selected", "true");
  await expect(region(page, "Resource contents")).toContainText("Everything Server – Architecture");
});

test("the comparison shown is in the URL: closing it is a step back can undo", async ({ page, mcpscope }) => {
  await open(page, mcpscope);
  const [first] = await sessionsJson(mcpscope);
  await page.getByRole("banner").getByRole("button", { name: "Restart" }).click();
  await expect.poll(async () => (await sessionsJson(mcpscope)).some((s) => s.previousId === first!.id && s.status === "ready")).toBe(true);
  const second = (await sessionsJson(mcpscope)).find((s) => s.previousId === first!.id)!;

  await page.goto(`${mcpscope.origin}/sessions/${second.id}?compare=${first!.id}`);
  const dialog = page.getByRole("dialog", { name: "Compare sessions" });
  await expect(dialog.getByRole("region", { name: "Session diff" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/sessions/${second.id}$`));
  await page.goBack();
  await expect(page.getByRole("dialog", { name: "Compare sessions" }).getByRole("region", { name: "Session diff" })).toBeVisible();
});

test("a link to a session this mcpscope does not have says so and shows another", async ({ page, mcpscope }) => {
  await open(page, mcpscope);
  await page.goto(`${mcpscope.origin}/sessions/no-such-session/frames/3?tool=echo`);
  await expect(page.getByRole("alert").filter({ hasText: "No session “no-such-session” here." })).toBeVisible();
  await expect(page).toHaveURL(/\/sessions\/(?!no-such-session)[^/?]+/);
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
});

test("visiting links never starts a process or connects: a link can only select", async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-links-"));
  const marker = join(dir, "started");
  const config = join(dir, "mcp.json");
  // Starting this server (or any process from its entry) would create the marker file.
  const script = `require("fs").writeFileSync(${JSON.stringify(marker)}, "started")`;
  writeFileSync(config, JSON.stringify({ mcpServers: { marker: { command: process.execPath, args: ["-e", script] }, other: { type: "http", url: "http://127.0.0.1:9/mcp" } } }));
  const m = await startMcpscope(["--config", config]);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(m.url);
    const links = [
      "/?server=marker",
      "/sessions/marker?server=marker&tool=echo&pane=prompts",
      "/sessions/x/frames/1?server=other&compare=marker",
      `/?server=marker&command=${encodeURIComponent(process.execPath)}&url=${encodeURIComponent("http://127.0.0.1:9/mcp")}&transport=stdio&connect=1`,
      `/sessions/marker?server=marker&token=${m.token}`,
    ];
    for (const link of links) {
      await page.goto(m.origin + link);
      const servers = page.getByRole("region", { name: "Configured servers" });
      await expect(servers.getByRole("listitem").filter({ hasText: /marker|other/ }).first()).toBeVisible();
    }
    // The last link highlighted "marker" in the list: selected, not connected.
    await expect(page.getByRole("region", { name: "Configured servers" }).locator("[aria-current=true]")).toContainText("marker");
    await expect(page).toHaveURL(`${m.origin}/?server=marker`);
    expect(await sessionsJson(m)).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  } finally {
    await context.close();
    await stopMcpscope(m);
  }
});
