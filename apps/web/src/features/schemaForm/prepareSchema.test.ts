import { describe, expect, it } from "vitest";
import { prepareSchema, pruneUndefined } from "./prepareSchema";

describe("prepareSchema", () => {
  it("drops $id and defaults to an empty object schema", () => {
    expect(prepareSchema({ $id: "urn:x", type: "object", properties: { a: { type: "string" } } })).toEqual({
      type: "object",
      properties: { a: { type: "string" } },
    });
    expect(prepareSchema(undefined)).toEqual({ type: "object", properties: {} });
  });
});

describe("pruneUndefined", () => {
  it("omits optional fields left empty, recursively", () => {
    expect(pruneUndefined({ a: undefined, b: 1, c: { d: undefined, e: [1, { f: undefined }] } })).toEqual({ b: 1, c: { e: [1, {}] } });
  });
});
