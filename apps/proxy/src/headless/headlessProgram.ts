import { Command } from "commander";
import { HELP_AFTER_ERROR } from "../commands/optionParsers.js";
import type { SendRequestResult, SessionTarget } from "@mcpscope/protocol";
import { EXIT, type ExitCode } from "./exitCodes.js";
import { type HeadlessSession, openHeadless } from "./headlessSession.js";
import { writeOut } from "./output.js";
import { addTargetOptions, type TargetOptions, targetFromOptions } from "./targetOptions.js";

/**
 * Splits a command line at the first `--`: the options and operands before it, and the
 * stdio server's command after it (which commander must never read as options).
 */
export function splitServerCommand(argv: string[]): { own: string[]; server: string[] } {
  const at = argv.indexOf("--", 2);
  return at < 0 ? { own: argv, server: [] } : { own: argv.slice(0, at), server: argv.slice(at + 1) };
}

/**
 * A commander program for a headless command: usage errors (unknown options, missing
 * operands, `command.error`) exit with `EXIT.USAGE`, help and version with 0.
 */
export function headlessProgram(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT.USAGE))
    .showHelpAfterError(HELP_AFTER_ERROR);
}

/** A leaf command (`tools list`, `ping`, …) with the server options. */
export function leafCommand(parent: Command, name: string, description: string, options: { record?: boolean } = {}): Command {
  return addTargetOptions(parent.command(name).description(description), options);
}

export interface RunContext {
  hs: HeadlessSession;
  opts: TargetOptions;
  /** Sends a request with the command's timeout. */
  request: (method: string, params?: Record<string, unknown>) => Promise<SendRequestResult>;
}

/**
 * Runs a headless command's work (`name`, e.g. `tools call`, for messages) on a session, then closes it and exits: with `EXIT.CONNECT`
 * when the connection failed, `EXIT.UNANSWERED` when a server request went unanswered and
 * `unansweredWins` (the single-request commands), else the work's code.
 */
export async function runHeadless(
  name: string,
  command: Command,
  opts: TargetOptions,
  server: string[],
  work: (ctx: RunContext) => Promise<ExitCode>,
  { requireServer = false, unansweredWins = true, client }: { requireServer?: boolean; unansweredWins?: boolean; client?: (target: SessionTarget) => SessionTarget } = {},
): Promise<never> {
  let target = await targetFromOptions(command, opts, server, { requireServer });
  if (client) target = client(target);
  const hs = await openHeadless(name, target, { timeout: opts.timeout, format: opts.format, ...(opts.record ? { record: opts.record } : {}) });
  if (!hs) process.exit(EXIT.CONNECT);
  let code: ExitCode;
  try {
    code = await work({ hs, opts, request: (method, params) => hs.session.request(method, params, opts.timeout) });
  } finally {
    await hs.close();
  }
  if (unansweredWins && hs.unanswered.length && code !== EXIT.USAGE) code = EXIT.UNANSWERED;
  process.exit(code);
}

/**
 * Sends a list request and follows `nextCursor` to the end (MCP 2025-11-25 "Utilities →
 * Pagination"): `{ result: { [field]: every item }, durationMs }` (the time of all pages),
 * or the first page's JSON-RPC error.
 */
export async function requestAllPages(request: RunContext["request"], method: string, field: string): Promise<SendRequestResult> {
  const items: unknown[] = [];
  let durationMs = 0;
  let cursor: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const answer = await request(method, cursor ? { cursor } : {});
    durationMs += answer.durationMs ?? 0;
    if ("error" in answer) return { error: answer.error, durationMs };
    items.push(...((answer.result[field] as unknown[] | undefined) ?? []));
    cursor = typeof answer.result.nextCursor === "string" ? answer.result.nextCursor : undefined;
    if (!cursor) break;
  }
  return { result: { [field]: items }, durationMs };
}

/**
 * Prints an answer: with `--format json` the answer as one JSON line on stdout (`{ result,
 * durationMs }` or `{ error, durationMs }`, as `POST /api/sessions/:id/requests` answers);
 * as text, `text(result)` on stdout or the JSON-RPC error on stderr.
 * @returns EXIT.RPC_ERROR for a JSON-RPC error, else EXIT.OK.
 */
export async function printAnswer(name: string, method: string, answer: SendRequestResult, format: "json" | "text", text: (result: Record<string, unknown>) => string): Promise<ExitCode> {
  if (format === "json") await writeOut(answer, "json");
  if ("error" in answer) {
    const { code, message, data } = answer.error;
    process.stderr.write(`mcpscope ${name}: the server answered ${method} with JSON-RPC error ${code}: ${message}${data === undefined ? "" : `\n${JSON.stringify(data)}`}\n`);
    return EXIT.RPC_ERROR;
  }
  if (format === "text") await writeOut(text(answer.result), "text");
  return EXIT.OK;
}
