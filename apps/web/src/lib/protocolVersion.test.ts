import { describe, expect, it } from "vitest";
import { isOlderProtocol, negotiationLabel } from "./protocolVersion";

describe("negotiationLabel", () => {
  it("says how the revision was chosen", () => {
    expect(negotiationLabel(undefined)).toBeUndefined();
    expect(negotiationLabel({ mode: "auto", outcome: "discover" })).toBe("auto");
    expect(negotiationLabel({ mode: "auto", outcome: "fallback", reason: "no answer" })).toBe("auto → initialize");
    expect(negotiationLabel({ mode: "auto", outcome: "initialize" })).toBe("auto, initialize");
    expect(negotiationLabel({ mode: "pinned", outcome: "initialize" })).toBe("pinned");
  });
});

describe("isOlderProtocol", () => {
  it("compares revisions as dates", () => {
    expect(isOlderProtocol("2025-06-18")).toBe(true);
    expect(isOlderProtocol("2026-07-28")).toBe(false);
    expect(isOlderProtocol(undefined)).toBe(false);
  });
});
