import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { expect, testWithOwnMcpscope } from "./mcpscope.js";

// Its own mcpscope and data directory: this file writes a collection.
const test = testWithOwnMcpscope();
const CLI = fileURLToPath(new URL("../../apps/proxy/bin/mcpscope.mjs", import.meta.url));

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function runEcho(page: Page, message: string) {
  await region(page, "Tools").getByRole("button", { name: "echo", exact: true }).click();
  await page.getByLabel("message").fill(message);
  await page.getByRole("button", { name: "Run tool" }).click();
  await expect(region(page, "Result")).toContainText(`Echo: ${message}`);
}

test("Save → the collection is listed → Run all → a verdict per item, and the file gates CI with mcpscope run", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runEcho(page, "hello collections");

  // 1. A tool result, saved to a new collection with "text contains" (pre-filled with its text).
  await region(page, "Result").getByRole("button", { name: "Save to collection…" }).click();
  let dialog = page.getByRole("dialog", { name: "Save to collection" });
  await expect(dialog.getByRole("combobox", { name: "Collection" })).toHaveValue(/new/);
  await dialog.getByLabel("New collection name").fill("Smoke tests");
  await expect(dialog).toContainText("Saved as smoke-tests.json");
  await expect(dialog.getByLabel("Item name")).toHaveValue("echo");
  await expect(dialog.getByRole("checkbox", { name: "No error (no JSON-RPC error, no isError)" })).toBeChecked();
  await dialog.getByRole("checkbox", { name: "Text contains" }).check();
  await expect(dialog.getByLabel("Text the result must contain")).toHaveValue("Echo: hello collections");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Saved “echo” to Smoke tests.");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // 2. The same result again, with an assertion that cannot hold: a failing item.
  await region(page, "Result").getByRole("button", { name: "Save to collection…" }).click();
  dialog = page.getByRole("dialog", { name: "Save to collection" });
  await expect(dialog.getByRole("combobox", { name: "Collection" })).toHaveValue("smoke-tests");
  await dialog.getByLabel("Item name").fill("echo says goodbye");
  await dialog.getByRole("checkbox", { name: "Text contains" }).check();
  await dialog.getByLabel("Text the result must contain").fill("goodbye");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("status")).toContainText("Saved “echo says goodbye”");
  await dialog.getByRole("button", { name: "Close" }).click();

  // 3. A request frame from the timeline, with "result equals this result".
  const calls = region(page, "Timeline").getByRole("row").filter({ hasText: "tools/call" });
  await calls.first().click();
  const detail = region(page, "Frame detail");
  await expect(detail).toContainText("request");
  await detail.getByRole("button", { name: "Save to collection…" }).click();
  dialog = page.getByRole("dialog", { name: "Save to collection" });
  await dialog.getByLabel("Item name").fill("echo from the timeline");
  await dialog.getByRole("checkbox", { name: "Result equals this result" }).check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("status")).toContainText("Saved “echo from the timeline”");
  await dialog.getByRole("button", { name: "Close" }).click();

  // 4. The Collections tab lists it; the link names it.
  await page.getByRole("tab", { name: "Collections" }).click();
  const list = region(page, "Collections");
  await expect(list.getByRole("button", { name: "Smoke tests" })).toBeVisible();
  await expect(list).toContainText("3 items · smoke-tests.json");
  await list.getByRole("button", { name: "Smoke tests" }).click();
  await expect(page).toHaveURL(/[?&]pane=collections&.*\bcollection=smoke-tests\b/);
  const panel = region(page, "Collection");
  await expect(panel.getByRole("heading", { name: "Smoke tests" })).toBeVisible();
  await expect(panel.getByRole("article")).toHaveCount(3);

  // 5. Run all: a verdict per item, with why.
  await panel.getByRole("button", { name: "Run all" }).click();
  await expect(panel.getByRole("status")).toHaveText("2 passed, 1 failed");
  const item = (name: string) => panel.getByRole("article", { name, exact: true });
  await expect(item("echo").getByText("pass", { exact: true })).toHaveAttribute("data-status", "pass");
  await expect(item("echo from the timeline").getByText("pass", { exact: true })).toHaveAttribute("data-status", "pass");
  const failing = item("echo says goodbye");
  await expect(failing.getByText("fail", { exact: true })).toHaveAttribute("data-status", "fail");
  await expect(failing.getByRole("list", { name: "Verdicts of echo says goodbye" })).toContainText('✗ contains: no text contains "goodbye"');

  // 6. One item on its own.
  await item("echo").getByRole("button", { name: "Run echo" }).click();
  await expect(item("echo").getByRole("list", { name: "Verdicts of echo" })).toContainText('✓ contains: a text contains "Echo: hello collections"');

  // 7. The file is the CI gate: mcpscope run on the same server fails on the failing item.
  const file = join(mcpscope.dataDir, "collections", "smoke-tests.json");
  expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ format: "mcpscope-collection", version: 1, name: "Smoke tests" });
  const junit = join(mcpscope.dataDir, "junit.xml");
  const ran = await promisify(execFile)(process.execPath, [CLI, "run", file, "--junit", junit]).then(
    () => ({ code: 0, stdout: "" }),
    (err: { code: number; stdout: string }) => err,
  );
  expect(ran.code).toBe(1);
  expect(ran.stdout).toContain("2 passed, 1 failed");
  expect(readFileSync(junit, "utf8")).toContain('<testcase name="echo says goodbye"');
});
