import { describe, expect, it } from "vitest";
import { compareWithBaseline, TODO, updatedBaseline, type Check, type RunBaseline, type RunResults } from "./baseline.js";

const pass = (id: string): Check => ({ id, status: "SUCCESS" });
const fail = (id: string): Check => ({ id, status: "FAILURE", errorMessage: `${id} broke` });
const results = (entries: Record<string, Check[]>): RunResults => new Map(Object.entries(entries));

describe("compareWithBaseline", () => {
  const baseline: RunBaseline = { known: { why: "the fixture has no prompts", failing: ["a", "b"] } };

  it("accepts a run whose failures are exactly the baselined ones; warnings do not count", () => {
    expect(compareWithBaseline(results({ known: [fail("a"), fail("b")], fine: [pass("x"), { id: "w", status: "WARNING" }] }), baseline)).toEqual([]);
  });

  it("fails on a failure that is not in the baseline, naming the check", () => {
    const problems = compareWithBaseline(results({ known: [fail("a"), fail("b")], fresh: [fail("c")] }), baseline);
    expect(problems).toEqual([{ scenario: "fresh", kind: "unexpected-failure", message: expect.stringContaining("c broke") }]);
  });

  it("fails when a baselined scenario passes, or one of its checks does, or it did not run", () => {
    expect(compareWithBaseline(results({ known: [pass("a"), pass("b")] }), baseline).map((p) => p.kind)).toEqual(["now-passes"]);
    expect(compareWithBaseline(results({ known: [fail("a"), pass("b")] }), baseline)).toEqual([
      { scenario: "known", kind: "now-passes", message: expect.stringContaining("b") },
    ]);
    expect(compareWithBaseline(results({}), baseline).map((p) => p.kind)).toEqual(["did-not-run"]);
  });

  it("fails when another check of a baselined scenario starts failing", () => {
    expect(compareWithBaseline(results({ known: [fail("a"), fail("b"), fail("c")] }), baseline)).toEqual([
      { scenario: "known", kind: "unexpected-failure", message: expect.stringContaining("c") },
    ]);
  });

  it("fails on an entry nobody explained", () => {
    expect(compareWithBaseline(results({ known: [fail("a")] }), { known: { why: TODO, failing: ["a"] } }).map((p) => p.kind)).toEqual(["unexplained"]);
  });
});

describe("updatedBaseline", () => {
  it("lists the failing scenarios, keeps explanations that still apply and marks new ones TODO", () => {
    const next = updatedBaseline(results({ kept: [fail("b"), fail("a")], fresh: [fail("c")], fixed: [pass("d")] }), {
      kept: { why: "explained", failing: ["a"] },
      fixed: { why: "was broken", failing: ["d"] },
    });
    expect(next).toEqual({ fresh: { why: TODO, failing: ["c"] }, kept: { why: "explained", failing: ["a", "b"] } });
    expect(compareWithBaseline(results({ kept: [fail("a"), fail("b")], fresh: [fail("c")], fixed: [pass("d")] }), next).map((p) => p.kind)).toEqual(["unexplained"]);
  });
});
