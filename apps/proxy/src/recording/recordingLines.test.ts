import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FrameFile } from "./frameFile.js";
import { InvalidRecordingError, parseFrameLine, parseHeaderLine } from "./recordingLines.js";

const target = { transport: "stdio", command: "node", args: ["server.js"], env: {} };
const header = (session: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "mcpscope-recording", version: 1, session: { id: "s1", createdAt: 1_700_000_000_000, transport: "stdio", target, ...session }, ...extra });
const frame = (seq: number, fields: Record<string, unknown> = {}) =>
  JSON.stringify({ sessionId: "s1", seq, ts: 1_700_000_000_000 + seq, dir: "in", kind: "stderr", raw: `line ${seq}`, bytes: 6, ...fields });

/** The error a function throws, asserting it is an InvalidRecordingError. */
function refusal(fn: () => unknown): InvalidRecordingError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidRecordingError);
    return err as InvalidRecordingError;
  }
  throw new Error("expected a refusal");
}

describe("parseHeaderLine", () => {
  it("accepts a header mcpscope writes, filling the target's defaults", () => {
    const parsed = parseHeaderLine(header({ target: { transport: "stdio", command: "node" } }));
    expect(parsed.session).toMatchObject({ id: "s1", target: { transport: "stdio", command: "node", args: [], env: {} } });
  });

  it.each([
    ["not JSON", "{nope", /line 1: not JSON/],
    ["an array", "[1,2]", /line 1: its first line is not a recording header .*got \[1,2\]/],
    ["a frame where the header belongs", frame(1), /line 1: its first line is not a recording header/],
    ["a HAR file", JSON.stringify({ log: { version: "1.2" } }), /not a recording header/],
    ["another format version", header({}, { version: 2 }), /line 1: recording format version 2 is not supported \(this mcpscope reads version 1\)/],
    ["a session id that could break a header or a file name", header({ id: 'x"\r\nSet-Cookie: a=b' }), /line 1: invalid recording header: session\.id: a session id is 1 to 128/],
    ["a session id that is not a string", header({ id: 42 }), /session\.id: /],
    ["no target", header({ target: undefined }), /session\.target: /],
    ["a target with an empty command", header({ target: { transport: "stdio", command: "" } }), /session\.target\.command: command must not be empty/],
    ["a target on an unknown transport", header({ target: { transport: "carrier-pigeon", command: "x" } }), /session\.target/],
    ["a target URL that is not http(s)", header({ target: { transport: "streamable-http", url: "file:///etc/passwd" } }), /session\.target\.url: url must be an http: or https: URL/],
    ["a createdAt that is not a number", header({ createdAt: "yesterday" }), /session\.createdAt: /],
  ])("refuses %s, naming line 1", (_what, line, message) => {
    const err = refusal(() => parseHeaderLine(line));
    expect(err.line).toBe(1);
    expect(err.code).toBe("INVALID_RECORDING");
    expect(err.toBody()).toMatchObject({ statusCode: 422, code: "MCPSCOPE_INVALID_RECORDING", hint: expect.stringContaining("exported by mcpscope") });
    expect(err.message).toMatch(/^Not an mcpscope recording: /);
    expect(err.message).toMatch(message);
  });
});

describe("parseFrameLine", () => {
  it("accepts a frame whose seq is its place in the file, and returns the line as written", () => {
    const text = frame(3, { kind: "request", dir: "out", msg: { method: "ping", jsonrpc: "2.0", id: 7 } });
    const parsed = parseFrameLine(text, 4);
    expect(JSON.stringify(parsed)).toBe(text);
  });

  it.each([
    ["not JSON", "{\"seq\":", /line 7: not JSON/],
    ["a huge seq", frame(1e300), /line 7: not a valid frame: seq: Too big/],
    ["a seq far ahead", frame(2 ** 40), /line 7: seq is 1099511627776, expected 6 \(frames are numbered 1, 2, 3… in line order\)/],
    ["a seq out of order", frame(5), /line 7: seq is 5, expected 6/],
    ["a seq that is a string", frame(6, { seq: "6" }), /line 7: not a valid frame: seq: /],
    ["a fractional seq", frame(6, { seq: 5.5 }), /line 7: not a valid frame: seq: /],
    ["raw that is not a string", frame(6, { raw: { evil: true } }), /line 7: not a valid frame: raw: /],
    ["bytes that are negative", frame(6, { bytes: -1 }), /line 7: not a valid frame: bytes: /],
    ["an unknown direction", frame(6, { dir: "sideways" }), /line 7: not a valid frame: dir: /],
    ["an unknown kind", frame(6, { kind: "exploit" }), /line 7: not a valid frame: kind: /],
    ["a request without its message", frame(6, { kind: "request" }), /line 7: not a valid frame: msg: a request frame must carry its parsed message/],
    ["a request whose message is a response", frame(6, { kind: "request", msg: { jsonrpc: "2.0", id: 1, result: {} } }), /kind: kind is "request" but msg is a response/],
    ["a message with a method that is not a string", frame(6, { kind: "notification", msg: { jsonrpc: "2.0", method: 5 } }), /msg\.method: /],
    ["a message without jsonrpc 2.0", frame(6, { kind: "notification", msg: { jsonrpc: "1.0", method: "x" } }), /msg\.jsonrpc: /],
    ["meta that is not an object", frame(6, { meta: "spawned" }), /meta: /],
    ["a header where a frame belongs", header(), /line 7: not a valid frame: /],
    ["null", "null", /line 7: not a valid frame: /],
  ])("refuses %s, naming its line", (_what, line, message) => {
    const err = refusal(() => parseFrameLine(line, 7));
    expect(err.line).toBe(7);
    expect(err.message).toMatch(message);
  });
});

describe("FrameFile.open of a recording with a bad line", () => {
  const write = (lines: string[]) => {
    const path = join(mkdtempSync(join(tmpdir(), "mcpscope-lines-")), "r.jsonl");
    writeFileSync(path, lines.join("\n") + "\n");
    return path;
  };

  it("with checkAll, names the first bad line at once", () => {
    const path = write([header(), frame(1), frame(2), frame(3), "{broken", frame(99)]);
    const err = refusal(() => FrameFile.open(path, { checkAll: true }));
    expect(err.line).toBe(5);
    expect(err.message).toMatch(/^Not an mcpscope recording: line 5: not JSON \(.+\)$/);
  });

  it("without it, serves the good frames and names the bad line when it is read", () => {
    const path = write([header(), frame(1), frame(2), frame(3), frame(40)]);
    const { file } = FrameFile.open(path);
    try {
      expect(file.frameCount).toBe(4);
      expect(file.read(1, 3).map((f) => f.seq)).toEqual([1, 2, 3]);
      expect(refusal(() => file.read(2, 10)).message).toMatch(/^Not an mcpscope recording: line 5: seq is 40, expected 4/);
    } finally {
      file.close();
    }
  });

  it("refuses an empty file and a header line with no end", () => {
    expect(refusal(() => FrameFile.open(write([""]).replace(/$/, ""))).message).toMatch(/line 1: /);
    const empty = join(mkdtempSync(join(tmpdir(), "mcpscope-lines-")), "empty.jsonl");
    writeFileSync(empty, "");
    expect(refusal(() => FrameFile.open(empty)).message).toBe("Not an mcpscope recording: line 1: the file is empty");
    const unterminated = join(mkdtempSync(join(tmpdir(), "mcpscope-lines-")), "u.jsonl");
    writeFileSync(unterminated, header());
    expect(refusal(() => FrameFile.open(unterminated)).message).toMatch(/line 1: no complete first line/);
  });
});
