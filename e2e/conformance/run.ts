// `pnpm test:conformance`: the official MCP conformance suite against mcpscope's fixture
// servers (server mode) and mcpscope's engine (client mode), each run judged by its
// expected-failures baseline. See docs/conformance.md.
//
//   --update-baseline   rewrite the baselines of the runs that ran from their results
//                       (explanations kept, TODO for new entries: fill them in)
//   --only <text>       run only the runs whose id contains <text> (e.g. server, client,
//                       modern@2026-07-28)
//   --keep-results      keep the CLI's result directories (printed) even when all is well
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startHttpFixture, startModernFixture, type RunningHttpServer } from "@mcpscope/fixtures";
import { compareWithBaseline, failingChecks, readBaselineFile, runSection, updatedBaseline, writeBaselineFile, type Check, type Problem, type RunResults } from "./baseline.js";
import { CONFORMANCE_VERSION, listScenarios, node22, readResults, runCli, summaryScenarios } from "./conformanceCli.js";
import { CLIENT_RUNS, EXCLUDED, SERVER_RUNS, isExcluded, type ClientRun, type FixtureKind, type ServerRun } from "./suites.js";

const { values: flags } = parseArgs({
  options: { "update-baseline": { type: "boolean", default: false }, only: { type: "string" }, "keep-results": { type: "boolean", default: false } },
});

/** The runs `--only` selects: all, those of one role (`server`, `client`), or those whose id contains the text. */
function selected<T extends { id: string }>(runs: T[], role: "server" | "client"): T[] {
  const only = flags.only;
  return runs.filter((run) => !only || only === role || run.id.includes(only));
}

/** Per-scenario timeout handed to the CLI, in ms. */
const SCENARIO_TIMEOUT_MS = 20_000;

const resultsRoot = mkdtempSync(join(tmpdir(), "mcpscope-conformance-"));

function startFixture(kind: FixtureKind): Promise<RunningHttpServer> {
  if (kind === "http") return startHttpFixture();
  return startModernFixture({ modernOnly: kind === "modern-only", conformance: true });
}

async function runServer(run: ServerRun, server: RunningHttpServer): Promise<RunResults> {
  const outputDir = join(resultsRoot, run.id);
  const url = `${server.origin}/mcp`;
  const { output } = await runCli(["server", "--url", url, "--suite", "all", "--spec-version", run.specVersion, "--timeout", String(SCENARIO_TIMEOUT_MS), "-o", outputDir]);
  const results = readResults(outputDir);
  for (const scenario of summaryScenarios(output)) {
    if (!results.has(scenario)) results.set(scenario, [{ id: "scenario-crashed", status: "FAILURE", errorMessage: "the scenario ended without writing results; rerun with --keep-results and --only to see why" }]);
  }
  if (!results.size) throw new Error(`the conformance CLI ran no server scenario against ${url}:\n${output}`);
  return results;
}

/** The shell command the CLI runs for each client scenario (it appends the test server's URL). */
function clientCommand(): string {
  const tsx = import.meta.resolve("tsx");
  const adapter = fileURLToPath(new URL("./client.ts", import.meta.url));
  return `"${process.execPath}" --import "${tsx}" "${adapter}"`;
}

async function runClient(run: ClientRun): Promise<RunResults> {
  const offered = new Set(await listScenarios("client", run.specVersion));
  const results: RunResults = new Map();
  for (const scenario of run.scenarios.filter((s) => offered.has(s) && !isExcluded(s))) {
    const outputDir = join(resultsRoot, run.id, scenario);
    const { output } = await runCli(["client", "--scenario", scenario, "--spec-version", run.specVersion, "--command", clientCommand(), "--timeout", String(SCENARIO_TIMEOUT_MS), "-o", outputDir]);
    const checks: Check[] = readResults(outputDir).get(scenario) ?? [{ id: "scenario-crashed", status: "FAILURE", errorMessage: lastLines(output) }];
    // The checks do not say how the client under test ended; the CLI's report does.
    if (/CLIENT EXITED WITH ERROR|CLIENT TIMED OUT/.test(output)) checks.push({ id: "client-exit", status: "FAILURE", errorMessage: clientError(output) });
    results.set(scenario, checks);
  }
  return results;
}

function lastLines(text: string, n = 5): string {
  return text.trim().split("\n").slice(-n).join(" | ");
}

function clientError(output: string): string {
  const own = /mcpscope conformance client: (.*)/.exec(output)?.[1];
  return own ?? (/CLIENT TIMED OUT/.test(output) ? "the client timed out" : "the client exited with an error");
}

interface Judged {
  id: string;
  results: RunResults;
  problems: Problem[];
}

function judge(id: string, file: string, results: RunResults): Judged {
  const baselineFile = readBaselineFile(file);
  let baseline = runSection(baselineFile, id);
  if (flags["update-baseline"]) {
    baseline = updatedBaseline(results, baseline);
    writeBaselineFile(file, { ...baselineFile, [id]: baseline });
  }
  return { id, results, problems: compareWithBaseline(results, baseline) };
}

function report({ id, results, problems }: Judged): void {
  const failing = [...results.values()].filter((checks) => failingChecks(checks).length).length;
  console.log(`\n${problems.length ? "✗" : "✓"} ${id}: ${results.size} scenarios, ${results.size - failing} pass, ${failing} fail (baselined: ${failing - problems.filter((p) => p.kind === "unexpected-failure").length})`);
  for (const p of problems) console.log(`    ${p.kind.padEnd(18)} ${p.scenario}: ${p.message}`);
}

async function main(): Promise<number> {
  const started = performance.now();
  console.log(`MCP conformance ${CONFORMANCE_VERSION} (Node ${node22() === process.execPath ? process.versions.node : "22 from node-" + process.platform + "-" + process.arch})`);
  for (const e of EXCLUDED) console.log(`  excluded: ${e.label} — ${e.reason}`);
  const judged: Judged[] = [];

  const serverRuns = selected(SERVER_RUNS, "server");
  for (const kind of [...new Set(serverRuns.map((r) => r.fixture))]) {
    const server = await startFixture(kind);
    try {
      for (const run of serverRuns.filter((r) => r.fixture === kind)) {
        const results = await runServer(run, server);
        for (const scenario of [...results.keys()]) if (isExcluded(scenario)) results.delete(scenario);
        judged.push(judge(run.id, run.baselineFile, results));
        report(judged.at(-1)!);
      }
    } finally {
      await server.stop();
    }
  }
  for (const run of selected(CLIENT_RUNS, "client")) {
    judged.push(judge(run.id, run.baselineFile, await runClient(run)));
    report(judged.at(-1)!);
  }

  const problems = judged.flatMap((j) => j.problems);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!judged.length) {
    console.error(`No run matches --only ${flags.only}; runs: ${[...SERVER_RUNS, ...CLIENT_RUNS].map((r) => r.id).join(", ")}`);
    return 1;
  }
  if (problems.length || flags["keep-results"]) console.log(`\nResults of every scenario: ${resultsRoot}`);
  else rmSync(resultsRoot, { recursive: true, force: true });
  if (flags["update-baseline"]) console.log("\nBaselines rewritten from this run; explain every TODO entry, then commit them.");
  console.log(`\nRuns judged against their baselines in ${seconds} s.`);
  console.log(`conformance: ${judged.filter((j) => !j.problems.length).length} passed, ${judged.filter((j) => j.problems.length).length} failed`);
  return problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`conformance runner: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
