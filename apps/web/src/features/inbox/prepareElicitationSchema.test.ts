import { describe, expect, it } from "vitest";
import { prepareElicitationSchema } from "./prepareElicitationSchema";

describe("prepareElicitationSchema", () => {
  const schema = {
    type: "object",
    properties: {
      name: { type: "string" },
      pet: { type: "string", enum: ["pet-1", "pet-2"], enumNames: ["Cats", "Dogs"], default: "pet-1" },
      instruments: { type: "array", items: { type: "string", enum: ["Guitar", "Piano"] } },
      fish: { type: "array", items: { anyOf: [{ const: "fish-1", title: "Tuna" }] } },
      tags: { type: "array", items: { type: "string" } },
    },
    required: ["name"],
  };

  it("turns legacy enumNames into titled oneOf options and marks multi-select enums uniqueItems", () => {
    const prepared = prepareElicitationSchema(schema) as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(prepared.properties.pet).toEqual({
      type: "string",
      oneOf: [
        { const: "pet-1", title: "Cats" },
        { const: "pet-2", title: "Dogs" },
      ],
      default: "pet-1",
    });
    expect(prepared.properties.instruments!.uniqueItems).toBe(true);
    expect(prepared.properties.fish!.uniqueItems).toBe(true);
    expect(prepared.properties.tags!.uniqueItems).toBeUndefined();
    expect(prepared.properties.name).toEqual({ type: "string" });
    expect(prepared.required).toEqual(["name"]);
  });

  it("leaves the input alone", () => {
    const before = JSON.stringify(schema);
    prepareElicitationSchema(schema);
    expect(JSON.stringify(schema)).toBe(before);
  });

  it("passes through schemas without properties", () => {
    expect(prepareElicitationSchema(undefined)).toBeUndefined();
    expect(prepareElicitationSchema({ type: "object" })).toEqual({ type: "object" });
  });
});
