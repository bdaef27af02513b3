import { describe, expect, it } from "vitest";
import { ZOO } from "@mcpscope/fixtures/schemaZoo";
import { validateJson } from "./validateJson.js";

describe("validateJson (Ajv)", () => {
  it("validates 2020-12 by default, with formats, and names the failing paths", () => {
    const schema = ZOO.scalars!;
    expect(validateJson(schema, { code: "ABC", contact: "a@b.co", day: "2026-11-23" })).toEqual({ valid: true, dialect: "2020-12", errors: [] });
    const bad = validateJson(schema, { code: "abc", contact: "nope", count: 99 });
    expect(bad.valid).toBe(false);
    expect(bad.errors.map((e) => e.path).sort()).toEqual(["/code", "/contact", "/count"]);
  });

  it("follows $ref to $defs recursively and draft-07 definitions", () => {
    expect(validateJson(ZOO.refs!, { tree: { label: "a", children: [{ label: "b", children: [] }] } }).valid).toBe(true);
    expect(validateJson(ZOO.refs!, { tree: { label: "a", children: [{ children: [] }] } }).errors).toEqual([{ path: "/tree/children/0/label", message: "must have required property 'label'" }]);
    const draft7 = validateJson(ZOO["draft07-definitions"]!, { home: { street: "x" } });
    expect(draft7).toMatchObject({ valid: false, dialect: "draft-07", errors: [{ path: "/home/city" }] });
  });

  it("throws on a schema that is not a schema", () => {
    expect(() => validateJson({ type: "nope" }, 1)).toThrow();
  });
});
