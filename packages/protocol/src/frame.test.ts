import { describe, expect, it } from "vitest";
import { classifyMessage, JsonRpcMessageSchema } from "./frame.js";

describe("classifyMessage", () => {
  it("takes an error with a null id for an error (JSON-RPC 2.0 §5), as HTTP 4xx answers carry", () => {
    const msg = { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null };
    expect(classifyMessage(msg)).toBe("error");
    expect(JsonRpcMessageSchema.safeParse(msg).success).toBe(true);
  });

  it("does not take a result with a null id for a response", () => {
    const msg = { jsonrpc: "2.0", result: {}, id: null };
    expect(classifyMessage(msg)).toBeUndefined();
  });
});
