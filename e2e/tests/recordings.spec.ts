import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEverything } from "@mcpscope/fixtures";
import type { Page } from "@playwright/test";
import { expect, startMcpscope, stopMcpscope, testWithOwnMcpscope, type Mcpscope } from "./mcpscope.js";

// This file's own mcpscope (a separate worker): its imports, restarts and tool calls must not
// show up in the sessions other spec files look at.
const test = testWithOwnMcpscope();

/** Runs the echo tool through its form and waits for its result. */
async function runEcho(page: Page, message: string): Promise<void> {
  await page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "echo", exact: true }).click();
  await page.getByLabel("message").fill(message);
  await page.getByRole("button", { name: "Run tool" }).click();
  await expect(page.getByRole("region", { name: "Result" })).toContainText(`Echo: ${message}`);
}

/** The frame count shown in the Timeline's head. */
function frameCount(page: Page) {
  return page.getByRole("region", { name: "Timeline" }).locator(".pane-head .count");
}

/** A JSON Lines recording's frames (every line after the header). */
function recordedFrames(path: string): Array<{ seq: number; msg?: { method?: string } }> {
  const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
  expect(JSON.parse(lines[0]!)).toMatchObject({ type: "mcpscope-recording" });
  return lines.slice(1).map((l) => JSON.parse(l) as { seq: number; msg?: { method?: string } });
}

