import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Frame, FramesPage, SessionInfo } from "@mcpscope/protocol";
import { fixtureCommand } from "@mcpscope/fixtures";
import { CLI_FROM_SOURCE } from "../testing/cli.js";

const TOKEN = "crash-test-token";

async function startCli(dataDir: string, command: string[]) {
  const child = spawn(process.execPath, [...CLI_FROM_SOURCE, "--no-open", "--port", "0", "--token", TOKEN, "--data-dir", dataDir, ...(command.length ? ["--", ...command] : [])], {
    env: { ...process.env, CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const base = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /mcpscope ready: (http:\/\/[^/]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  const api = async <T>(path: string, init: RequestInit = {}) =>
    (await (await fetch(base + path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...init.headers } })).json()) as T;
  return { child, base, api };
}

describe("a crash of mcpscope loses nothing recorded", () => {
  it("SIGKILL mid-flood: after a restart the recording has every frame up to the kill, contiguous", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-crash-"));
    const flood = fixtureCommand("flood");
    const first = await startCli(dataDir, [flood.command, ...flood.args]);
    let session: SessionInfo | undefined;
    await expect.poll(async () => (session = (await first.api<SessionInfo[]>("/api/sessions"))[0])?.status, { timeout: 20_000 }).toBe("ready");
    void first.api(`/api/sessions/${session!.id}/requests`, { method: "POST", body: JSON.stringify({ method: "tools/call", params: { name: "flood", arguments: { count: 2_000_000 } } }) }).catch(() => undefined);
    let seen = 0;
    await expect.poll(async () => (seen = (await first.api<SessionInfo>(`/api/sessions/${session!.id}`)).lastSeq), { timeout: 20_000 }).toBeGreaterThan(20_000);
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    try {
      process.kill(-session!.pid!, "SIGKILL"); // the orphaned server's process group
    } catch {
      // already gone
    }

    const second = await startCli(dataDir, [process.execPath, "-e", "setInterval(()=>{},1000)"]);
    try {
      const sessions = await second.api<SessionInfo[]>("/api/sessions");
      const recorded = sessions.find((s) => s.id === session!.id)!;
      expect(recorded).toMatchObject({ recorded: true, serverInfo: { name: expect.any(String) } });
      expect(recorded.lastSeq).toBeGreaterThanOrEqual(seen);
      let since = 0;
      const seqs: number[] = [];
      while (since < recorded.lastSeq) {
        const page = await second.api<FramesPage>(`/api/sessions/${recorded.id}/frames?since=${since}&limit=100000`);
        seqs.push(...page.frames.map((f: Frame) => f.seq));
        since = page.frames.at(-1)!.seq;
      }
      expect(seqs.length).toBe(recorded.lastSeq);
      expect(seqs.every((s, i) => s === i + 1)).toBe(true);
    } finally {
      second.child.kill("SIGTERM");
      await new Promise((resolve) => second.child.once("exit", resolve));
    }
  }, 90_000);
});
