import { expect, test } from "./mcpscope.js";

test("a new user runs the echo tool through its form and sees the frames in the timeline", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  // The token was swapped for a cookie and removed from the address bar, which now names
  // the session the page shows.
  await expect(page).toHaveURL(/\/sessions\/[^/?]+$/);
  expect(page.url()).not.toContain(mcpscope.token);

  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
  await expect(page.getByRole("banner")).toContainText("2025-11-25");

  const tools = page.getByRole("region", { name: "Tools" });
  await tools.getByRole("button", { name: "echo", exact: true }).click();
  await page.getByLabel("message").fill("hello from playwright");
  await page.getByRole("button", { name: "Run tool" }).click();

  await expect(page.getByRole("region", { name: "Result" })).toContainText("Echo: hello from playwright");

  const timeline = page.getByRole("region", { name: "Timeline" });
  const callRows = timeline.getByRole("row").filter({ hasText: "tools/call" });
  await expect(callRows).toHaveCount(2);
  await callRows.last().click();
  const detail = page.getByRole("region", { name: "Frame detail" });
  await expect(detail).toContainText("Echo: hello from playwright");
});

test("the page without a token explains how to get in", async ({ browser, mcpscope }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(mcpscope.origin + "/");
  await expect(page.getByRole("alert")).toContainText("Not authorized");
  await context.close();
});
