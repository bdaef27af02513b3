import { describe, expect, it } from "vitest";
import type { SessionTarget } from "@mcpscope/protocol/types";
import { bodyRows, commandLine, newSessionBody, visible } from "./newSessionBody";

describe("newSessionBody", () => {
  it("sends a stdio target's command, arguments, environment and working directory as recorded, without its client behaviour", () => {
    const target: SessionTarget = {
      transport: "stdio",
      command: "/bin/sh",
      args: ["-c", 'touch "/tmp/x"'],
      env: { API_KEY: "[redacted]", MODE: "dev" },
      cwd: "/srv",
      name: "edited",
      client: { capabilities: { sampling: true, elicitation: true, roots: true, apps: true }, roots: [{ uri: "file:///home" }], autoAnswer: {} },
    };
    const body = newSessionBody(target);
    expect(body).toEqual({ transport: "stdio", command: "/bin/sh", args: ["-c", 'touch "/tmp/x"'], env: { API_KEY: "[redacted]", MODE: "dev" }, cwd: "/srv", name: "edited" });
    expect(bodyRows(body)).toEqual([
      { label: "Transport", value: "stdio", redacted: false, hidden: false },
      { label: "Command", value: "/bin/sh", redacted: false, hidden: false },
      { label: "Argument 1", value: "-c", redacted: false, hidden: false },
      { label: "Argument 2", value: 'touch "/tmp/x"', redacted: false, hidden: false },
      { label: "Environment API_KEY", value: "[redacted]", redacted: true, hidden: false },
      { label: "Environment MODE", value: "dev", redacted: false, hidden: false },
      { label: "Working directory", value: "/srv", redacted: false, hidden: false },
      { label: "Name", value: "edited", redacted: false, hidden: false },
    ]);
    expect(commandLine(body)).toBe('/bin/sh -c "touch \\"/tmp/x\\""');
  });

  it("sends a remote target's URL and headers, never revealing secrets", () => {
    const body = newSessionBody({ transport: "sse", url: "http://127.0.0.1:9/sse", headers: { Authorization: "Bearer [redacted]" }, revealSecrets: true });
    expect(body).toEqual({ transport: "sse", url: "http://127.0.0.1:9/sse", headers: { Authorization: "Bearer [redacted]" }, revealSecrets: false });
    expect(bodyRows(body).map((r) => [r.label, r.value, r.redacted])).toEqual([
      ["Transport", "SSE", false],
      ["URL", "http://127.0.0.1:9/sse", false],
      ["Header Authorization", "Bearer [redacted]", true],
    ]);
    expect(commandLine(body)).toBeUndefined();
  });

  it("writes characters that would not show as themselves as escapes, so a command cannot pass for another", () => {
    expect(visible("report\u202Efdp.sh")).toBe("report\\u{202e}fdp.sh");
    expect(visible("a\u200Bb\nc\x1b[2K")).toBe("a\\u{200b}b\\u{a}c\\u{1b}[2K");
    const body = newSessionBody({ transport: "stdio", command: "/bin/sh", args: ["-c", "rm -rf ~\u202E"], env: { "SAFE\u200B": "1" } });
    const rows = bodyRows(body);
    expect(rows.find((r) => r.label === "Argument 2")).toEqual({ label: "Argument 2", value: "rm -rf ~\\u{202e}", redacted: false, hidden: true });
    expect(rows.find((r) => r.label.startsWith("Environment"))).toMatchObject({ label: "Environment SAFE\\u{200b}", hidden: true });
    expect(commandLine(body)).toBe('/bin/sh -c "rm -rf ~\\u{202e}"');
  });
});
