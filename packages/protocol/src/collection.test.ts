import { describe, expect, it } from "vitest";
import { CollectionSchema, collectionIdFor, COLLECTION_ID_PATTERN, SaveCollectionItemBodySchema } from "./index.js";

describe("collection format", () => {
  it("derives file-safe ids from names", () => {
    expect(collectionIdFor("Smoke tests!")).toBe("smoke-tests");
    expect(collectionIdFor("../../etc/passwd")).toBe("etc-passwd");
    expect(collectionIdFor("Crème brûlée")).toBe("creme-brulee");
    expect(collectionIdFor("...")).toBe("collection");
    expect(collectionIdFor("x".repeat(100))).toHaveLength(64);
    for (const name of ["a/b", "..", "Über", "   ", "-_-"]) expect(COLLECTION_ID_PATTERN.test(collectionIdFor(name)), name).toBe(true);
  });

  it("fills defaults, refuses initialize and duplicate item names", () => {
    const base = { format: "mcpscope-collection", version: 1, name: "c" };
    expect(CollectionSchema.parse({ ...base, items: [{ name: "a", method: "ping" }] }).items[0]).toEqual({ name: "a", method: "ping", params: {}, assertions: [] });
    expect(CollectionSchema.safeParse({ ...base, items: [{ name: "a", method: "initialize" }] }).success).toBe(false);
    const dup = CollectionSchema.safeParse({ ...base, items: [{ name: "a", method: "ping" }, { name: "a", method: "ping" }] });
    expect(dup.error?.issues[0]?.message).toBe('two items are named "a"; names must be unique');
    expect(CollectionSchema.safeParse({ ...base, version: 2, items: [] }).success).toBe(false);
    expect(CollectionSchema.parse({ ...base, items: [], savedBy: "someone" })).toHaveProperty("savedBy", "someone");
  });

  it("validates assertions by type", () => {
    const body = (assertions: unknown[]) => SaveCollectionItemBodySchema.safeParse({ item: { name: "a", method: "ping", assertions } }).success;
    expect(body([{ type: "noError" }, { type: "equals", path: "/x", value: null }, { type: "latency", maxMs: 5 }, { type: "error", code: -1 }])).toBe(true);
    expect(body([{ type: "equals", path: "x", value: 1 }])).toBe(false);
    expect(body([{ type: "contains", text: "" }])).toBe(false);
    expect(body([{ type: "latency", maxMs: 0 }])).toBe(false);
    expect(body([{ type: "bogus" }])).toBe(false);
  });
});
