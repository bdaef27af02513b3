import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { fixtureCommand } from "@mcpscope/fixtures";
import { expect, startMcpscope, stopMcpscope, testWithOwnMcpscope, type Mcpscope } from "./mcpscope.js";

// Its own mcpscope: the palette runs tools and switches sessions.
const test = testWithOwnMcpscope();

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function open(page: Page, m: Mcpscope) {
  await page.goto(m.url);
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
}

/** Opens the command palette with Ctrl+K and runs the option named `name` (typed to filter). */
async function runCommand(page: Page, type: string, name: string | RegExp) {
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await palette.getByRole("combobox", { name: "Command palette" }).fill(type);
  await palette.getByRole("listbox", { name: "Commands" }).getByRole("option", { name }).click();
  await expect(palette).toHaveCount(0);
}

test("the command palette opens with Ctrl+K and reaches actions by name, with their shortcuts", async ({ page, mcpscope }) => {
  await open(page, mcpscope);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  const options = palette.getByRole("listbox").getByRole("option");
  await expect(options.filter({ hasText: "Connect to a server…" })).toBeVisible();
  await expect(palette.getByRole("option", { name: "Maximize timeline" })).toHaveAttribute("aria-keyshortcuts", "Control+Backslash");
  await expect(palette.getByRole("option", { name: "Maximize timeline" })).toContainText("Ctrl+\\");
  await expect(palette.getByRole("option", { name: "Collapse sessions column" })).toHaveAttribute("aria-keyshortcuts", "Control+B");
  for (const name of ["Export JSONL", "Share this mcpscope…", "Compare with…", "Theme: Dark", "Show Summary", "Run tool: echo", "Filter by method: tools/list"]) {
    await expect(palette.getByRole("option", { name })).toHaveCount(1);
  }
  await page.keyboard.press("Escape");
  await expect(palette).toHaveCount(0);
  await page.keyboard.press("Control+k");
  await expect(palette).toBeVisible();
  await page.keyboard.press("Control+k");
  await expect(palette).toHaveCount(0);

  // Run tool (select it): the Tool form shows it, and the focus is in it.
  await runCommand(page, "echo", "Run tool: echo");
  await expect(region(page, "Tool form")).toContainText("echo");
  await expect(page.getByLabel("message")).toBeFocused();

  // Jump to a frame by its seq.
  await runCommand(page, "3", "Go to frame #3");
  await expect(page).toHaveURL(/\/frames\/3(\?|$)/);
  await expect(region(page, "Frame detail")).toContainText("#3");

  // Filter by a method.
  await runCommand(page, "tools/list", "Filter by method: tools/list");
  await expect(page.getByRole("search", { name: "Filter frames" }).getByLabel("Method")).toHaveValue("tools/list");
  await expect(page).toHaveURL(/method=tools%2Flist/);
  await runCommand(page, "clear", "Clear filters");
  await expect(page.getByRole("search", { name: "Filter frames" }).getByLabel("Method")).toHaveValue("");

  // Maximize the timeline, and back with the shortcut.
  await runCommand(page, "maxi", "Maximize timeline");
  await expect(region(page, "Sessions")).toBeHidden();
  await expect(page.getByRole("button", { name: "Maximize timeline" })).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/max=1/);
  await page.keyboard.press("Control+Backslash");
  await expect(region(page, "Sessions")).toBeVisible();
  await expect(page).not.toHaveURL(/max=1/);

  // Connect: the Connect form's first field takes the focus; nothing is started.
  await runCommand(page, "connect", "Connect to a server…");
  await expect(page.getByRole("form", { name: "Connect to a server" }).getByLabel("Transport")).toBeFocused();

  // Theme and Share.
  await runCommand(page, "dark", "Theme: Dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await runCommand(page, "share", "Share this mcpscope…");
  await expect(page.getByRole("dialog", { name: "Share this mcpscope" })).toBeVisible();
});

test("the theme switch remembers light, dark or system in this browser", async ({ page, mcpscope }) => {
  await open(page, mcpscope);
  const theme = page.getByRole("combobox", { name: "Theme" });
  await expect(theme).toHaveValue("system");
  await theme.selectOption("Dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Theme" })).toHaveValue("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(darkBg);

  await page.getByRole("combobox", { name: "Theme" }).selectOption("Light");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(darkBg);
  await page.getByRole("combobox", { name: "Theme" }).selectOption("System");
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Theme" })).toHaveValue("system");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
});

