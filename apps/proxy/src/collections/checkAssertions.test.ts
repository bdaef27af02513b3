import { describe, expect, it } from "vitest";
import type { Assertion } from "@mcpscope/protocol";
import { atPointer, checkAssertions, textsOf } from "./checkAssertions.js";

const toolResult = { content: [{ type: "text", text: "Echo: hi" }, { type: "resource", resource: { uri: "a://b", text: "inner text" } }], structuredContent: { n: 3, at: { "a/b": [1, 2] } } };
const ok = { result: toolResult, durationMs: 12 };
const verdicts = (assertions: Assertion[], answer: Parameters<typeof checkAssertions>[1] = ok) => checkAssertions(assertions, answer).map((v) => [v.pass, v.message]);

describe("checkAssertions", () => {
  it("applies noError when an item has no assertions, failing on isError with the tool's text", () => {
    expect(verdicts([])).toEqual([[true, "no error"]]);
    expect(verdicts([], { result: { content: [{ type: "text", text: "closed today" }], isError: true }, durationMs: 1 })).toEqual([[false, "the tool reported an error (isError: true): closed today"]]);
  });

  it("equals compares the value at a JSON Pointer, ignoring _meta and volatile keys", () => {
    expect(verdicts([{ type: "equals", path: "/content/0/text", value: "Echo: hi" }])).toEqual([[true, "equal at /content/0/text"]]);
    expect(verdicts([{ type: "equals", path: "/structuredContent/at/a~1b/1", value: 2 }])).toEqual([[true, "equal at /structuredContent/at/a~1b/1"]]);
    expect(verdicts([{ type: "equals", path: "/structuredContent", value: { n: 4, at: { "a/b": [1, 2] } } }])).toEqual([[false, 'not equal at /structuredContent (differs at n): expected {"n":4,"at":{"a/b":[1,2]}}, got {"n":3,"at":{"a/b":[1,2]}}']]);
    expect(verdicts([{ type: "equals", value: { ...toolResult, _meta: { x: 1 } } }], { result: { ...toolResult, _meta: { y: 2 } }, durationMs: 1 })[0]![0]).toBe(true);
    expect(verdicts([{ type: "equals", path: "/content/9", value: 1 }])).toEqual([[false, "nothing at /content/9 in the result"]]);
  });

  it("schema validates with Ajv (2020-12 by default) and names each issue; a broken schema fails clearly", () => {
    expect(verdicts([{ type: "schema", path: "/structuredContent", schema: { type: "object", required: ["n"], properties: { n: { type: "integer" } } } }])).toEqual([[true, "valid at /structuredContent (JSON Schema 2020-12)"]]);
    expect(verdicts([{ type: "schema", schema: { type: "object", required: ["missing"] } }])).toEqual([[false, "invalid (JSON Schema 2020-12): /missing must have required property 'missing'"]]);
    expect(verdicts([{ type: "schema", schema: { type: "nonsense" } }])[0]![1]).toMatch(/^the assertion's schema is not a valid JSON Schema/);
  });

  it("contains looks in every text (content blocks, embedded resources, messages)", () => {
    expect(verdicts([{ type: "contains", text: "inner" }])).toEqual([[true, 'a text contains "inner"']]);
    expect(verdicts([{ type: "contains", text: "absent" }])).toEqual([[false, 'no text contains "absent" (texts: ["Echo: hi","inner text"])']]);
  });

  it("latency compares the round trip with the limit", () => {
    expect(verdicts([{ type: "latency", maxMs: 12 }])).toEqual([[true, "answered in 12 ms (limit 12 ms)"]]);
    expect(verdicts([{ type: "latency", maxMs: 5 }])).toEqual([[false, "answered in 12 ms (limit 5 ms)"]]);
  });

  it("a JSON-RPC error fails the item unless an error assertion expects it (of that code)", () => {
    const error = { error: { code: -32601, message: "Method not found" }, durationMs: 3 };
    expect(verdicts([{ type: "error" }], error)).toEqual([[true, "JSON-RPC error -32601: Method not found"]]);
    expect(verdicts([{ type: "error", code: -32602 }], error)).toEqual([[false, "expected JSON-RPC error -32602, got -32601: Method not found"]]);
    expect(verdicts([{ type: "latency", maxMs: 100 }], error)).toEqual([
      [true, "answered in 3 ms (limit 100 ms)"],
      [false, "the server answered with JSON-RPC error -32601: Method not found"],
    ]);
    expect(verdicts([{ type: "error" }])).toEqual([[false, "expected a JSON-RPC error, got a result"]]);
  });
});

describe("atPointer and textsOf", () => {
  it("follow RFC 6901 and collect texts in order", () => {
    expect(atPointer({ a: [{ "~x": 1 }] }, "/a/0/~0x")).toEqual({ found: true, value: 1 });
    expect(atPointer({ a: [] }, "/a/01")).toEqual({ found: false });
    expect(atPointer({ a: 1 }, "/toString")).toEqual({ found: false });
    expect(textsOf({ messages: [{ content: { type: "text", text: "one" } }, { content: { text: "two" } }] })).toEqual(["one", "two"]);
  });
});
