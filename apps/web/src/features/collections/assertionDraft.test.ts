import { describe, expect, it } from "vitest";
import { assertionsOf, draftFor } from "./assertionDraft";
import type { SaveSource } from "./saveSource";

const echo: SaveSource = { method: "tools/call", params: { name: "echo" }, answer: { result: { content: [{ type: "text", text: "Echo: hi" }] } }, durationMs: 42, suggestedName: "echo" };

describe("assertionDraft", () => {
  it("starts from what the request got", () => {
    expect(draftFor(echo)).toMatchObject({ noError: true, expectError: false, containsText: "Echo: hi", latencyMs: "300", schemaPath: "" });
    expect(draftFor({ ...echo, answer: { error: { code: -32601, message: "nope" } } })).toMatchObject({ noError: false, expectError: true });
    expect(draftFor({ ...echo, answer: { result: { isError: true, content: [] } } })).toMatchObject({ noError: false, expectError: false });
    expect(draftFor({ ...echo, outputSchema: { type: "object" } }).schemaPath).toBe("/structuredContent");
  });

  it("turns the checks that are on into assertions, or says what is wrong", () => {
    const draft = { ...draftFor(echo), equals: true, contains: true, latency: true, schema: true };
    expect(assertionsOf(draft, echo)).toEqual({
      assertions: [
        { type: "noError" },
        { type: "equals", value: { content: [{ type: "text", text: "Echo: hi" }] } },
        { type: "contains", text: "Echo: hi" },
        { type: "schema", schema: { type: "object" } },
        { type: "latency", maxMs: 300 },
      ],
    });
    expect(assertionsOf({ ...draft, schemaText: "[1]" }, echo)).toEqual({ problem: "The JSON Schema must be a JSON object." });
    expect(assertionsOf({ ...draft, latencyMs: "soon" }, echo)).toEqual({ problem: "The latency limit must be a positive number of milliseconds." });
    const error: SaveSource = { ...echo, answer: { error: { code: -32601, message: "nope" } } };
    expect(assertionsOf(draftFor(error), error)).toEqual({ assertions: [{ type: "error", code: -32601 }] });
  });
});
