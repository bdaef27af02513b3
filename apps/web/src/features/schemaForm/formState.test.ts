import { describe, expect, it } from "vitest";
import { ZOO } from "@mcpscope/fixtures/schemaZoo";
import { formState } from "./formState";
import { prepareSchema, pruneUndefined } from "./prepareSchema";

describe("formState", () => {
  const compositions = prepareSchema(ZOO.compositions);

  it("fills defaults visibly, without creating optional objects just for a const", () => {
    expect(pruneUndefined(formState(prepareSchema(ZOO.scalars), undefined))).toEqual({ version: "v1", count: 3, enabled: false });
    expect(pruneUndefined(formState(compositions, undefined))).toEqual({});
  });

  it("fills the const of the oneOf option the data matches", () => {
    expect(pruneUndefined(formState(compositions, { shape: { radius: 3 } }))).toMatchObject({ shape: { kind: "circle", radius: 3 } });
    expect(pruneUndefined(formState(compositions, { shape: { side: 2 } }))).toMatchObject({ shape: { kind: "square", side: 2 } });
  });
});

describe("formState with an option picked but no data yet", () => {
  it("does not force the first option's const onto an empty object", () => {
    expect(pruneUndefined(formState(prepareSchema(ZOO.compositions), { shape: {} }))).toEqual({ shape: {} });
  });
});
