// The CLI in CI: `mcpscope --no-open --json --url <OAuth-protected server>` authorizes
// headlessly and is ready; the pre-registered client options reach the session; the JSON
// ready line carries no secret.
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionInfo } from "@mcpscope/protocol";
import { PREREGISTERED_CLIENT, startOAuthFixture, type RunningOAuthFixture } from "@mcpscope/fixtures";
import { CLI_FROM_SOURCE } from "./testing/cli.js";

const env = () => ({ ...process.env, CI: "1", XDG_STATE_HOME: mkdtempSync(join(tmpdir(), "mcpscope-cli-oauth-")) });

async function readyLine(args: string[]): Promise<{ ready: Record<string, unknown>; stop(): Promise<void>; stderr(): string }> {
  const child = spawn(process.execPath, [...CLI_FROM_SOURCE, "--no-open", "--port", "0", "--json", ...args], { env: env(), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.once("exit", (code) => reject(new Error(`mcpscope exited with ${code}:\n${out}\n${err}`)));
  });
  return {
    ready,
    stderr: () => err,
    stop: async () => {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

let dcr: RunningOAuthFixture;
let pre: RunningOAuthFixture;
beforeAll(async () => {
  [dcr, pre] = await Promise.all([startOAuthFixture({ variant: "dcr" }), startOAuthFixture({ variant: "preregistered" })]);
});
afterAll(async () => {
  await Promise.all([dcr.stop(), pre.stop()]);
});

describe("mcpscope --url <OAuth server> in CI", () => {
  it("authorizes headlessly and prints a ready status", async () => {
    const run = await readyLine(["--url", dcr.mcpUrl]);
    try {
      expect(run.ready).toMatchObject({ status: "ready", sessionId: expect.any(String) });
    } finally {
      await run.stop();
    }
  });

  it("uses a pre-registered client given with --client-id and --client-secret, and shows no secret", async () => {
    const run = await readyLine(["--url", pre.mcpUrl, "--client-id", PREREGISTERED_CLIENT.clientId, "--client-secret", PREREGISTERED_CLIENT.clientSecret]);
    try {
      expect(run.ready.status).toBe("ready");
      const sessions = (await (await fetch(`${String(run.ready.origin)}/api/sessions`, { headers: { authorization: `Bearer ${String(run.ready.token)}` } })).json()) as SessionInfo[];
      expect(sessions[0]).toMatchObject({ auth: { status: "authorized", clientSource: "preregistered", clientId: PREREGISTERED_CLIENT.clientId }, target: { oauth: { mode: "headless", clientSecret: "[redacted]" } } });
      expect(JSON.stringify(sessions)).not.toContain(PREREGISTERED_CLIENT.clientSecret);
    } finally {
      await run.stop();
    }
  });

  it("refuses --grant client_credentials without a client", async () => {
    const failed = await promisify(execFile)(process.execPath, [...CLI_FROM_SOURCE, "--no-open", "--url", dcr.mcpUrl, "--grant", "client_credentials"], { env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining("--grant client_credentials needs --client-id and --client-secret") });
  });
});
