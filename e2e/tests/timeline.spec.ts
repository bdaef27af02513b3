import type { Page } from "@playwright/test";
import { expect, test } from "./mcpscope.js";

async function openTool(page: Page, url: string, name: string) {
  await page.goto(url);
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name, exact: true }).click();
}

async function runLongOperation(page: Page, duration: number, steps: number) {
  await page.getByLabel("duration", { exact: true }).fill(String(duration));
  await page.getByLabel("steps", { exact: true }).fill(String(steps));
  await page.getByRole("button", { name: "Run tool" }).click();
}

test("a long operation shows live progress up to completion, grouped under its request", async ({ page, mcpscope }) => {
  await openTool(page, mcpscope.url, "trigger-long-running-operation");
  await runLongOperation(page, 3, 5);

  const result = page.getByRole("region", { name: "Result" });
  const bar = result.getByRole("progressbar", { name: "Tool progress" });
  await expect(bar).toHaveAttribute("aria-valuemax", "5");
  // It moves: an intermediate step is seen before the run ends.
  await expect(bar).toHaveAttribute("aria-valuenow", /^[1-4]$/);
  await expect(bar).toHaveAttribute("aria-valuenow", "5");
  await expect(result).toContainText("Long running operation completed");

  // The request row carries its progress notifications; the detail lists them.
  const timeline = page.getByRole("region", { name: "Timeline" });
  const requestRow = timeline.getByRole("row").filter({ hasText: "tools/call" }).filter({ hasText: "5 progress" });
  await requestRow.click();
  const detail = page.getByRole("region", { name: "Frame detail" });
  await expect(detail.getByRole("list", { name: "Progress notifications" }).getByRole("listitem")).toHaveCount(5);
  await detail.getByRole("button", { name: "Go to response" }).click();
  await expect(detail).toContainText("Long running operation completed");

  // The per-method summary counts the call; the span view draws it.
  await timeline.getByRole("tab", { name: "Summary" }).click();
  const summary = timeline.getByRole("table", { name: "Per-method summary" });
  // The worker's mcpscope is shared with other tests: counts are at least this run's.
  await expect(summary.getByRole("row").filter({ hasText: "tools/call" }).getByRole("cell").nth(1)).toHaveText(/^[1-9]\d*$/);
  await expect(summary.getByRole("row").filter({ hasText: "notifications/progress" }).getByRole("cell").nth(1)).toHaveText(/^([5-9]|\d\d+)$/);
  await timeline.getByRole("tab", { name: "Spans" }).click();
  await expect(timeline.getByRole("img", { name: /Span waterfall: \d+ requests/ })).toBeVisible();
  await timeline.getByRole("button", { name: "Zoom in" }).click();
  await expect(timeline.getByRole("button", { name: "Fit" })).toHaveAttribute("aria-pressed", "false");
  await timeline.getByRole("button", { name: "Fit" }).click();
  await expect(timeline.getByRole("button", { name: "Fit" })).toHaveAttribute("aria-pressed", "true");
});

test("cancelling a running tool sends notifications/cancelled and the call ends with -32800", async ({ page, mcpscope }) => {
  await openTool(page, mcpscope.url, "trigger-long-running-operation");
  await runLongOperation(page, 30, 30);

  const result = page.getByRole("region", { name: "Result" });
  const bar = result.getByRole("progressbar", { name: "Tool progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", /^[1-9]/);
  // The timeline shows the request in flight with its own cancel button.
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("button", { name: /^Cancel request \d+$/ })).toBeVisible();

  await result.getByRole("button", { name: "Cancel request", exact: true }).click();
  await expect(result).toContainText("Protocol error -32800");
  await expect(result).toContainText("Cancelled");

  // Filter the timeline down to the cancellation and read it in the detail.
  const filters = timeline.getByRole("search", { name: "Filter frames" });
  await filters.getByLabel("Method").fill("cancelled");
  const cancelRow = timeline.getByRole("row").filter({ hasText: "notifications/cancelled" });
  await expect(cancelRow).toHaveCount(1);
  await expect(filters.getByRole("status")).toContainText("1 match");
  await cancelRow.click();
  const detail = page.getByRole("region", { name: "Frame detail" });
  await expect(detail).toContainText("Cancels request");
  await detail.getByRole("button", { name: "Pin frame" }).click();
  await expect(timeline.getByRole("list", { name: "Pinned frames" }).getByRole("listitem")).toHaveCount(1);
  await detail.getByRole("button", { name: "Go to cancelled request" }).click();
  await expect(detail).toContainText("trigger-long-running-operation");
  await expect(detail.getByText("Cancelled", { exact: true })).toBeVisible();
  await filters.getByRole("button", { name: "Clear filters" }).click();
  await expect(timeline.getByRole("button", { name: /^Cancel request \d+$/ })).toHaveCount(0);
});

