import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { plainFixturePath } from "@mcpscope/fixtures";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CLI_FROM_SOURCE } from "../../testing/cli.js";
import { runScriptedClient } from "../../testing/scriptedStdioClient.js";
import { tapFromSource } from "../../testing/tapShim.js";

const PLAIN_ECHO = plainFixturePath("plainEcho");
const run = promisify(execFile);
const line = (msg: Record<string, unknown>) => `${JSON.stringify({ jsonrpc: "2.0", ...msg })}\n`;

describe("a tapped session's recording", () => {
  it("replays against the server and diffs like any recording (requests the client sent without params included)", { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-tap-replay-"));
    // Recorded by the tap itself (no mcpscope to reach): the same format as mcpscope's.
    await runScriptedClient(process.execPath, [...tapFromSource(["--scope-url", "http://127.0.0.1:9/?token=x", "--data-dir", dataDir]), "--", process.execPath, PLAIN_ECHO], [
      { send: line({ id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "c", version: "1" } } }), awaitId: 1 },
      { send: line({ method: "notifications/initialized" }) },
      { send: line({ id: 2, method: "tools/list" }), awaitId: 2 },
      { send: line({ id: 3, method: "tools/call", params: { name: "echo", arguments: { message: "again" } } }), awaitId: 3 },
    ]);
    const [file] = readdirSync(join(dataDir, "sessions"));
    const recording = join(dataDir, "sessions", file!);
    const replayed = await run(process.execPath, [...CLI_FROM_SOURCE, "replay", recording, "--data-dir", dataDir, "--", process.execPath, PLAIN_ECHO]);
    expect(replayed.stdout).toContain("No differences.");
    const diffed = await run(process.execPath, [...CLI_FROM_SOURCE, "diff", recording, recording]);
    expect(diffed.stdout).toContain("No differences.");
  });
});