test("panes collapse and resize, and keep their sizes across a reload", async ({ page, mcpscope }) => {
  await open(page, mcpscope);
  // Collapse the sessions column to its icon rail: the timeline gets the width.
  const timeline = region(page, "Timeline");
  const before = (await timeline.boundingBox())!.width;
  await region(page, "Sessions").getByRole("button", { name: "Collapse sessions column" }).click();
  const rail = page.getByRole("navigation", { name: "Sessions rail" });
  await expect(rail).toBeVisible();
  await expect(rail.getByRole("button", { name: /^mcp-servers\/everything, ready/ })).toHaveAttribute("aria-current", "true");
  await expect.poll(async () => (await timeline.boundingBox())!.width).toBeGreaterThan(before + 100);

  // Resize the timeline with the keyboard on its separator.
  const separator = page.getByRole("separator", { name: "Resize the timeline" });
  const start = Number(await separator.getAttribute("aria-valuenow"));
  await separator.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => Number(await separator.getAttribute("aria-valuenow"))).toBeLessThan(start);
  const resized = Number(await separator.getAttribute("aria-valuenow"));

  await page.reload();
  await expect(page.getByRole("navigation", { name: "Sessions rail" })).toBeVisible();
  await expect.poll(async () => Number(await page.getByRole("separator", { name: "Resize the timeline" }).getAttribute("aria-valuenow"))).toBeCloseTo(resized, 0);

  // Ctrl+B brings the sessions column back.
  await page.keyboard.press("Control+b");
  await expect(region(page, "Sessions")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Sessions rail" })).toHaveCount(0);
});

test("the timeline takes most of the screen with two drags", async ({ page, mcpscope }) => {
  await open(page, mcpscope);
  const viewport = page.viewportSize()!;
  const drag = async (name: string, toX: number) => {
    const box = (await page.getByRole("separator", { name }).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(toX, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
  };
  await drag("Resize the sessions column", 0);
  await drag("Resize the timeline", 0);
  await expect.poll(async () => (await region(page, "Timeline").boundingBox())!.width).toBeGreaterThan(viewport.width * 0.6);
});

test("sessions are grouped, searchable and prunable with confirmation", async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-prune-"));
  const legacy = fixtureCommand("legacy");
  // An earlier run leaves two recordings behind.
  const earlier = await startMcpscope(["--", legacy.command, ...legacy.args], dataDir);
  const headers = { authorization: `Bearer ${earlier.token}`, "content-type": "application/json" };
  const created = await fetch(`${earlier.origin}/api/sessions`, { method: "POST", headers, body: JSON.stringify({ transport: "stdio", env: {}, ...fixtureCommand("paged") }) });
  expect(created.status).toBe(201);
  await stopMcpscope(earlier);

  const m = await startMcpscope(["--", legacy.command, ...legacy.args], dataDir);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(m.url);
    const sessions = region(page, "Sessions");
    await expect(sessions.getByRole("list", { name: "Live" }).getByRole("button", { name: /, ready, stdio/ })).toHaveCount(1);
    const earlierRuns = sessions.getByRole("list", { name: "Earlier runs" });
    await expect(earlierRuns.getByRole("button", { name: /recorded$/ })).toHaveCount(2);

    // Search narrows every group.
    await sessions.getByRole("searchbox", { name: "Search sessions" }).fill("paged");
    await expect(earlierRuns.getByRole("button", { name: /recorded$/ })).toHaveCount(1);
    await expect(sessions.getByRole("list", { name: "Live" })).toHaveCount(0);
    await sessions.getByRole("searchbox", { name: "Search sessions" }).fill("");

    // Prune: pick one, confirm, and it is gone (from the page and the proxy).
    await sessions.getByRole("button", { name: "Prune…" }).click();
    const label = (await earlierRuns.getByRole("button", { name: /^paged-fixture.*recorded$/ }).getAttribute("aria-label"))!.split(",")[0]!;
    await sessions.getByRole("checkbox", { name: `Pick ${label}` }).check();
    await sessions.getByRole("button", { name: "Delete picked (1)" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete 1 session?" });
    await expect(confirm).toContainText("cannot be undone");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(earlierRuns.getByRole("button", { name: /recorded$/ })).toHaveCount(2);
    await sessions.getByRole("button", { name: "Delete picked (1)" }).click();
    await page.getByRole("alertdialog", { name: "Delete 1 session?" }).getByRole("button", { name: "Delete 1 session" }).click();
    await expect(earlierRuns.getByRole("button", { name: /recorded$/ })).toHaveCount(1);
    await expect(sessions.getByRole("status").filter({ hasText: "Deleted 1 session." })).toBeVisible();
    const left = (await (await fetch(`${m.origin}/api/sessions`, { headers: { authorization: `Bearer ${m.token}` } })).json()) as Array<{ serverInfo?: { name: string } }>;
    expect(left.map((s) => s.serverInfo?.name)).not.toContain("paged-fixture");

    // "Older than" finds nothing this young: it says so and deletes nothing.
    await sessions.getByLabel("Older than").selectOption("1 day");
    await sessions.getByRole("button", { name: "Delete older…" }).click();
    const none = page.getByRole("alertdialog", { name: "Delete 0 sessions?" });
    await expect(none).toContainText("nothing to delete");
    await none.getByRole("button", { name: "Cancel" }).click();
    await expect(earlierRuns.getByRole("button", { name: /recorded$/ })).toHaveCount(1);
  } finally {
    await context.close();
    await stopMcpscope(m);
  }
});
