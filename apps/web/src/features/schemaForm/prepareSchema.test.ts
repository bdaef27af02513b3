import { describe, expect, it } from "vitest";
import { ANY_VALUE_DEF, prepareSchema, pruneUndefined } from "./prepareSchema";

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

describe("prepareSchema rewrites for RJSF", () => {
  it("types a oneOf of const so it renders as a select with titles", () => {
    const s = prepareSchema({ type: "object", properties: { level: { oneOf: [{ const: "low", title: "Low" }, { const: "high" }] } } });
    expect(s.properties?.level).toEqual({ type: "string", oneOf: [{ const: "low", title: "Low" }, { const: "high", title: "high" }] });
  });

  it("turns anyOf [scalar, null] into a nullable type and titles other options", () => {
    const s = prepareSchema({
      type: "object",
      properties: { n: { anyOf: [{ type: "number" }, { type: "null" }], description: "d" }, o: { anyOf: [{ $ref: "#/$defs/thing" }, { type: "null" }] } },
    });
    expect(s.properties?.n).toEqual({ type: ["number", "null"], description: "d" });
    expect(s.properties?.o).toEqual({ anyOf: [{ $ref: "#/$defs/thing", title: "thing" }, { type: "null", title: "null" }] });
  });

  it("makes const fields filled in and read-only, and splits multi-type fields", () => {
    const s = prepareSchema({ type: "object", properties: { v: { const: 2 }, e: { type: ["string", "number"] } } });
    expect(s.properties?.v).toEqual({ const: 2, type: "integer", readOnly: true });
    expect(s.properties?.e).toEqual({ anyOf: [{ type: "string", title: "string" }, { type: "number", title: "number" }] });
  });

  it("walks $defs, items and compositions", () => {
    const s = prepareSchema({ $defs: { k: { enum: [1, 2.5] } }, type: "object", properties: { a: { type: "array", items: { allOf: [{ const: "x" }] } } } });
    expect((s.$defs as Record<string, unknown>).k).toEqual({ enum: [1, 2.5], type: "number" });
    expect((s.properties?.a as { items: { allOf: unknown[] } }).items.allOf[0]).toMatchObject({ const: "x", readOnly: true });
  });
});

describe("prepareSchema for values of any type", () => {
  it("gives a typeless property, item or map value a choice of one field per JSON type", () => {
    const s = prepareSchema({ type: "object", properties: { a: { description: "anything" }, b: { type: "array", items: {} } } }) as unknown as { properties: Record<string, unknown>; $defs: unknown };
    expect(s.properties.a).toEqual({ description: "anything", $ref: `#/$defs/${ANY_VALUE_DEF}` });
    expect((s.properties.b as { items: unknown }).items).toEqual({ $ref: `#/$defs/${ANY_VALUE_DEF}` });
    const any = (s.$defs as Record<string, { anyOf: Array<{ type: string }> }>)[ANY_VALUE_DEF]!;
    expect(any.anyOf.map((o) => o.type)).toEqual(["string", "number", "boolean", "object", "array", "null"]);
    // Schemas that only constrain (an allOf member, a oneOf option) are left alone.
    expect(prepareSchema({ type: "object", properties: { c: { allOf: [{ description: "x" }] } } }).properties?.c).toEqual({ allOf: [{ description: "x" }] });
  });
});

describe("prepareSchema for anyOf of const", () => {
  it("makes an anyOf of distinct consts a oneOf (same values accepted, no first choice forced)", () => {
    expect(prepareSchema({ type: "object", properties: { m: { anyOf: [{ const: "a" }, { const: "b", title: "B" }] } } }).properties?.m).toEqual({
      type: "string",
      oneOf: [
        { const: "a", title: "a" },
        { const: "b", title: "B" },
      ],
    });
  });
});
