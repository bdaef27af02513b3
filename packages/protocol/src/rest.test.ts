import { describe, expect, it } from "vitest";
import { isSendRequestBody, SendRequestBodySchema } from "./rest.js";

describe("isSendRequestBody", () => {
  // Bodies on both sides of every rule of SendRequestBodySchema.
  const bodies: unknown[] = [
    { method: "tools/call" },
    { method: "tools/call", params: { name: "echo", arguments: { message: "hi" } } },
    { method: "ping", params: {}, timeoutMs: 1 },
    { method: "ping", timeoutMs: 3_600_000 },
    { method: "ping", timeoutMs: 3_600_001 },
    { method: "ping", timeoutMs: 0 },
    { method: "ping", timeoutMs: -5 },
    { method: "ping", timeoutMs: 1.5 },
    { method: "ping", timeoutMs: "100" },
    { method: "ping", timeoutMs: null },
    { method: "ping", timeoutMs: Number.NaN },
    { method: "ping", timeoutMs: Number.POSITIVE_INFINITY },
    { method: "ping", extra: true },
    { method: "" },
    { method: 5 },
    { method: null },
    {},
    { params: {} },
    { method: "ping", params: [] },
    { method: "ping", params: null },
    { method: "ping", params: "x" },
    { method: "ping", params: Object.create(null) as object },
    { method: "ping", params: new Date() },
    { method: "ping", params: { _meta: { progressToken: 1 } } },
    JSON.parse('{"method":"ping","params":{"__proto__":{"a":1}}}') as unknown,
    Object.assign(Object.create(null) as object, { method: "ping" }),
    [],
    ["ping"],
    null,
    undefined,
    "ping",
    42,
    new Date(),
  ];

  it("answers as SendRequestBodySchema does, for every body", () => {
    const answers = bodies.map((body) => [body, isSendRequestBody(body), SendRequestBodySchema.safeParse(body).success]);
    expect(answers.filter(([, fast, schema]) => fast !== schema)).toEqual([]);
    // Both sides are covered: some bodies pass, some are refused.
    expect(answers.some(([, fast]) => fast)).toBe(true);
    expect(answers.some(([, fast]) => !fast)).toBe(true);
  });
});
