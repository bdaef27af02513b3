import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { Collection, CollectionRun, ItemRun } from "@mcpscope/protocol";
import { readCollectionFile } from "../collections/collectionStore.js";
import { collectionRunSuite, junitXml } from "../collections/junitReport.js";
import { runCollection } from "../collections/runCollection.js";
import { ApiFailure } from "../errors.js";
import { collectList } from "../commands/optionParsers.js";
import { EXIT } from "./exitCodes.js";
import { headlessProgram, runHeadless, splitServerCommand } from "./headlessProgram.js";
import { writeOut } from "./output.js";
import { addTargetOptions, type TargetOptions } from "./targetOptions.js";

type RunOptions = TargetOptions & { junit?: string; item: string[] };

/** One line per item as it finishes: ✓ or ✗, its name, time, and each failed check. */
export function itemLine(item: ItemRun): string {
  const mark = item.status === "pass" ? "✓" : "✗";
  const why = [...(item.failure ? [item.failure] : []), ...item.verdicts.filter((v) => !v.pass).map((v) => `${v.assertion.type}: ${v.message}`)];
  return `${mark} ${item.name} (${item.method}, ${Math.round(item.durationMs)} ms)${why.map((w) => `\n    ${w}`).join("")}\n`;
}

/** The closing line: `N passed, N failed` (the plain form CI log readers recognise). */
export function summaryLine(run: CollectionRun): string {
  return `${run.passed} passed, ${run.failed} failed\n`;
}

/** Writes a JUnit report; a failure to write is reported and makes the run fail. */
export async function writeJunit(file: string, xml: string, name: string): Promise<boolean> {
  try {
    await writeFile(resolve(file), xml);
    return true;
  } catch (err) {
    process.stderr.write(`mcpscope ${name}: cannot write the JUnit report ${file}: ${(err as Error).message}\n`);
    return false;
  }
}

/**
 * `mcpscope run <collection.json> [server options]`: runs a collection's items against a
 * server, prints a line per item (or the `CollectionRun` as JSON) and, with `--junit`,
 * writes a JUnit XML report. Exits 1 when any item failed. See docs/cli.md.
 */
export async function runCommand(argv: string[]): Promise<void> {
  const { own, server } = splitServerCommand(argv);
  const program = addTargetOptions(headlessProgram("mcpscope run", "Run a collection (saved requests with assertions) against a server: a CI gate."))
    .argument("<collection>", "the collection file (.json)")
    .option("--junit <file>", "write a JUnit XML report here")
    .option("--item <name>", "run only this item (repeatable)", collectList, []);
  program.action(async (file: string, opts: RunOptions, cmd: Command) => {
    let collection: Collection;
    try {
      collection = await readCollectionFile(file);
    } catch (err) {
      const hint = err instanceof ApiFailure ? `\n${err.hint}` : "";
      return cmd.error(`mcpscope run: ${(err as Error).message}${hint}`);
    }
    const missing = opts.item.filter((name) => !collection.items.some((i) => i.name === name));
    if (missing.length) return cmd.error(`mcpscope run: no item named ${missing.map((m) => JSON.stringify(m)).join(", ")} in ${file}; it has ${collection.items.map((i) => JSON.stringify(i.name)).join(", ") || "no items"}.`);
    return runHeadless(
      "run",
      cmd,
      opts,
      server,
      async ({ hs }) => {
        const run = await runCollection((method, params, timeoutMs) => hs.session.request(method, params, timeoutMs ?? opts.timeout), collection, {
          sessionId: hs.session.id,
          ...(opts.item.length ? { only: opts.item } : {}),
          onItem: (item) => opts.format === "text" && process.stdout.write(itemLine(item)),
        });
        await writeOut(opts.format === "json" ? run : summaryLine(run), opts.format);
        const written = opts.junit ? await writeJunit(opts.junit, junitXml([collectionRunSuite(run)]), "run") : true;
        return run.failed === 0 && written ? EXIT.OK : EXIT.FAILED;
      },
      { unansweredWins: false },
    );
  });
  await program.parseAsync(own);
}