/** REST call to an mcpscope with its bearer token. */
async function api<T>(m: Mcpscope, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(m.origin + path, {
    method,
    headers: { Authorization: `Bearer ${m.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  const text = await response.text();
  return (response.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : text) as T;
}

/** Exports the selected session with the header's "Export JSONL" link and saves the download. */
async function exportSelected(page: Page): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("banner").getByRole("link", { name: "Export JSONL" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.jsonl$/);
  const path = join(mkdtempSync(join(tmpdir(), "mcpscope-export-")), download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

/** Imports a file through the "Import recording" file picker. */
async function importFile(page: Page, path: string): Promise<void> {
  const choosing = page.waitForEvent("filechooser");
  await page.getByRole("region", { name: "Import recording" }).getByText("Import recording").click();
  const chooser = await choosing;
  await chooser.setFiles(path);
}

test("export to JSON Lines and import it back: the same frames, opened read-only", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runEcho(page, "round trip");
  const path = await exportSelected(page);
  const frames = recordedFrames(path);
  expect(frames.filter((f) => f.msg?.method === "tools/call")).toHaveLength(1);

  // HAR holds HTTP exchanges: not offered for a stdio session.
  await expect(page.getByRole("banner").getByRole("link", { name: "Export HAR" })).toHaveCount(0);

  await importFile(page, path);
  await expect(page.getByRole("region", { name: "Import recording" }).getByRole("status")).toContainText("opened read-only");
  const header = page.getByRole("banner");
  await expect(header).toContainText("recorded");
  await expect(page.getByRole("status", { name: "Read-only" })).toContainText("recording");
  await expect(frameCount(page)).toHaveText(`${frames.length} frames`);

  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("row").filter({ hasText: "tools/call" })).toHaveCount(2);
  await timeline.getByRole("row").filter({ hasText: "tools/call" }).last().click();
  await expect(page.getByRole("region", { name: "Frame detail" })).toContainText("Echo: round trip");
  // Nothing in a recording can be run, restarted or disconnected.
  await expect(page.getByRole("button", { name: "Run tool" })).toHaveCount(0);
  await expect(header.getByRole("button", { name: "Restart" })).toHaveCount(0);
  await expect(header.getByRole("button", { name: "Disconnect" })).toHaveCount(0);
  await timeline.getByRole("tab", { name: "Composer" }).click();
  await expect(page.getByRole("button", { name: "Send raw message" })).toBeDisabled();
  await timeline.getByRole("tab", { name: "Frames" }).click();
});

test("a recording's target starts only after the dialog shows it and the person confirms", async ({ page, mcpscope }) => {
  type Info = { id: string; status: string; recorded?: boolean; target: { command: string; args: string[] } };
  await page.goto(mcpscope.url);
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
  const path = await exportSelected(page);
  const recorded = (JSON.parse(readFileSync(path, "utf8").split("\n")[0]!) as { session: { target: Info["target"] } }).session.target;
  await importFile(page, path);
  const header = page.getByRole("banner");
  await expect(header).toContainText("recorded");
  const sessions = () => api<Info[]>(mcpscope, "GET", "/api/sessions");
  const before = await sessions();

  // The dialog shows exactly what would run; Cancel starts nothing.
  await header.getByRole("button", { name: "Start a new session from this target…" }).click();
  const dialog = page.getByRole("dialog", { name: "Start a new session from this target?" });
  await expect(dialog).toContainText("a recording is a file");
  await expect(dialog.getByLabel("Command line")).toContainText(recorded.command);
  const fields = dialog.getByRole("definition");
  await expect(fields.filter({ hasText: recorded.command }).first()).toBeVisible();
  for (const arg of recorded.args) await expect(fields.filter({ hasText: arg }).first()).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await sessions()).length).toBe(before.length);
  await expect(header).toContainText("recorded");

  // Confirmed: a new live session of that target, selected.
  await header.getByRole("button", { name: "Start a new session from this target…" }).click();
  await dialog.getByRole("button", { name: "Start session" }).click();
  await expect(dialog).toBeHidden();
  await expect(header.getByRole("button", { name: "Restart" })).toBeVisible();
  await expect(header).toContainText("Everything Reference Server");
  await expect(header).not.toContainText("recorded");
  const started = (await sessions()).filter((s) => !before.some((b) => b.id === s.id));
  expect(started).toHaveLength(1);
  expect(started[0]).toMatchObject({ status: "ready", target: { command: recorded.command, args: recorded.args } });
  expect(started[0]!.recorded).toBeFalsy();
  // Closed, so the next tests' pages pick the first stdio session again.
  await header.getByRole("button", { name: "Disconnect" }).click();
  await expect(header).toContainText("closed");
});

test("a recording in the data directory with a bad line shows its frames up to there and says which line is bad", async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-damaged-"));
  const target = { transport: "stdio", command: "node", args: ["server.js"], env: {} };
  const lines = [JSON.stringify({ type: "mcpscope-recording", version: 1, session: { id: "damaged-1", createdAt: Date.now() - 60_000, transport: "stdio", target } })];
  for (let seq = 1; seq <= 3000; seq++) {
    const raw = `stderr line ${seq}`;
    lines.push(JSON.stringify({ sessionId: "damaged-1", seq: seq === 2500 ? 250 : seq, ts: Date.now() - 60_000 + seq, dir: "in", kind: "stderr", raw, bytes: raw.length }));
  }
  // The data directory keeps recordings in sessions/.
  mkdirSync(join(dir, "sessions"));
  writeFileSync(join(dir, "sessions", "damaged.jsonl"), lines.join("\n") + "\n");
  const damaged = await startMcpscope([], dir);
  try {
    await page.goto(damaged.url);
    await page.getByRole("region", { name: "Sessions" }).getByRole("button", { name: /recorded/ }).click();
    const banner = page.getByRole("region", { name: "Session error" });
    await expect(banner.getByRole("alert")).toContainText("The rest of this recording cannot be read");
    await expect(banner).toContainText("Not an mcpscope recording: line 2,501: seq is 250, expected 2500");
    // Every frame before the bad line (seq 1–2,499): the page reads the recording line by line.
    await expect(frameCount(page)).toHaveText("2,499 frames");
  } finally {
    await stopMcpscope(damaged);
  }
});

test("a Streamable HTTP session exports its HTTP exchanges as HAR", async ({ page, mcpscope }) => {
  const http = await startEverything("streamableHttp");
  try {
    await page.goto(mcpscope.url);
    const form = page.getByRole("form", { name: "Connect to a server" });
    await form.getByLabel("Transport").selectOption("Streamable HTTP");
    await form.getByLabel("URL").fill(`${http.origin}/mcp`);
    await form.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(page.getByRole("banner")).toContainText("Streamable HTTP");
    await runEcho(page, "over http");

    const downloading = page.waitForEvent("download");
    await page.getByRole("banner").getByRole("link", { name: "Export HAR" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.har$/);
    const har = JSON.parse(readFileSync(await download.path(), "utf8")) as { log: { version: string; entries: Array<{ request: { url: string; postData?: { text?: string } } }> } };
    expect(har.log.version).toBe("1.2");
    const call = har.log.entries.find((e) => e.request.postData?.text?.includes("over http"));
    expect(call?.request.url).toBe(`${http.origin}/mcp`);
    // Closed, so the next tests' pages pick the stdio session again.
    await page.getByRole("banner").getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByRole("banner")).toContainText("closed");
  } finally {
    await http.stop();
  }
});

test("importing a file that is not a recording says so and how to fix it", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  const path = join(mkdtempSync(join(tmpdir(), "mcpscope-bad-")), "notes.jsonl");
  writeFileSync(path, '{"hello":"world"}\n');
  await importFile(page, path);
  const alert = page.getByRole("region", { name: "Import recording" }).getByRole("alert");
  await expect(alert).toContainText("Not an mcpscope recording");
  await expect(alert).toContainText("exported by mcpscope");
});

test("a .jsonl file dropped on the page is imported, with a drop overlay while dragging", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runEcho(page, "dropped");
  const text = readFileSync(await exportSelected(page), "utf8");
  const transfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], "dropped.jsonl", { type: "application/x-ndjson" }));
    return dt;
  }, text);
  await page.dispatchEvent("main", "dragenter", { dataTransfer: transfer });
  await expect(page.getByText("Drop a .jsonl recording to open it read-only")).toBeVisible();
  await page.dispatchEvent("main", "drop", { dataTransfer: transfer });
  await expect(page.getByText("Drop a .jsonl recording to open it read-only")).toBeHidden();
  await expect(page.getByRole("region", { name: "Import recording" }).getByRole("status")).toContainText("Imported dropped.jsonl");
  await expect(page.getByRole("banner")).toContainText("recorded");
});

test("mcpscope view serves a recording made in the test, browsed in the page", async ({ browser, mcpscope }) => {
  type Info = { id: string; status: string; createdAt: number };
  const newestReady = async () =>
    (await api<Info[]>(mcpscope, "GET", "/api/sessions")).filter((s) => s.status === "ready").sort((a, b) => b.createdAt - a.createdAt)[0];
  await expect.poll(newestReady).toBeDefined();
  const live = (await newestReady())!;
  await api(mcpscope, "POST", `/api/sessions/${live.id}/requests`, { method: "tools/call", params: { name: "echo", arguments: { message: "seen in view" } } });
  const file = join(mkdtempSync(join(tmpdir(), "mcpscope-view-")), "session.jsonl");
  writeFileSync(file, await api<string>(mcpscope, "GET", `/api/sessions/${live.id}/export`));

  const viewer = await startMcpscope([file], undefined, "view");
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(viewer.url);
    await expect(page.getByRole("region", { name: "Sessions" }).getByRole("button", { name: /recorded/ })).toHaveCount(1);
    await page.getByRole("region", { name: "Sessions" }).getByRole("button", { name: /recorded/ }).click();
    await expect(page.getByRole("status", { name: "Read-only" })).toBeVisible();
    const timeline = page.getByRole("region", { name: "Timeline" });
    const calls = timeline.getByRole("row").filter({ hasText: "tools/call" });
    // The worker's session ran other calls before: ours is the newest.
    await expect(calls.last()).toContainText("response");
    await calls.last().click();
    await expect(page.getByRole("region", { name: "Frame detail" })).toContainText("Echo: seen in view");
  } finally {
    await context.close();
    await stopMcpscope(viewer);
  }
});

test("a viewer link watches the presenter live, follows the selected tool, and cannot run tools", async ({ browser, page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await page.getByRole("banner").getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this mcpscope" });
  await expect(dialog).toContainText("can watch but not send");
  const viewerUrl = await dialog.getByLabel("Viewer link").inputValue();
  expect(viewerUrl).toContain("token=");
  expect(viewerUrl).not.toContain(mcpscope.token);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  const context = await browser.newContext();
  try {
    const viewer = await context.newPage();
    await viewer.goto(viewerUrl);
    const follow = viewer.getByLabel("Follow presenter");
    await expect(follow).toBeChecked();
    await expect(viewer.getByRole("status", { name: "Read-only" })).toContainText("viewer link");
    // Nothing that writes is offered to a viewer.
    await expect(viewer.getByRole("form", { name: "Connect to a server" })).toHaveCount(0);
    await expect(viewer.getByRole("region", { name: "Import recording" })).toHaveCount(0);
    await expect(viewer.getByRole("banner").getByRole("button", { name: /Restart|Disconnect|Share/ })).toHaveCount(0);

    // The presenter's tool call appears live on the viewer's timeline, and its tool is followed.
    const message = `live for viewers ${Date.now()}`;
    await runEcho(page, message);
    const viewerTimeline = viewer.getByRole("region", { name: "Timeline" });
    await expect(viewerTimeline.getByRole("row").filter({ hasText: "tools/call" }).last()).toBeVisible();
    await expect(viewer.getByRole("region", { name: "Tool form" }).getByRole("heading")).toContainText("echo");
    await expect(viewer.getByRole("button", { name: "Run tool" })).toBeDisabled();

    // The presenter selects a frame: the viewer shows the same frame.
    await page.getByRole("region", { name: "Timeline" }).getByRole("row").filter({ hasText: "tools/call" }).last().click();
    await expect(viewer.getByRole("region", { name: "Frame detail" })).toContainText(`Echo: ${message}`);

    // Following off: the presenter's next tool no longer moves the viewer.
    await follow.uncheck();
    await page.getByRole("region", { name: "Tools" }).getByRole("button", { name: "get-sum", exact: true }).click();
    await expect(page.getByRole("region", { name: "Tool form" }).getByRole("heading")).toContainText("get-sum");
    await viewer.getByRole("region", { name: "Tools" }).getByRole("button", { name: "echo", exact: true }).click();
    await expect(viewer.getByRole("region", { name: "Tool form" }).getByRole("heading")).toContainText("echo");
    // Back on: it jumps to what the presenter looks at now.
    await follow.check();
    await expect(viewer.getByRole("region", { name: "Tool form" }).getByRole("heading")).toContainText("get-sum");

    // A session that starts while the viewer watches: followed, its tools read from the frames.
    const selectedIn = (p: Page) => p.getByRole("region", { name: "Sessions" }).locator("[aria-current=true]");
    const before = await selectedIn(page).getAttribute("aria-label");
    await page.getByRole("banner").getByRole("button", { name: "Restart" }).click();
    await expect(selectedIn(page)).not.toHaveAttribute("aria-label", before!);
    await runEcho(page, `${message} after restart`);
    const restarted = (await selectedIn(page).getAttribute("aria-label"))!;
    expect(restarted).toContain("ready");
    await expect(selectedIn(viewer)).toHaveAttribute("aria-label", restarted);
    await expect(viewer.getByRole("region", { name: "Tool form" }).getByRole("heading")).toContainText("echo");
    await expect(viewer.getByRole("button", { name: "Run tool" })).toBeDisabled();
  } finally {
    await context.close();
  }
});

test("started with --expose on a non-loopback local address, every page warns that it is reachable", async ({ page }) => {
  // 127.0.0.2 is a loopback-range address of this machine, not LAN or public, yet not in
  // mcpscope's loopback list: it needs --expose exactly as a LAN address would.
  const exposed = await startMcpscope(["--host", "127.0.0.2", "--expose"]);
  try {
    expect(exposed.origin).toContain("127.0.0.2");
    await page.goto(exposed.url);
    const banner = page.getByRole("alert").filter({ hasText: "reachable from the network" });
    await expect(banner).toContainText(`mcpscope is reachable from the network at 127.0.0.2:${new URL(exposed.origin).port}`);
    await expect(banner).toContainText("anyone with the link can");
  } finally {
    await stopMcpscope(exposed);
  }
});

test("the default loopback bind shows no exposed warning", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
  await expect(page.getByRole("alert").filter({ hasText: "reachable from the network" })).toHaveCount(0);
});

test("the diff view: no differences against its own export-import, and a different echo named", async ({ page, mcpscope }) => {
  await page.goto(mcpscope.url);
  await runEcho(page, "alpha");
  const originalLabel = await page.getByRole("region", { name: "Sessions" }).locator("[aria-current=true]").getAttribute("aria-label");
  const path = await exportSelected(page);
  await importFile(page, path);
  await expect(page.getByRole("banner")).toContainText("recorded");

  // The imported copy compared with the session it came from.
  await page.getByRole("banner").getByRole("button", { name: "Compare with…" }).click();
  let dialog = page.getByRole("dialog", { name: "Compare sessions" });
  const originalName = originalLabel!.split(",")[0]!;
  const pick = dialog.getByLabel("Compare with");
  const optionFor = async (predicate: (text: string) => boolean) => {
    const texts = await pick.locator("option").allTextContents();
    return texts.find(predicate)!;
  };
  await pick.selectOption({ label: await optionFor((t) => t.startsWith(`${originalName} ·`) && !t.includes("(recorded)")) });
  await expect(dialog.getByRole("region", { name: "Session diff" }).getByRole("status")).toContainText("No differences");
  await dialog.getByRole("button", { name: "Close" }).click();

  // A fresh process that echoes something else differs, and the diff names the request.
  await page.getByRole("region", { name: "Sessions" }).getByRole("button", { name: originalLabel! }).click();
  await page.getByRole("banner").getByRole("button", { name: "Restart" }).click();
  await expect(page.getByRole("banner")).toContainText("Everything Reference Server");
  await expect(page.getByRole("region", { name: "Sessions" }).locator("[aria-current=true]")).not.toHaveAttribute("aria-label", originalLabel!);
  await runEcho(page, "beta");
  await page.getByRole("banner").getByRole("button", { name: "Compare with…" }).click();
  dialog = page.getByRole("dialog", { name: "Compare sessions" });
  await pick.selectOption({ label: await optionFor((t) => t.startsWith(`${originalName} ·`) && !t.includes("(recorded)")) });
  const diff = dialog.getByRole("region", { name: "Session diff" });
  await expect(diff.getByRole("status")).toContainText("Sessions differ");
  await expect(diff.getByRole("list", { name: "Requests", exact: true })).toContainText('"message":"beta"');
  await expect(diff.getByRole("list", { name: "Requests", exact: true })).toContainText("B sent no such request");
  await expect(diff.getByRole("list", { name: "Requests only in B" })).toContainText('"message":"alpha"');
});
