import { describe, expect, it } from "vitest";
import { checkRoot, sameRoots } from "./checkRoot";

describe("checkRoot", () => {
  it("accepts a file:// URI, trimmed, with an optional name", () => {
    expect(checkRoot("  file:///projects/demo ", " demo ", [])).toEqual({ root: { uri: "file:///projects/demo", name: "demo" } });
    expect(checkRoot("file:///tmp", "  ", [])).toEqual({ root: { uri: "file:///tmp" } });
  });

  it("refuses other schemes, empty input, invalid URIs and duplicates, saying how to fix it", () => {
    expect(checkRoot("", "", [])).toEqual({ error: expect.stringContaining("Enter the root's URI") });
    expect(checkRoot("/home/me", "", [])).toEqual({ error: expect.stringContaining("must start with file://") });
    expect(checkRoot("https://example.com", "", [])).toEqual({ error: expect.stringContaining("must start with file://") });
    expect(checkRoot("file://exa mple/x", "", [])).toEqual({ error: expect.stringContaining("not a valid URI") });
    expect(checkRoot("file:///a", "", [{ uri: "file:///a" }])).toEqual({ error: "file:///a is already a root." });
  });
});

describe("sameRoots", () => {
  it("compares uris and names in order, a missing name equal to an empty one", () => {
    expect(sameRoots([{ uri: "file:///a" }], [{ uri: "file:///a", name: "" }])).toBe(true);
    expect(sameRoots([{ uri: "file:///a", name: "x" }], [{ uri: "file:///a" }])).toBe(false);
    expect(sameRoots([{ uri: "file:///a" }, { uri: "file:///b" }], [{ uri: "file:///b" }, { uri: "file:///a" }])).toBe(false);
  });
});
