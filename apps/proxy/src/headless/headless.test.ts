import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { fixtureCommand } from "@mcpscope/fixtures";
import { readRecording } from "../recording/readRecording.js";
import { CLI_FROM_SOURCE } from "../testing/cli.js";
import { EXIT } from "./exitCodes.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "mcpscope-headless-"));
const zoo = fixtureCommand("schemaZoo");
const zooCommand = ["--", zoo.command, ...zoo.args];
const legacy = fixtureCommand("legacy");

/** Runs the real CLI (from source) and returns its exit code and output. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI_FROM_SOURCE, ...args], { env: { ...process.env, CI: "1" }, cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const json = <T = Record<string, unknown>>(stdout: string) => JSON.parse(stdout) as T;

describe("headless commands against real servers", () => {
  it("tools list prints every tool as JSON ({ result: { tools }, durationMs }) and exits 0", async () => {
    const res = await cli(["tools", "list", "--format", "json", ...zooCommand]);
    expect(res.code).toBe(EXIT.OK);
    const out = json<{ result: { tools: Array<{ name: string; inputSchema: unknown }> }; durationMs: number }>(res.stdout);
    expect(out.result.tools.map((t) => t.name)).toEqual(expect.arrayContaining(["scalars", "tool-error", "protocol-error"]));
    expect(out.durationMs).toBeGreaterThan(0);
    expect(res.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("tools call types --arg values by the inputSchema (numbers, booleans, strings, JSON) and prints the result", async () => {
    const res = await cli(["tools", "call", "scalars", "--arg", "count=4", "--arg", "ratio=0.5", "--arg", "enabled=true", "--arg", "code=007", "--format", "json", ...zooCommand]);
    expect(res.code).toBe(EXIT.OK);
    expect(json<{ result: { structuredContent: unknown } }>(res.stdout).result.structuredContent).toEqual({ received: { count: 4, ratio: 0.5, enabled: true, code: "007" } });

    const nested = await cli(["tools", "call", "nested-object", "--args", '{"user":{"name":"Ada"}}', "--arg", 'user:={"name":"Grace","age":36}', ...zooCommand]);
    expect(nested.code).toBe(EXIT.OK);
    expect(nested.stdout).toBe('{"user":{"name":"Grace","age":36}}\n');
  });

  it("an --arg that does not fit its schema is a usage error naming it, and bad --args JSON fails before anything starts", async () => {
    const res = await cli(["tools", "call", "scalars", "--arg", "count=four", ...zooCommand]);
    expect(res.code).toBe(EXIT.USAGE);
    expect(res.stderr).toContain("--arg count: the tool's inputSchema says integer");
    const bad = await cli(["tools", "call", "scalars", "--args", "{nope", "--", "/nonexistent/server"]);
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toContain("--args is not JSON");
    expect(bad.stderr).not.toContain("could not connect");
  });

  it("a tool result with isError exits 5, a JSON-RPC error exits 4, both with the answer on stdout", async () => {
    const toolError = await cli(["tools", "call", "tool-error", "--format", "json", ...zooCommand]);
    expect(toolError.code).toBe(EXIT.TOOL_ERROR);
    expect(json(toolError.stdout)).toMatchObject({ result: { isError: true, content: [{ type: "text", text: "The zoo is closed today." }] } });
    expect(toolError.stderr).toContain("reported an error (isError: true)");

    const rpcError = await cli(["tools", "call", "protocol-error", "--format", "json", ...zooCommand]);
    expect(rpcError.code).toBe(EXIT.RPC_ERROR);
    expect(json(rpcError.stdout)).toMatchObject({ error: { code: -32602, message: expect.stringContaining("always fails") } });
    expect(rpcError.stderr).toContain("answered tools/call with JSON-RPC error -32602");
  });

  it("a connection failure exits 3 with the connection doctor's message, and { failure } as JSON", async () => {
    const res = await cli(["ping", "--format", "json", "--", "mcpscope-no-such-command"]);
    expect(res.code).toBe(EXIT.CONNECT);
    expect(json(res.stdout)).toEqual({ failure: { code: "MCPSCOPE_COMMAND_NOT_FOUND", message: expect.stringContaining("mcpscope-no-such-command"), hint: expect.stringContaining("Check the spelling") } });
    expect(res.stderr).toContain("could not connect to mcpscope-no-such-command");
  });

  it("usage errors exit 2: an unknown subcommand, two servers, --server without --config", async () => {
    for (const args of [["tools", "lisst"], ["ping", "--url", "http://127.0.0.1:9/mcp", "--", "node"], ["prompts", "list", "--server", "x"], ["tools", "call"]]) {
      const res = await cli(args);
      expect(res.code, args.join(" ")).toBe(EXIT.USAGE);
    }
  });

  it("resources read, prompts get and ping print text", async () => {
    const read = await cli(["resources", "read", "zoo://notes/keeper", ...zooCommand]);
    expect(read.code).toBe(EXIT.OK);
    expect(read.stdout).toMatch(/\S/);
    const prompt = await cli(["prompts", "get", "greet", "--arg", "language=French", ...zooCommand]);
    expect(prompt.code).toBe(EXIT.OK);
    expect(prompt.stdout).toMatch(/^user: .*French/m);
    const ping = await cli(["ping", ...zooCommand]);
    expect(ping.code).toBe(EXIT.OK);
    expect(ping.stdout).toMatch(/^pong in \d+\.\d ms\n$/);
    const missing = await cli(["resources", "read", "file:///nothing", "--", legacy.command, ...legacy.args]);
    expect(missing.code).toBe(EXIT.RPC_ERROR);
  });

  it("--record keeps the session as a normal recording", async () => {
    const file = join(dir, "records", "tools.jsonl");
    const res = await cli(["tools", "call", "echo", "--arg", "message=kept", "--record", file, "--", legacy.command, ...legacy.args]);
    expect(res.code).toBe(EXIT.OK);
    expect(res.stdout).toBe("Echo: kept\n");
    const recording = readRecording(file);
    const sent = recording.frames.filter((f) => f.dir === "out" && f.kind === "request").map((f) => f.msg?.method);
    expect(sent).toContain("tools/call");
    expect(recording.frames.some((f) => f.raw.includes("Echo: kept"))).toBe(true);
  });

  const modern = fixtureCommand("modern");
  const modernStdio = [modern.command, ...modern.args, "--stdio"];

  it("a sampling request with no answer configured fails at once (exit 6) naming the option; --answer-sampling answers it", async () => {
    const unanswered = await cli(["tools", "call", "summarize", "--arg", "text=frames", "--", ...modernStdio]);
    expect(unanswered.code).toBe(EXIT.UNANSWERED);
    expect(unanswered.stderr).toContain("the server sent sampling/createMessage, and mcpscope tools call has no answer for it: pass --answer-sampling <text>");
    const answered = await cli(["tools", "call", "summarize", "--arg", "text=frames", "--answer-sampling", "sampled by the CLI", "--", ...modernStdio]);
    expect(answered.code).toBe(EXIT.OK);
    expect(answered.stdout).toBe("Summary (mcpscope): sampled by the CLI\n");
  });

  it("a --config entry's autoAnswer answers elicitation, and --answer-elicitation overrides it", async () => {
    const config = join(dir, "mcp.json");
    writeFileSync(config, JSON.stringify({ mcpServers: { modern: { command: modernStdio[0], args: modernStdio.slice(1), mcpscope: { autoAnswer: { elicitation: { action: "decline" } } } } } }));
    const declined = await cli(["tools", "call", "confirm_action", "--arg", "action=deploy", "--config", config]);
    expect(declined.code).toBe(EXIT.TOOL_ERROR);
    expect(declined.stdout).toBe('Not done: the user chose decline for "deploy"\n');
    const accepted = await cli(["tools", "call", "confirm_action", "--arg", "action=deploy", "--config", config, "--answer-elicitation", 'accept:{"confirm":true}']);
    expect(accepted.code).toBe(EXIT.OK);
    expect(accepted.stdout).toBe("Done: deploy\n");
  });
});

describe("mcpscope run and check", () => {
  const collection = join(dir, "smoke.json");
  writeFileSync(
    collection,
    JSON.stringify({
      format: "mcpscope-collection",
      version: 1,
      name: "Legacy smoke",
      items: [
        { name: "echo", method: "tools/call", params: { name: "echo", arguments: { message: "hi" } }, assertions: [{ type: "contains", text: "Echo: hi" }, { type: "latency", maxMs: 30_000 }] },
        { name: "add", method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } }, assertions: [{ type: "equals", path: "/content/0/text", value: "3" }] },
        { name: "unknown method", method: "nope/nope", assertions: [{ type: "error", code: -32601 }] },
      ],
    }),
  );

  it("passes against the server it was written for: exit 0, a line per item, a JUnit report", async () => {
    const junit = join(dir, "pass.xml");
    const res = await cli(["run", collection, "--junit", junit, "--", legacy.command, ...legacy.args]);
    expect(res.code).toBe(EXIT.OK);
    expect(res.stdout).toContain("✓ echo (tools/call");
    expect(res.stdout.trim().split("\n").at(-1)).toBe("3 passed, 0 failed");
    expect(readFileSync(junit, "utf8")).toMatch(/<testsuite name="Legacy smoke" tests="3" failures="0"/);
  });

  it("fails (exit 1) on a regression, naming the item and why, in text, JSON and JUnit", async () => {
    const junit = join(dir, "fail.xml");
    const res = await cli(["run", collection, "--junit", junit, "--format", "json", "-e", "LEGACY_VARIANT=changed", "--", legacy.command, ...legacy.args]);
    expect(res.code).toBe(EXIT.FAILED);
    const report = json<{ passed: number; failed: number; items: Array<{ name: string; status: string; verdicts: Array<{ pass: boolean; message: string }> }> }>(res.stdout);
    expect(report).toMatchObject({ passed: 2, failed: 1 });
    const add = report.items.find((i) => i.name === "add")!;
    expect(add.status).toBe("fail");
    expect(add.verdicts[0]!.message).toBe('not equal at /content/0/text: expected "3", got "4"');
    expect(readFileSync(junit, "utf8")).toContain('<failure message="equals: not equal at /content/0/text: expected &quot;3&quot;, got &quot;4&quot;" type="assertion">');

    const text = await cli(["run", collection, "--item", "add", "-e", "LEGACY_VARIANT=changed", "--", legacy.command, ...legacy.args]);
    expect(text.code).toBe(EXIT.FAILED);
    expect(text.stdout).toContain("✗ add (tools/call");
    expect(text.stdout).not.toContain("echo");
    expect(text.stdout).toContain("0 passed, 1 failed");
  });

  it("a file that is not a collection is a usage error naming the field", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "mcpscope-collection", version: 1, name: "x", items: [{ name: "a", method: "initialize" }] }));
    const res = await cli(["run", bad, "--", legacy.command, ...legacy.args]);
    expect(res.code).toBe(EXIT.USAGE);
    expect(res.stderr).toContain("items.0.method: initialize is sent when connecting");
  });

  it("check replays a recording: exit 0 when the answers match, 1 with a JUnit failure when they changed", async () => {
    const recording = join(dir, "check.jsonl");
    expect((await cli(["tools", "call", "add", "--args", '{"a":1,"b":2}', "--record", recording, "--", legacy.command, ...legacy.args])).code).toBe(EXIT.OK);
    const same = await cli(["check", recording, "--", legacy.command, ...legacy.args]);
    expect(same.code).toBe(EXIT.OK);
    expect(same.stdout).toContain("No differences");
    const junit = join(dir, "check.xml");
    const changed = await cli(["check", recording, "--junit", junit, "-e", "LEGACY_VARIANT=changed", "--", legacy.command, ...legacy.args]);
    expect(changed.code).toBe(EXIT.FAILED);
    expect(readFileSync(junit, "utf8")).toContain('<failure message="the answer differs at result.content[0].text"');
    const noServer = await cli(["check", recording]);
    expect(noServer.code).toBe(EXIT.USAGE);
    expect(noServer.stderr).toContain("check never starts what a recording names");
  });
});
