import { resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import type { ClientBehaviour, Frame, ProtocolChoice, SessionTarget } from "@mcpscope/protocol";
import { diffSessions, formatDiffReport } from "@mcpscope/timeline";
import { readRecording } from "../recording/readRecording.js";
import { SessionManager } from "../sessions/sessionManager.js";
import { REDACTED } from "../sessions/transports/redactHeaders.js";
import { shellQuote } from "./shellQuote.js";
import { HELP_AFTER_ERROR, isProtocolChoice, parseCount, PINNABLE_REVISIONS, PROTOCOLS, TRANSPORTS } from "./optionParsers.js";
import { recordingsDirOf } from "./serve.js";

const collect = (value: string, previous: string[]) => [...previous, value];
const collectPair = (separator: string) => (value: string, previous: Record<string, string>) => {
  const at = value.indexOf(separator);
  if (at <= 0) throw new InvalidArgumentError(`expected NAME${separator}VALUE, got "${value}".`);
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
};

/** The first answer mcpscope gave to each server request method in a recording. */
function recordedAnswers(frames: Frame[]): Map<string, Record<string, unknown>> {
  const asked = new Map<string, string>();
  const answers = new Map<string, Record<string, unknown>>();
  for (const f of frames) {
    if (f.dir === "in" && f.kind === "request" && f.msg?.method) asked.set(String(f.msg.id), f.msg.method);
    if (f.dir === "out" && f.kind === "response" && f.msg) {
      const method = asked.get(String(f.msg.id));
      if (method && !answers.has(method)) answers.set(method, f.msg.result as Record<string, unknown>);
    }
  }
  return answers;
}

/**
 * The client side of a replay: every capability declared, the recording's roots, and the
 * recording's first answer to each server request method as the canned answer (a decline
 * or a placeholder text when it has none).
 */
export function replayClient(frames: Frame[]): ClientBehaviour {
  const answers = recordedAnswers(frames);
  const roots = (answers.get("roots/list")?.roots as Array<{ uri: string; name?: string }> | undefined) ?? [];
  return {
    capabilities: { sampling: true, elicitation: true, roots: true, apps: true },
    roots: roots.filter((r) => r.uri.startsWith("file://")),
    autoAnswer: {
      sampling: answers.get("sampling/createMessage") ?? { role: "assistant", content: { type: "text", text: "(no sampling answer in the recording)" }, model: "mcpscope-replay" },
      elicitation: answers.get("elicitation/create") ?? { action: "decline" },
    },
  };
}

/** Re-sends a recording's client requests (but `initialize`), in order, without their `_meta`; returns how many. */
export async function replayRequests(session: { request(method: string, params?: Record<string, unknown>): Promise<unknown> }, frames: Frame[]): Promise<number> {
  let sent = 0;
  for (const frame of frames) {
    if (frame.dir !== "out" || frame.kind !== "request" || !frame.msg?.method || frame.msg.method === "initialize") continue;
    const { _meta: _ignored, ...params } = (frame.msg.params ?? {}) as Record<string, unknown>;
    await session.request(frame.msg.method, params);
    sent++;
  }
  return sent;
}

/**
 * What a recording says it inspected, as the command line that would replay against it, for
 * a person to check and type (secrets were redacted when it was recorded).
 */
export function describeRecordedTarget(file: string, target: SessionTarget): string {
  const redacted = JSON.stringify(target).includes(REDACTED) ? `\nValues shown as ${REDACTED} were not recorded: give them again.` : "";
  if (target.transport === "stdio") {
    const env = Object.entries(target.env).map(([k, v]) => `-e ${shellQuote(`${k}=${v}`)} `).join("");
    const cwd = target.cwd ? `\n(it ran in ${shellQuote(target.cwd)})` : "";
    return `The recording says it ran: ${shellQuote(target.command)}${target.args.map((a) => ` ${shellQuote(a)}`).join("")}${cwd}\nIf that is the server you mean, run:\n  mcpscope replay ${shellQuote(file)} ${env}-- ${[target.command, ...target.args].map(shellQuote).join(" ")}${redacted}`;
  }
  const headers = Object.entries(target.headers).map(([k, v]) => `--header ${shellQuote(`${k}: ${v}`)} `).join("");
  const transport = target.transport === "auto" ? "" : `--transport ${target.transport} `;
  return `The recording says it connected to: ${shellQuote(target.url)}\nIf that is the server you mean, run:\n  mcpscope replay ${shellQuote(file)} --url ${shellQuote(target.url)} ${transport}${headers}`.trimEnd() + redacted;
}

/**
 * `mcpscope replay <file.jsonl> (-- <command> | --url <url>)`: re-sends a recording's client
 * requests, in order, to the server given (never one the recording names), answers the server's
 * requests from the recording, records the new session, and prints its diff against the
 * recording. Exits 1 when they differ, so it can gate CI.
 */
export async function replayCommand(argv: string[]): Promise<void> {
  const program = new Command()
    .name("mcpscope replay")
    .description("Replay a recording against a server and report what changed.")
    .argument("<file>", "the recording (.jsonl)")
    .argument("[command...]", "the stdio server to replay against, after -- (or give --url)")
    .option("--url <url>", "replay against a remote server")
    .option("--transport <t>", "with --url: streamable-http or sse")
    .option("--header <Name: value>", "with --url: an HTTP header (repeatable)", collectPair(":"), {})
    .option("-e, --env <KEY=VALUE>", "environment variable for a stdio server (repeatable)", collectPair("="), {})
    .option("--timeout <ms>", "per-request timeout", parseCount, 60_000)
    .option("--ignore <key>", "also ignore this key at any depth when comparing (repeatable)", collect, [])
    .option("--json", "print the diff as JSON")
    .option("--protocol <v|auto>", `MCP revision to speak: auto, or one of ${PINNABLE_REVISIONS} (default: what the recorded session was given: a pinned revision, else auto)`)
    .option("--data-dir <dir>", "where the new recording goes")
    .showHelpAfterError(HELP_AFTER_ERROR);
  program.parse(argv);
  const opts = program.opts<{ url?: string; transport?: string; header: Record<string, string>; env: Record<string, string>; timeout: number; ignore: string[]; json?: boolean; protocol?: string; dataDir?: string }>();
  const [file, ...command] = program.args as [string, ...string[]];
  if (opts.transport && !TRANSPORTS.includes(opts.transport)) program.error(`mcpscope replay: --transport must be one of ${TRANSPORTS.join(", ")}.`);
  if (opts.transport && !opts.url) program.error("mcpscope replay: --transport goes with --url.");
  if (opts.protocol !== undefined && !isProtocolChoice(opts.protocol)) program.error(`mcpscope replay: --protocol must be one of ${PROTOCOLS.join(", ")}.`);

  let recording!: ReturnType<typeof readRecording>;
  try {
    recording = readRecording(file);
  } catch (err) {
    program.error(`mcpscope replay: ${(err as Error).message}`);
  }
  let target: SessionTarget;
  if (opts.url) target = { transport: (opts.transport ?? "auto") as "auto", url: opts.url, headers: opts.header, revealSecrets: false };
  else if (command.length) target = { transport: "stdio", command: command[0]!, args: command.slice(1), env: opts.env };
  else {
    // A recording is data, never a command: the server to replay against is given here.
    return program.error(`mcpscope replay: name the server to replay against, after -- or with --url; replay never starts what a recording names.\n${describeRecordedTarget(file, recording.header.session.target)}`);
  }
  // Like with like: the revision the recorded session was told to speak (a pinned one, or auto), unless told otherwise.
  const recorded = recording.header.session.target?.protocol;
  const protocol: ProtocolChoice = opts.protocol !== undefined ? (opts.protocol as ProtocolChoice) : typeof recorded === "string" && isProtocolChoice(recorded) ? recorded : "auto";
  target = { ...target, protocol };
  const manager = new SessionManager({ recordingsDir: recordingsDirOf(program, opts.dataDir ? resolve(opts.dataDir) : undefined), requestTimeoutMs: opts.timeout });
  const session = await manager
    .open({ ...target, client: replayClient(recording.frames) })
    .catch((err: Error & { hint?: string }) => program.error(`mcpscope replay: could not connect: ${err.message}${err.hint ? `\n${err.hint}` : ""}`));

  const sent = await replayRequests(session, recording.frames);
  await session.close();
  const diff = diffSessions(recording.frames, session.log.since(0), { ignoreKeys: opts.ignore });
  const spoke = session.info().protocolVersion ?? "an unknown revision";
  process.stderr.write(`mcpscope replay: sent ${sent} requests speaking ${spoke}${opts.protocol === undefined && protocol !== "auto" ? ` (pinned, as the recorded session was)` : ""}; new recording ${session.recordingPath}\n`);
  process.stdout.write((opts.json ? JSON.stringify(diff, null, 2) : formatDiffReport(diff)) + "\n");
  process.exitCode = diff.equal ? 0 : 1;
}
