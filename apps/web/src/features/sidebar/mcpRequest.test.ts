import { describe, expect, it } from "vitest";
import { isMethodNotFound, mcpErrorHint, McpRequestError } from "./mcpRequest";

describe("mcpErrorHint", () => {
  it("says what to try for the common JSON-RPC and MCP error codes", () => {
    expect(mcpErrorHint("tasks/list", -32601)).toContain("does not implement tasks/list");
    expect(mcpErrorHint("prompts/get", -32602)).toContain("parameters");
    expect(mcpErrorHint("resources/read", -32002)).toContain("no resource at this URI");
    expect(mcpErrorHint("tools/call", -32001)).toContain("timeout");
    expect(mcpErrorHint("tools/call", 12345)).toBeUndefined();
  });
});

describe("McpRequestError", () => {
  it("carries the method and JSON-RPC code, and is recognised as method-not-found", () => {
    const err = new McpRequestError("resources/templates/list", -32601, "Method not found");
    expect(err.message).toBe("resources/templates/list failed: protocol error -32601: Method not found");
    expect(err.hint).toContain("does not implement resources/templates/list");
    expect(isMethodNotFound(err)).toBe(true);
    expect(isMethodNotFound(new McpRequestError("x", -32602, "bad"))).toBe(false);
    expect(isMethodNotFound(new Error("x"))).toBe(false);
  });
});
