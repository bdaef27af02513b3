import { describe, expect, it } from "vitest";
import { promptArgsSchema } from "./promptArgsSchema";

describe("promptArgsSchema", () => {
  it("turns arguments into string properties, keeping descriptions and required names", () => {
    expect(
      promptArgsSchema([
        { name: "city", description: "Name of the city", required: true },
        { name: "state", description: "Name of the state" },
      ]),
    ).toEqual({
      type: "object",
      properties: {
        city: { type: "string", title: "city", description: "Name of the city" },
        state: { type: "string", title: "state", description: "Name of the state" },
      },
      required: ["city"],
    });
  });

  it("answers an empty object schema for no arguments and skips nameless ones", () => {
    expect(promptArgsSchema(undefined)).toEqual({ type: "object", properties: {} });
    expect(promptArgsSchema([{ name: "" }, { required: true } as never])).toEqual({ type: "object", properties: {} });
  });
});
