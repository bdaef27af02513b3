import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FrameLog } from "../frameLog.js";
import { StdioTapTransport } from "./stdioTapTransport.js";

// A real child process that writes a valid message, garbage, an invalid-UTF-8 line, a
// stderr line and an unterminated tail, then echoes what it reads and exits with code 7.
const SCRIPT = `
process.stdout.write('{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"hi"}}\\n');
process.stdout.write('not json at all\\n');
process.stdout.write(Buffer.from([0x7b, 0xff, 0x7d, 0x0a]));
process.stderr.write('warming up\\n');
process.stdin.once('data', (d) => {
  process.stdout.write(d);
  process.stdout.write('tail without newline');
  setTimeout(() => process.exit(7), 20);
});
`;

describe("StdioTapTransport", () => {
  it("records every stdout line, stderr line and lifecycle event; delivers only JSON-RPC", async () => {
    const log = new FrameLog("s1");
    const transport = new StdioTapTransport(
      { transport: "stdio", command: process.execPath, args: ["-e", SCRIPT], env: {} },
      log,
    );
    const delivered: unknown[] = [];
    transport.onmessage = (m) => delivered.push(m);
    const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
    await transport.start();
    await expect.poll(() => log.recent().filter((f) => f.kind === "stderr").length).toBe(1);
    await transport.send({ jsonrpc: "2.0", id: 1, method: "ping" });
    await closed;

    const frames = log.recent();
    expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => i + 1));
    expect(frames[0]).toMatchObject({ dir: "meta", kind: "lifecycle", meta: { event: "spawned" } });
    const sent = frames.find((f) => f.dir === "out")!;
    expect(sent).toMatchObject({ kind: "request", raw: '{"jsonrpc":"2.0","id":1,"method":"ping"}', bytes: 40 });
    const inbound = frames.filter((f) => f.dir === "in" && f.kind !== "stderr");
    expect(inbound.map((f) => f.kind)).toEqual(["notification", "invalid", "invalid", "request", "invalid"]);
    expect(inbound[1]).toMatchObject({ raw: "not json at all", reason: expect.stringMatching(/^not JSON/) });
    expect(inbound[2]!.reason).toMatch(/invalid UTF-8/);
    expect(inbound[2]!.bytes).toBe(3);
    expect(inbound[4]).toMatchObject({ raw: "tail without newline", reason: "unterminated line at end of stdout" });
    expect(frames.find((f) => f.kind === "stderr")?.raw).toBe("warming up");
    expect(frames.at(-1)).toMatchObject({ kind: "lifecycle", meta: { event: "exited", code: 7, signal: null } });
    expect(transport.exit?.stderrTail).toEqual(["warming up"]);
    expect(delivered).toHaveLength(2); // the notification and the echoed request
  });

  it("rejects start with ENOENT for a command that does not exist, recording the error", async () => {
    const log = new FrameLog("s2");
    const transport = new StdioTapTransport({ transport: "stdio", command: "mcpscope-no-such-command", args: [], env: {} }, log);
    await expect(transport.start()).rejects.toMatchObject({ code: "ENOENT" });
    expect(log.recent()).toHaveLength(1);
    expect(log.recent()[0]).toMatchObject({ kind: "lifecycle", meta: { event: "error", code: "ENOENT" } });
  });

  it("kills the whole process group on close, children included", async () => {
    const log = new FrameLog("s3");
    const child = `const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(()=>{}, 1000)'], {stdio: 'ignore'}); console.error('child ' + c.pid); setInterval(() => {}, 1000);`;
    const transport = new StdioTapTransport({ transport: "stdio", command: process.execPath, args: ["-e", child], env: {} }, log);
    await transport.start();
    await expect.poll(() => log.recent().find((f) => f.kind === "stderr")?.raw).toMatch(/^child \d+$/);
    const grandchild = Number(log.recent().find((f) => f.kind === "stderr")!.raw.split(" ")[1]);
    await transport.close();
    expect(transport.exit?.signal).toBe("SIGTERM");
    await expect.poll(() => isAlive(grandchild)).toBe(false);
  });
});

/** Whether a process runs; a zombie (exited, not yet reaped by init) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}
