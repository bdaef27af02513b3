import { describe, expect, it } from "vitest";
import type { RJSFSchema } from "@rjsf/utils";
import { CspSafeValidator } from "./cspSafeValidator";

const schema: RJSFSchema = {
  type: "object",
  properties: {
    message: { type: "string" },
    count: { type: "integer", minimum: 1 },
    nested: { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
  },
  required: ["message"],
};

describe("CspSafeValidator", () => {
  const validator = new CspSafeValidator();

  it("accepts valid data", () => {
    expect(validator.validateFormData({ message: "hi", count: 2 }, schema).errors).toEqual([]);
  });

  it("puts a missing required property's error on that property", () => {
    const { errors, errorSchema } = validator.validateFormData({}, schema);
    expect(errors.map((e) => e.property)).toEqual([".message"]);
    expect(errorSchema.message?.__errors).toEqual(["is a required property"]);
  });

  it("reports leaf errors at their nested path, not the aggregate ones", () => {
    const { errorSchema, errors } = validator.validateFormData({ message: "x", count: 0, nested: {} }, schema);
    expect(errors.map((e) => e.property).sort()).toEqual([".count", ".nested.a"]);
    expect(errorSchema.count?.__errors?.[0]).toMatch(/1/);
    expect((errorSchema.nested as { a?: { __errors?: string[] } }).a?.__errors).toEqual(["is a required property"]);
  });

  it("answers isValid against the root schema's definitions", () => {
    const root: RJSFSchema = { $defs: { s: { type: "string" } }, type: "object", properties: { x: { $ref: "#/$defs/s" } } };
    expect(validator.isValid({ $ref: "#/$defs/s" }, "ok", root)).toBe(true);
    expect(validator.isValid({ $ref: "#/$defs/s" }, 5, root)).toBe(false);
  });

  it("honours draft-07 schemas", () => {
    const d7: RJSFSchema = { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { n: { type: "number" } } };
    expect(validator.validateFormData({ n: "no" }, d7).errors).toHaveLength(1);
  });
});