test("setting the log level shows the server's log messages in the console", async ({ page, mcpscope }) => {
  await openTool(page, mcpscope.url, "toggle-simulated-logging");
  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline.getByRole("tab", { name: "Console" }).click();
  await timeline.getByLabel("Log level").selectOption("debug");
  await expect(timeline.getByRole("status")).toContainText("Log level set to debug");

  await page.getByRole("button", { name: "Run tool" }).click();
  await expect(page.getByRole("region", { name: "Result" })).toContainText("Started simulated");
  const lines = timeline.getByRole("list", { name: "Console messages" }).getByRole("listitem");
  await expect(lines.filter({ hasText: /level message|level-message/i }).first()).toBeVisible();

  // Stop the simulation, then find the same frames in the Frames tab.
  await page.getByRole("button", { name: "Run tool" }).click();
  await expect(page.getByRole("region", { name: "Result" })).toContainText("Stopped simulated");
  await timeline.getByRole("tab", { name: "Frames" }).click();
  await timeline.getByRole("search", { name: "Filter frames" }).getByLabel("Method").fill("notifications/message");
  await expect(timeline.getByRole("row").filter({ hasText: "notifications/message" }).first()).toBeVisible();
});

test("a raw message from the composer is answered in the timeline; settings save", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline.getByRole("tab", { name: "Composer" }).click();
  const raw = timeline.getByLabel("Raw message", { exact: true });
  await expect(raw).toHaveValue(/"raw-1"/);
  await timeline.getByRole("button", { name: "Send raw message" }).click();
  await expect(timeline.getByRole("status")).toContainText("Answer: frame #");
  const detail = page.getByRole("region", { name: "Frame detail" });
  await expect(detail).toContainText('"raw-1"');
  await expect(detail).toContainText("response");
  await expect(raw).toHaveValue(/"raw-2"/);

  // Invalid text is sent as is and recorded as an invalid frame.
  await raw.fill("{not json");
  await timeline.getByRole("button", { name: "Send raw message" }).click();
  await expect(timeline.getByRole("status")).toContainText("Waiting for an answer");
  await expect(detail).toContainText("{not json");

  await timeline.getByRole("tab", { name: "Settings" }).click();
  await timeline.getByLabel("Request timeout (ms)").fill("45000");
  await timeline.getByLabel("Reset timeout on progress").uncheck();
  await timeline.getByLabel("Max total timeout (ms)").fill("120000");
  await timeline.getByRole("button", { name: "Save settings" }).click();
  await expect(timeline.getByRole("status")).toContainText("Settings saved");
  await expect(timeline).toContainText("Current: timeout 45000 ms, not reset on progress, max total 120000 ms");
});

test("the frames grid follows the newest frame until scrolled up, and Follow brings it back", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
  const headers = { authorization: `Bearer ${mcpscope.token}`, "content-type": "application/json" };
  const sessions = (await (await fetch(`${mcpscope.origin}/api/sessions`, { headers })).json()) as Array<{ id: string; status: string }>;
  const session = sessions.filter((s) => s.status === "ready").at(-1)!;
  const echo = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const body = JSON.stringify({ method: "tools/call", params: { name: "echo", arguments: { message: `follow ${i}` } } });
      await fetch(`${mcpscope.origin}/api/sessions/${session.id}/requests`, { method: "POST", headers, body });
    }
    return ((await (await fetch(`${mcpscope.origin}/api/sessions/${session.id}`, { headers })).json()) as { lastSeq: number }).lastSeq;
  };
  const timeline = page.getByRole("region", { name: "Timeline" });
  const grid = timeline.getByRole("grid", { name: "Frames" });
  const follow = timeline.getByRole("button", { name: "Follow new frames" });
  const row = (seq: number) => grid.locator(`#frame-row-${seq}`);
  // The session is shared with other tests (and the server sends notifications of its own):
  // frames may keep arriving, so "the newest" is read from the grid each time.
  const rowCount = async () => Number(await grid.getAttribute("aria-rowcount"));
  const newestInView = () =>
    grid.evaluate((el) => {
      const newest = el.querySelector(`[aria-rowindex="${el.getAttribute("aria-rowcount")}"]`);
      const box = el.querySelector(".frames-scroll")!.getBoundingClientRect();
      const b = newest?.getBoundingClientRect();
      return Boolean(b && b.top >= box.top - 1 && b.bottom <= box.bottom + 1);
    });

  // Following: every batch of new frames scrolls the newest into view.
  let last = await echo(40);
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await expect.poll(rowCount).toBeGreaterThanOrEqual(last + 1);
  await expect.poll(newestInView).toBe(true);

  // Scrolled up by hand: following stops, and new frames leave the view where it is.
  await grid.hover();
  await page.mouse.wheel(0, -600);
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  // A row in the middle of what is on screen now (rows above and below it are rendered too).
  const shown = await grid.evaluate((el) => {
    const box = el.querySelector(".frames-scroll")!.getBoundingClientRect();
    const inView = Array.from(el.querySelectorAll(".frames-body [role=row]")).filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= box.top && b.bottom <= box.bottom;
    });
    return inView[Math.floor(inView.length / 2)]!.id;
  });
  last = await echo(10);
  await expect.poll(rowCount).toBeGreaterThanOrEqual(last + 1);
  await expect(row(last)).toHaveCount(0);
  expect(await newestInView()).toBe(false);
  await expect(grid.locator(`#${shown}`)).toBeInViewport();

  // Follow again: straight to the newest frame.
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await expect.poll(newestInView).toBe(true);
});
