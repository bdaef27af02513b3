import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { CollectionRun } from "@mcpscope/protocol";
import { collectionRunSuite, diffSuite, junitXml } from "./junitReport.js";

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" || name === "testcase" }).parse(xml) as {
  testsuites: { tests: string; failures: string; testsuite: Array<{ name: string; tests: string; failures: string; timestamp: string; testcase: Array<{ name: string; classname: string; time: string; failure?: { message: string; "#text": string } }> }> };
};

describe("junitXml", () => {
  it("writes a collection run as one suite with a case per item, failures carrying every failed check, all text escaped", () => {
    const run: CollectionRun = {
      collection: 'Smoke <"tests"> & more',
      startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
      durationMs: 1234,
      passed: 1,
      failed: 1,
      items: [
        { name: "echo", method: "tools/call", status: "pass", durationMs: 12, verdicts: [{ assertion: { type: "noError" }, pass: true, message: "no error" }] },
        {
          name: "add <1>",
          method: "tools/call",
          status: "fail",
          durationMs: 5,
          verdicts: [
            { assertion: { type: "contains", text: "x" }, pass: false, message: 'no text contains "x"' },
            { assertion: { type: "latency", maxMs: 1 }, pass: false, message: "answered in 5 ms (limit 1 ms)" },
          ],
        },
      ],
    };
    const xml = junitXml([collectionRunSuite(run)]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const doc = parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: "2", failures: "1" });
    const [suite] = doc.testsuites.testsuite;
    expect(suite).toMatchObject({ name: 'Smoke <"tests"> & more', tests: "2", failures: "1", timestamp: "2026-01-02T03:04:05" });
    expect(suite!.testcase[0]).toEqual({ name: "echo", classname: 'Smoke <"tests"> & more.tools/call', time: "0.012" });
    expect(suite!.testcase[1]!.failure).toEqual({ message: 'contains: no text contains "x"', type: "assertion", "#text": 'contains: no text contains "x"\nlatency: answered in 5 ms (limit 1 ms)' });
  });

  it("writes a check as a case per request and per list change", () => {
    const suite = diffSuite(
      "session.jsonl",
      {
        equal: false,
        requests: [
          { method: "tools/call", params: { name: "add" }, a: { result: { n: 1 } }, b: { result: { n: 2 } }, equal: false, paths: ["result.n"] },
          { method: "resources/read", params: { uri: "a://b" }, equal: true, paths: [] },
        ],
        lists: [{ list: "tools", name: "echo", change: "changed", paths: ["inputSchema.properties.message.maxLength"] }],
      },
      0,
      10,
    );
    const doc = parse(junitXml([suite]));
    expect(doc.testsuites.testsuite[0]!.testcase.map((c) => [c.name, c.failure?.message])).toEqual([
      ["#1 tools/call add", "the answer differs at result.n"],
      ["#2 resources/read a://b", undefined],
      ["tools echo changed", 'tools "echo" changed at inputSchema.properties.message.maxLength'],
    ]);
  });
});
