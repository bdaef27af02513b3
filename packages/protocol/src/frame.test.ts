import { describe, expect, it } from "vitest";
import { FrameSchema, JsonRpcMessageSchema } from "./frame.js";
import { classifyMessage } from "./frameKinds.js";

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

describe("FrameSchema and a null id", () => {
  const frame = (kind: string, msg: Record<string, unknown>) => ({ sessionId: "s", seq: 1, ts: 1, dir: "in", kind, raw: JSON.stringify(msg), bytes: JSON.stringify(msg).length, msg });

  it("takes an error frame whose msg has a null id, as the engine records HTTP 4xx answers", () => {
    expect(FrameSchema.safeParse(frame("error", { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null })).success).toBe(true);
  });

  it("refuses a notification frame whose msg has a null id (the wire parser records that line as invalid)", () => {
    const result = FrameSchema.safeParse(frame("notification", { jsonrpc: "2.0", method: "notifications/progress", id: null }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/null id/);
  });
});
