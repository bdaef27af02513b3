import { Command } from "commander";
import { HELP_AFTER_ERROR } from "./optionParsers.js";
import { diffSessions, formatDiffReport } from "@mcpscope/timeline";
import { readRecording } from "../recording/readRecording.js";

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `mcpscope diff <a.jsonl> <b.jsonl>`: compares two recorded sessions (see
 * `diffSessions`); prints a report and exits 1 when they differ, so it can gate CI.
 */
export async function diffCommand(argv: string[]): Promise<void> {
  const program = new Command()
    .name("mcpscope diff")
    .description("Compare two recorded sessions: answers to the same requests, and the tools, prompts and resources listed.")
    .argument("<a>", "the reference recording (.jsonl)")
    .argument("<b>", "the recording to check")
    .option("--ignore <key>", "also ignore this key at any depth (repeatable)", collect, [])
    .option("--json", "print the diff as JSON")
    .showHelpAfterError(HELP_AFTER_ERROR);
  program.parse(argv);
  const opts = program.opts<{ ignore: string[]; json?: boolean }>();
  const [a, b] = program.args as [string, string];
  let frames!: [ReturnType<typeof readRecording>, ReturnType<typeof readRecording>];
  try {
    frames = [readRecording(a), readRecording(b)];
  } catch (err) {
    program.error(`mcpscope diff: ${(err as Error).message}`);
  }
  const diff = diffSessions(frames[0].frames, frames[1].frames, { ignoreKeys: opts.ignore });
  process.stdout.write((opts.json ? JSON.stringify(diff, null, 2) : formatDiffReport(diff)) + "\n");
  process.exitCode = diff.equal ? 0 : 1;
}
