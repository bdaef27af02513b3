import { basename } from "node:path";
import type { Command } from "commander";
import { diffSessions, formatDiffReport } from "@mcpscope/timeline";
import { diffSuite, junitXml } from "../collections/junitReport.js";
import { collectList } from "../commands/optionParsers.js";
import { describeRecordedTarget, replayClient, replayRequests } from "../commands/replay.js";
import { readRecording } from "../recording/readRecording.js";
import { EXIT } from "./exitCodes.js";
import { headlessProgram, runHeadless, splitServerCommand } from "./headlessProgram.js";
import { writeJunit } from "./runCommand.js";
import { writeOut } from "./output.js";
import { addTargetOptions, parseSamplingAnswer, type TargetOptions } from "./targetOptions.js";

type CheckOptions = TargetOptions & { junit?: string; ignore: string[] };

/**
 * `mcpscope check <recording.jsonl> (-- <command> | --url <url> | --config …)`: the replay
 * gate for CI. Re-sends the recording's requests to the server given (never the one the
 * recording names), compares the answers (`diffSessions`, volatile fields ignored), prints
 * the report (or the diff as JSON) and, with `--junit`, a JUnit XML report: one case per
 * request, one per list change. Exits 1 when anything differs. See docs/cli.md.
 */
export async function checkCommand(argv: string[]): Promise<void> {
  const { own, server } = splitServerCommand(argv);
  const program = addTargetOptions(headlessProgram("mcpscope check", "Replay a recording against a server and fail when its answers changed: a CI gate."))
    .argument("<recording>", "the recording (.jsonl)")
    .option("--junit <file>", "write a JUnit XML report here")
    .option("--ignore <key>", "also ignore this key at any depth when comparing (repeatable)", collectList, []);
  program.action(async (file: string, opts: CheckOptions, cmd: Command) => {
    let recording!: ReturnType<typeof readRecording>;
    try {
      recording = readRecording(file);
    } catch (err) {
      return cmd.error(`mcpscope check: ${(err as Error).message}`);
    }
    if (!server.length && !opts.url && !opts.config) {
      // A recording is data, never a command: the server to check is given here.
      return cmd.error(`mcpscope check: name the server to check, after -- or with --url or --config; check never starts what a recording names.\n${describeRecordedTarget(file, recording.header.session.target).replace(/mcpscope replay/g, "mcpscope check")}`);
    }
    const client = replayClient(recording.frames);
    if (opts.answerSampling !== undefined) client.autoAnswer.sampling = parseSamplingAnswer(opts.answerSampling);
    if (opts.answerElicitation) client.autoAnswer.elicitation = opts.answerElicitation;
    return runHeadless(
      "check",
      cmd,
      opts,
      server,
      async ({ hs }) => {
        const startedAt = Date.now();
        const started = performance.now();
        const sent = await replayRequests({ request: (method, params) => hs.session.request(method, params, opts.timeout) }, recording.frames);
        const diff = diffSessions(recording.frames, hs.session.log.since(0), { ignoreKeys: opts.ignore });
        process.stderr.write(`mcpscope check: sent ${sent} requests from ${file}\n`);
        await writeOut(opts.format === "json" ? diff : `${formatDiffReport(diff)}\n`, opts.format);
        const written = opts.junit ? await writeJunit(opts.junit, junitXml([diffSuite(basename(file), diff, startedAt, performance.now() - started)]), "check") : true;
        return diff.equal && written ? EXIT.OK : EXIT.FAILED;
      },
      { requireServer: true, unansweredWins: false, client: (target) => ({ ...target, client }) },
    );
  });
  await program.parseAsync(own);
}
