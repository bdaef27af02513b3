import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { FramesPage, SessionInfo } from "@mcpscope/protocol";
import { fixtureCommand, startHttpFixture } from "@mcpscope/fixtures";
import type { SessionDiff } from "@mcpscope/timeline";
import { startTestApp } from "../testing/testApp.js";
import { CLI_FROM_SOURCE } from "../testing/cli.js";

const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI_FROM_SOURCE, ...args], { env: { ...process.env, CI: "1" } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("recordings: export, import, replay, diff", () => {
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-cmd-"));
  const legacy = fixtureCommand("legacy");
  let recording: string;
  let exported: string;
  let session: SessionInfo;

  beforeAll(async () => {
    const t = await startTestApp({ session: { recordingsDir: dir } });
    session = await t.openSession({ transport: "stdio", env: {}, ...legacy });
    for (const [method, params] of [
      ["tools/list", {}],
      ["tools/call", { name: "echo", arguments: { message: "same" } }],
      ["tools/call", { name: "add", arguments: { a: 1, b: 2 } }],
    ] as const) {
      await t.api("POST", `/api/sessions/${session.id}/requests`, { method, params });
    }
    await t.api("DELETE", `/api/sessions/${session.id}`);
    const res = await fetch(`${t.base}/api/sessions/${session.id}/export`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(res.headers.get("content-disposition")).toContain(".jsonl");
    exported = await res.text();
    await t.close();
    recording = join(dir, readdirSync(dir)[0]!);
  });

  it("exports the session as its recording, and an import opens the same frames read-only", async () => {
    expect(exported).toBe(readFileSync(recording, "utf8"));
    const other = await startTestApp();
    try {
      const res = await fetch(`${other.base}/api/recordings`, { method: "POST", headers: { authorization: `Bearer ${other.token}`, "content-type": "application/x-ndjson" }, body: exported });
      expect(res.status).toBe(201);
      const imported = (await res.json()) as SessionInfo;
      expect(imported).toMatchObject({ id: session.id, recorded: true, serverInfo: { name: "legacy-fixture" } });
      const frames = (await other.api<FramesPage>("GET", `/api/sessions/${imported.id}/frames?limit=100000`)).body.frames;
      expect(frames.map((f) => JSON.stringify(f)).join("\n")).toBe(exported.trimEnd().split("\n").slice(1).join("\n"));
      // Imported again into the same mcpscope, the copy is a session of its own.
      const again = await fetch(`${other.base}/api/recordings`, { method: "POST", headers: { authorization: `Bearer ${other.token}`, "content-type": "application/x-ndjson" }, body: exported });
      expect(again.status).toBe(201);
      expect(await again.json()).toMatchObject({ id: `${session.id}-copy`, recorded: true });
      const bad = await fetch(`${other.base}/api/recordings`, { method: "POST", headers: { authorization: `Bearer ${other.token}`, "content-type": "application/x-ndjson" }, body: '{"nope":1}\n' });
      expect(bad.status).toBe(422);
    } finally {
      await other.close();
    }
  });

  it("replays against the same server version with no difference, speaking what the recorded session was told to", async () => {
    const res = await cli(["replay", recording, "--data-dir", dir, "--", legacy.command, ...legacy.args]);
    expect(res.stdout).toContain("No differences.");
    expect(res.stderr).toContain(`requests speaking ${session.protocolVersion}; new recording`);
    expect(res.code).toBe(0);
    // A session given a revision is replayed speaking that revision.
    const lines = readFileSync(recording, "utf8").split("\n");
    const header = JSON.parse(lines[0]!) as { session: { target: Record<string, unknown> } };
    header.session.target.protocol = "2024-11-05";
    const pinned = join(mkdtempSync(join(tmpdir(), "mcpscope-pinned-")), "pinned.jsonl");
    writeFileSync(pinned, [JSON.stringify(header), ...lines.slice(1)].join("\n"));
    const again = await cli(["replay", pinned, "--data-dir", dir, "--", legacy.command, ...legacy.args]);
    expect(again.stderr).toContain("requests speaking 2024-11-05 (pinned, as the recorded session was);");
    const wrong = await cli(["replay", recording, "--protocol", "2099-01-01", "--", legacy.command, ...legacy.args]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("mcpscope replay: --protocol must be one of auto, 2026-07-28,");
  });

  it("replays against a changed server and names exactly the changed result and schema", async () => {
    const res = await cli(["replay", recording, "--json", "--data-dir", dir, "-e", "LEGACY_VARIANT=changed", "--", legacy.command, ...legacy.args]);
    expect(res.code).toBe(1);
    const diff = JSON.parse(res.stdout) as SessionDiff;
    expect(diff.requests.filter((r) => !r.equal).map((r) => `${r.method} ${JSON.stringify(r.params)} ${r.paths.join(",")}`)).toEqual([
      'tools/list {} result.tools[0].inputSchema.properties.message.maxLength',
      'tools/call {"name":"add","arguments":{"a":1,"b":2}} result.content[0].text',
    ]);
    expect(diff.lists).toEqual([{ list: "tools", name: "echo", change: "changed", paths: ["inputSchema.properties.message.maxLength"] }]);
  });

  it("diffs two recordings from the command line, exiting 0 when equal and 1 when not", async () => {
    expect((await cli(["diff", recording, recording])).code).toBe(0);
    const files = readdirSync(join(dir, "sessions")).map((f) => join(dir, "sessions", f));
    const changed = files.find((f) => readFileSync(f, "utf8").includes('"text":"4"'))!;
    const res = await cli(["diff", recording, changed]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("tools echo: changed at inputSchema.properties.message.maxLength");
    expect((await cli(["diff", recording, "/nonexistent.jsonl"])).stderr).toMatch(/nonexistent/);
  });

  it("diff and replay validate every line, naming the first bad one", async () => {
    const lines = readFileSync(recording, "utf8").split("\n");
    lines[3] = lines[3]!.replace(/"seq":3,/, '"seq":"3",');
    const damaged = join(mkdtempSync(join(tmpdir(), "mcpscope-damaged-")), "damaged.jsonl");
    writeFileSync(damaged, lines.join("\n"));
    const diff = await cli(["diff", recording, damaged]);
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain(`mcpscope diff: ${damaged}: not an mcpscope recording: line 4: not a valid frame: seq: Invalid input: expected number, received string`);
    const replay = await cli(["replay", damaged, "--data-dir", dir, "--", legacy.command, ...legacy.args]);
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain(`mcpscope replay: ${damaged}: not an mcpscope recording: line 4: not a valid frame: seq:`);
  });
});

describe("HAR export", () => {
  it("writes a HAR 1.2 log of a remote session's HTTP exchanges, secrets redacted", async () => {
    const fixture = await startHttpFixture();
    const t = await startTestApp();
    try {
      const session = await t.openSession({ transport: "streamable-http", url: `${fixture.origin}/mcp`, headers: { Authorization: "Bearer hush" } } as never);
      await t.api("POST", `/api/sessions/${session.id}/requests`, { method: "tools/list" });
      const har = (await t.api<{ log: { version: string; entries: Array<{ request: { method: string; postData?: { text: string }; headers: Array<{ name: string; value: string }> }; response: { status: number; content: { text: string } } }> } }>("GET", `/api/sessions/${session.id}/export.har`)).body;
      expect(har.log.version).toBe("1.2");
      const list = har.log.entries.find((e) => e.request.postData?.text.includes("tools/list"))!;
      expect(list.request.method).toBe("POST");
      expect(list.response.status).toBe(200);
      expect(list.response.content.text).toContain("echo-headers");
      expect(JSON.stringify(har)).not.toContain("hush");
    } finally {
      await t.close();
      await fixture.stop();
    }
  });
});
