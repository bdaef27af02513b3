// Expected-failures baselines for the conformance runs, and the rules that keep them
// honest: a failure not in the baseline fails the run, and so does a baseline entry that
// no longer fails (or fails differently), or one nobody explained.
import { readFileSync, writeFileSync } from "node:fs";

/** One check of a scenario, as the suite writes it to `checks.json`. */
export interface Check {
  id: string;
  status: "SUCCESS" | "FAILURE" | "WARNING" | "INFO" | "SKIPPED" | string;
  errorMessage?: string;
  description?: string;
}

/** Every scenario of one run and its checks. */
export type RunResults = Map<string, Check[]>;

/** Why a scenario is expected to fail, and which of its checks fail. */
export interface BaselineEntry {
  why: string;
  /** Ids of the failing checks, sorted; the scenario must fail exactly these. */
  failing: string[];
}

/** Scenario name → entry, for one run. */
export type RunBaseline = Record<string, BaselineEntry>;

/** A baseline file: run id → that run's entries. Keys starting with `$` are comments. */
export type BaselineFile = Record<string, RunBaseline | string>;

/** What an entry says when nobody has explained it yet; such an entry fails the run. */
export const TODO = "TODO: explain why this fails";

/** A finding that fails the run. */
export interface Problem {
  scenario: string;
  kind: "unexpected-failure" | "now-passes" | "did-not-run" | "unexplained";
  message: string;
}

/** Ids of the checks that failed (`FAILURE`), each once, sorted. Warnings do not count. */
export function failingChecks(checks: Check[]): string[] {
  return [...new Set(checks.filter((c) => c.status === "FAILURE").map((c) => c.id))].sort();
}

/** Compares one run's results with its baseline. No problems: the run passes. */
export function compareWithBaseline(results: RunResults, baseline: RunBaseline): Problem[] {
  const problems: Problem[] = [];
  for (const [scenario, checks] of results) {
    const failing = failingChecks(checks);
    const entry = baseline[scenario];
    if (!entry) {
      if (failing.length) {
        const details = checks.filter((c) => c.status === "FAILURE").map((c) => `${c.id}${c.errorMessage ? `: ${c.errorMessage}` : ""}`);
        problems.push({ scenario, kind: "unexpected-failure", message: `fails and is not in the baseline (${details.join("; ")})` });
      }
      continue;
    }
    if (!failing.length) {
      problems.push({ scenario, kind: "now-passes", message: "passes now: remove it from the baseline (--update-baseline)" });
      continue;
    }
    const newly = failing.filter((id) => !entry.failing.includes(id));
    const fixed = entry.failing.filter((id) => !failing.includes(id));
    if (newly.length) problems.push({ scenario, kind: "unexpected-failure", message: `checks not in the baseline fail: ${newly.join(", ")}` });
    if (fixed.length) problems.push({ scenario, kind: "now-passes", message: `baselined checks pass now: ${fixed.join(", ")} (--update-baseline)` });
  }
  for (const [scenario, entry] of Object.entries(baseline)) {
    if (!results.has(scenario)) problems.push({ scenario, kind: "did-not-run", message: "is in the baseline but did not run: remove it (--update-baseline)" });
    if (entry.why.trim() === "" || entry.why.startsWith("TODO")) problems.push({ scenario, kind: "unexplained", message: "baseline entry has no explanation yet: say why it fails" });
  }
  return problems;
}

/**
 * The baseline that matches `results`: every failing scenario with its failing checks,
 * keeping the explanation of entries that remain and `TODO` for new ones.
 */
export function updatedBaseline(results: RunResults, previous: RunBaseline): RunBaseline {
  const next: RunBaseline = {};
  for (const scenario of [...results.keys()].sort()) {
    const failing = failingChecks(results.get(scenario)!);
    if (failing.length) next[scenario] = { why: previous[scenario]?.why ?? TODO, failing };
  }
  return next;
}

/** Reads a baseline file; a missing file is an empty baseline. @throws on malformed JSON. */
export function readBaselineFile(path: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw err;
  }
  return JSON.parse(text) as BaselineFile;
}

/** One run's section of a baseline file (empty when absent). */
export function runSection(file: BaselineFile, runId: string): RunBaseline {
  const section = file[runId];
  return typeof section === "object" ? section : {};
}

/** Writes a baseline file, comments first, then runs in the given order. */
export function writeBaselineFile(path: string, file: BaselineFile): void {
  const comments = Object.entries(file).filter(([key]) => key.startsWith("$"));
  const runs = Object.entries(file).filter(([key]) => !key.startsWith("$"));
  writeFileSync(path, `${JSON.stringify(Object.fromEntries([...comments, ...runs]), null, 2)}\n`);
}
