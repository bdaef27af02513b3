import { describe, expect, it } from "vitest";
import type { SessionTarget } from "@mcpscope/protocol/types";
import { bodyRows, commandLine, newSessionBody } from "./newSessionBody";

describe("newSessionBody", () => {
  it("sends a stdio target's command, arguments, environment and working directory as recorded, without its client behaviour", () => {
    const target: SessionTarget = {
      transport: "stdio",
      command: "/bin/sh",
      args: ["-c", 'touch "/tmp/x"'],
      env: { API_KEY: "[redacted]", MODE: "dev" },
      cwd: "/srv",
      name: "edited",
      client: { capabilities: { sampling: true, elicitation: true, roots: true }, roots: [{ uri: "file:///home" }], autoAnswer: {} },
    };
    const body = newSessionBody(target);
    expect(body).toEqual({ transport: "stdio", command: "/bin/sh", args: ["-c", 'touch "/tmp/x"'], env: { API_KEY: "[redacted]", MODE: "dev" }, cwd: "/srv", name: "edited" });
    expect(bodyRows(body)).toEqual([
      { label: "Transport", value: "stdio", redacted: false },
      { label: "Command", value: "/bin/sh", redacted: false },
      { label: "Argument 1", value: "-c", redacted: false },
      { label: "Argument 2", value: 'touch "/tmp/x"', redacted: false },
      { label: "Environment API_KEY", value: "[redacted]", redacted: true },
      { label: "Environment MODE", value: "dev", redacted: false },
      { label: "Working directory", value: "/srv", redacted: false },
      { label: "Name", value: "edited", redacted: false },
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
});
