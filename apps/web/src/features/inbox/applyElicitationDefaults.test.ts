import { describe, expect, it } from "vitest";
import { applyElicitationDefaults } from "./applyElicitationDefaults";

const schema = {
  type: "object",
  properties: {
    name: { type: "string" },
    firstLine: { type: "string", default: "It was a dark and stormy night." },
    integer: { type: "integer", default: 42 },
    check: { type: "boolean", default: true },
    instruments: { type: "array", items: { type: "string", enum: ["Guitar", "Piano"] }, default: ["Guitar"] },
  },
  required: ["name"],
};

describe("applyElicitationDefaults", () => {
  it("fills the defaults of fields the user left alone", () => {
    expect(applyElicitationDefaults(schema, { name: "Ada" })).toEqual({
      name: "Ada",
      firstLine: "It was a dark and stormy night.",
      integer: 42,
      check: true,
      instruments: ["Guitar"],
    });
  });

  it("keeps what the user gave, falsy values included", () => {
    expect(applyElicitationDefaults(schema, { name: "", integer: 0, check: false, firstLine: "Call me Ishmael." })).toMatchObject({
      name: "",
      integer: 0,
      check: false,
      firstLine: "Call me Ishmael.",
    });
  });

  it("treats undefined members as left alone and drops them", () => {
    const content = applyElicitationDefaults(schema, { name: undefined, integer: undefined });
    expect(content).toEqual({ firstLine: "It was a dark and stormy night.", integer: 42, check: true, instruments: ["Guitar"] });
    expect("name" in content).toBe(false);
  });

  it("copies array defaults instead of sharing them with the schema", () => {
    const content = applyElicitationDefaults(schema, {});
    (content.instruments as string[]).push("Piano");
    expect(schema.properties.instruments.default).toEqual(["Guitar"]);
  });

  it("copes with schemas without properties", () => {
    expect(applyElicitationDefaults(undefined, { a: 1 })).toEqual({ a: 1 });
    expect(applyElicitationDefaults({ type: "object" }, undefined)).toEqual({});
  });
});
