import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";

const CLI = fileURLToPath(new URL("../bin/mcpscope.mjs", import.meta.url));
const env = () => ({ ...process.env, CI: "1", XDG_STATE_HOME: mkdtempSync(join(tmpdir(), "mcpscope-cli-protocol-")) });

describe("mcpscope --protocol", () => {
  it("refuses a value that is not a revision, listing the ones it takes", async () => {
    const failed = await promisify(execFile)(process.execPath, [CLI, "--no-open", "--protocol", "2030-01-01"], { env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining("--protocol must be one of auto, 2026-07-28, 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05") });
  });

  it("pins the revision of the server it connects to at start", async () => {
    const child = spawn(process.execPath, [CLI, "--no-open", "--port", "0", "--token", "cli-protocol", "--protocol", "2025-06-18"], { env: env(), stdio: ["ignore", "pipe", "pipe"] });
    try {
      let output = "";
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (d: Buffer) => {
          output += d.toString();
          const match = /mcpscope ready: (\S+)/.exec(output);
          if (match) resolve(match[1]!);
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.once("exit", (code) => reject(new Error(`mcpscope exited with ${code}:\n${output}`)));
      });
      const base = new URL(url).origin;
      let sessions: SessionInfo[] = [];
      await expect
        .poll(
          async () => {
            sessions = (await (await fetch(`${base}/api/sessions`, { headers: { authorization: "Bearer cli-protocol" } })).json()) as SessionInfo[];
            return sessions[0]?.status;
          },
          { timeout: 20_000 },
        )
        .toBe("ready");
      expect(sessions[0]).toMatchObject({ target: { protocol: "2025-06-18" }, protocolVersion: "2025-06-18", negotiation: { mode: "pinned", outcome: "initialize" } });
    } finally {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });
});
