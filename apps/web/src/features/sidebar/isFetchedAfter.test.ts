import { describe, expect, it } from "vitest";
import { isFetchedAfter } from "./isFetchedAfter";

describe("isFetchedAfter", () => {
  const change = { seq: 40, ts: 1_000 };

  it("compares a paged list's held seq with the notification's seq, whatever the clocks say", () => {
    expect(isFetchedAfter({ data: { pages: [{ items: [], heldSeq: 39 }] }, dataUpdatedAt: 9_999 }, change)).toBe(false);
    expect(isFetchedAfter({ data: { pages: [{ items: [], heldSeq: 40 }] }, dataUpdatedAt: 1 }, change)).toBe(true);
  });

  it("compares times for a list without seqs (tools), and never for one not fetched yet", () => {
    expect(isFetchedAfter({ data: [], dataUpdatedAt: 999 }, change)).toBe(false);
    expect(isFetchedAfter({ data: [], dataUpdatedAt: 1_001 }, change)).toBe(true);
    expect(isFetchedAfter({ dataUpdatedAt: 0 }, change)).toBe(false);
  });
});
