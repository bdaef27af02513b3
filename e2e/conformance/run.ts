// `pnpm test:conformance`: the official MCP conformance suite against mcpscope's fixture
// servers (server mode) and mcpscope's engine (client mode), each run judged by its
// expected-failures baseline. See docs/conformance.md.
//
//   --update-baseline   rewrite the baselines of the runs that ran from their results
//                       (explanations kept, TODO for new entries: fill them in)
//   --only <text>       run only the runs whose id contains <text> (e.g. server, client,
//                       modern@2026-07-28)
//   --keep-results      keep the CLI's result directories (printed) even when all is well
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startEverything, startHttpFixture, startModernFixture } from "@mcpscope/fixtures";
import { compareWithBaseline, failingChecks, readBaselineFile, runSection, updatedBaseline, writeBaselineFile, type Check, type Problem, type RunResults } from "./baseline.js";
import { CONFORMANCE_VERSION, listScenarios, node22, readResults, runCli, summaryScenarios } from "./conformanceCli.js";
import { CLIENT_RUNS, EXCLUDED, MUST_PASS, SAME_VERDICTS, SERVER_RUNS, isExcluded, type ClientRun, type FixtureKind, type ServerRun } from "./suites.js";

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

/** A server under test: its MCP endpoint, and how to stop it. */
interface ServerUnderTest {
  url: string;
  stop(): Promise<void>;
}

/** mcpscope's built CLI (`pnpm build` first, as `pnpm test` does). */
const CLI = fileURLToPath(new URL("../../apps/proxy/bin/mcpscope.mjs", import.meta.url));

/**
 * mcpscope with a tap's HTTP facade in front of `url` (`--config … --tap everything`, no
 * server of its own): resolves with the facade's URL from the ready object.
 */
async function startTap(url: string): Promise<ServerUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-conformance-tap-"));
  const config = join(dir, "mcp.json");
  writeFileSync(config, JSON.stringify({ mcpServers: { everything: { type: "http", url } } }));
  const child = spawn(process.execPath, [CLI, "--no-open", "--port", "0", "--json", "--data-dir", join(dir, "data"), "--config", config, "--tap", "everything"], { env: { ...process.env, CI: "1" }, stdio: ["ignore", "pipe", "inherit"] });
  const ready = await new Promise<{ taps: Array<{ url: string }> }>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]!) as { taps: Array<{ url: string }> });
    });
    child.once("exit", (code) => reject(new Error(`mcpscope exited with ${code} before its ready line (run \`pnpm build\` first)`)));
  });
  return {
    url: ready.taps[0]!.url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startFixture(kind: FixtureKind): Promise<ServerUnderTest> {
  if (kind === "everything" || kind === "everything-tap") {
    const everything = await startEverything("streamableHttp");
    if (kind === "everything") return { url: `${everything.origin}/mcp`, stop: () => everything.stop() };
    const tap = await startTap(`${everything.origin}/mcp`);
    return {
      url: tap.url,
      stop: async () => {
        await tap.stop();
        await everything.stop();
      },
    };
  }
  const server = kind === "http" ? await startHttpFixture() : await startModernFixture({ modernOnly: kind === "modern-only", conformance: true });
  return { url: `${server.origin}/mcp`, stop: () => server.stop() };
}

async function runServer(run: ServerRun, server: ServerUnderTest): Promise<RunResults> {
  const outputDir = join(resultsRoot, run.id);
  const url = server.url;
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

/** Scenario by scenario, the same failing checks (none, or the same ones) in both runs. */
function sameVerdicts(reference: RunResults, through: RunResults, except: string[]): Problem[] {
  const problems: Problem[] = [];
  for (const scenario of new Set([...reference.keys(), ...through.keys()])) {
    if (except.includes(scenario)) continue;
    const a = reference.get(scenario);
    const b = through.get(scenario);
    if (!a || !b) {
      problems.push({ scenario, kind: "did-not-run", message: `ran ${a ? "directly only" : "through the tap only"}` });
      continue;
    }
    const [fa, fb] = [failingChecks(a).join(", "), failingChecks(b).join(", ")];
    if (fa !== fb) problems.push({ scenario, kind: "unexpected-failure", message: `directly: ${fa || "passes"}; through the tap: ${fb || "passes"}` });
  }
  return problems;
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

  for (const pair of SAME_VERDICTS) {
    const reference = judged.find((j) => j.id === pair.reference);
    const through = judged.find((j) => j.id === pair.through);
    if (!reference || !through) continue;
    const found = sameVerdicts(reference.results, through.results, pair.except);
    through.problems.push(...found);
    console.log(`\n${found.length ? "✗" : "✓"} ${pair.through} reaches the verdicts of ${pair.reference}, scenario by scenario (except ${pair.except.join(", ")})`);
    for (const p of found) console.log(`    ${p.kind.padEnd(18)} ${p.scenario}: ${p.message}`);
  }
  for (const [id, scenarios] of Object.entries(MUST_PASS)) {
    const run = judged.find((j) => j.id === id);
    for (const scenario of run ? scenarios : []) {
      const checks = run!.results.get(scenario);
      const failed = checks ? failingChecks(checks) : [];
      if (!checks || failed.length) run!.problems.push({ scenario, kind: "unexpected-failure", message: checks ? `must pass against ${id}: ${failed.join(", ")} failed` : `must run against ${id}, and did not` });
      else console.log(`✓ ${scenario} passes against ${id}`);
    }
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
