import { XMLBuilder } from "fast-xml-parser";
import type { CollectionRun } from "@mcpscope/protocol";
import type { SessionDiff } from "@mcpscope/timeline";

/** One test case of a JUnit report: failed when `failure` is set. */
export interface JUnitCase {
  name: string;
  classname: string;
  durationMs: number;
  failure?: { message: string; details: string };
}

/** One `<testsuite>`: a collection run, or a recording checked by `mcpscope check`. */
export interface JUnitSuite {
  name: string;
  /** Epoch milliseconds. */
  startedAt: number;
  durationMs: number;
  cases: JUnitCase[];
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * A JUnit XML report (the de-facto schema CI systems read: Jenkins, GitLab, GitHub Actions
 * reporters): `<testsuites>` with one `<testsuite>` per suite, one `<testcase>` per case, a
 * `<failure message type="assertion">` with the details for each failed case. Times in seconds.
 */
export function junitXml(suites: readonly JUnitSuite[]): string {
  const count = (s: readonly JUnitCase[]) => ({ tests: s.length, failures: s.filter((c) => c.failure).length });
  const all = suites.flatMap((s) => s.cases);
  const doc = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    testsuites: {
      "@_name": "mcpscope",
      "@_tests": count(all).tests,
      "@_failures": count(all).failures,
      "@_errors": 0,
      "@_time": seconds(suites.reduce((n, s) => n + s.durationMs, 0)),
      testsuite: suites.map((suite) => ({
        "@_name": suite.name,
        "@_tests": count(suite.cases).tests,
        "@_failures": count(suite.cases).failures,
        "@_errors": 0,
        "@_skipped": 0,
        "@_time": seconds(suite.durationMs),
        "@_timestamp": new Date(suite.startedAt).toISOString().replace(/\.\d{3}Z$/, ""),
        testcase: suite.cases.map((c) => ({
          "@_name": c.name,
          "@_classname": c.classname,
          "@_time": seconds(c.durationMs),
          ...(c.failure ? { failure: { "@_message": c.failure.message, "@_type": "assertion", "#text": c.failure.details } } : {}),
        })),
      })),
    },
  };
  const xml: string = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true }).build(doc);
  return `${xml}\n`;
}

/** A collection run as a JUnit suite: one case per item, its failed verdicts as the failure. */
export function collectionRunSuite(run: CollectionRun): JUnitSuite {
  return {
    name: run.collection,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    cases: run.items.map((item) => {
      const failed = item.verdicts.filter((v) => !v.pass).map((v) => `${v.assertion.type}: ${v.message}`);
      if (item.failure) failed.unshift(item.failure);
      return {
        name: item.name,
        classname: `${run.collection}.${item.method}`,
        durationMs: item.durationMs,
        ...(item.status === "fail" ? { failure: { message: failed[0] ?? "failed", details: failed.join("\n") } } : {}),
      };
    }),
  };
}

/**
 * A recording's check (`mcpscope check`) as a JUnit suite: one case per request of the
 * recording (failed when the new answer differs), one per tool, prompt, resource or
 * template added, removed or changed.
 */
export function diffSuite(name: string, diff: SessionDiff, startedAt: number, durationMs: number): JUnitSuite {
  const requests: JUnitCase[] = diff.requests.map((r, i) => {
    const label = typeof (r.params as { name?: unknown })?.name === "string" ? ` ${(r.params as { name: string }).name}` : typeof (r.params as { uri?: unknown })?.uri === "string" ? ` ${(r.params as { uri: string }).uri}` : "";
    return {
      name: `#${i + 1} ${r.method}${label}`,
      classname: `${name}.requests`,
      durationMs: 0,
      ...(r.equal ? {} : { failure: { message: `the answer differs at ${r.paths.join(", ")}`, details: JSON.stringify({ recorded: r.a, now: r.b }, null, 2) } }),
    };
  });
  const lists: JUnitCase[] = diff.lists.map((l) => ({
    name: `${l.list} ${l.name} ${l.change}`,
    classname: `${name}.${l.list}`,
    durationMs: 0,
    failure: { message: `${l.list} ${JSON.stringify(l.name)} ${l.change}${l.paths ? ` at ${l.paths.join(", ")}` : ""}`, details: l.paths?.join("\n") ?? l.change },
  }));
  return { name, startedAt, durationMs, cases: [...requests, ...lists] };
}
