import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { ClientBehaviour, ProtocolChoice, SessionTarget } from "@mcpscope/protocol";
import { defaultServerTarget } from "../sessions/defaultServer.js";
import { ServerCatalog } from "../sessions/serverCatalog.js";
import { collectPair, parseCount, PINNABLE_REVISIONS, PROTOCOLS, TRANSPORTS } from "../commands/optionParsers.js";

/** The options every headless command takes to name its server and how to answer it. */
export interface TargetOptions {
  config?: string;
  server?: string;
  url?: string;
  transport?: string;
  header: Record<string, string>;
  env: Record<string, string>;
  cwd?: string;
  protocol?: string;
  timeout: number;
  answerSampling?: string;
  answerElicitation?: Record<string, unknown>;
  record?: string;
  format: "json" | "text";
}


/** `--answer-sampling <text>`: a `CreateMessageResult` with that text (MCP 2025-11-25 "Client Features → Sampling"). */
export function parseSamplingAnswer(text: string): Record<string, unknown> {
  return { role: "assistant", content: { type: "text", text }, model: "mcpscope", stopReason: "endTurn" };
}

/**
 * `--answer-elicitation decline|cancel|accept[:<json>]`: an `ElicitResult` (MCP 2025-11-25
 * "Client Features → Elicitation"); `accept:<json>` carries that JSON object as `content`.
 */
export function parseElicitationAnswer(value: string): Record<string, unknown> {
  if (value === "decline" || value === "cancel") return { action: value };
  if (value === "accept") return { action: "accept", content: {} };
  if (value.startsWith("accept:")) {
    let content: unknown;
    try {
      content = JSON.parse(value.slice("accept:".length));
    } catch (err) {
      throw new InvalidArgumentError(`the content after accept: is not JSON (${(err as Error).message}).`);
    }
    if (content === null || typeof content !== "object" || Array.isArray(content)) throw new InvalidArgumentError("the content after accept: must be a JSON object, e.g. accept:'{\"name\":\"Ada\"}'.");
    return { action: "accept", content };
  }
  throw new InvalidArgumentError('expected decline, cancel, accept or accept:<json object>, e.g. accept:\'{"name":"Ada"}\'.');
}

/**
 * Adds the server options (`--config/--server`, `--url`, `--header`, `--transport`, `-e`,
 * `--cwd`, `--protocol`), the answers to server requests, `--timeout`, `--record` and
 * `--format` to a headless command; the stdio command goes after `--`.
 */
export function addTargetOptions(command: Command, { record = true }: { record?: boolean } = {}): Command {
  command
    .option("--config <file>", "an mcpServers config file; its entry's mcpscope settings (protocol, capabilities, autoAnswer) apply")
    .option("--server <name>", "with --config: the server to use (optional when the file has one)")
    .option("--url <url>", "a remote server (Streamable HTTP, falling back to SSE)")
    .option("--transport <t>", "with --url: streamable-http or sse")
    .option("--header <Name: value>", "with --url: an HTTP header (repeatable)", collectPair(":"), {})
    .option("-e, --env <KEY=VALUE>", "environment variable for a stdio server (repeatable)", collectPair("="), {})
    .option("--cwd <dir>", "working directory for a stdio server")
    .option("--protocol <v|auto>", `MCP revision: auto, or one of ${PINNABLE_REVISIONS}`)
    .option("--timeout <ms>", "per-request timeout in milliseconds", parseCount, 60_000)
    .option("--answer-sampling <text>", "answer the server's sampling/createMessage requests with this text")
    .option("--answer-elicitation <answer>", "answer the server's elicitation/create requests: decline, cancel, accept or accept:<json object>", parseElicitationAnswer)
    .addOption(new Option("--format <format>", "output: json (stdout) or text").choices(["json", "text"]).default("text"));
  if (record) command.option("--record <file.jsonl>", "keep the session as a recording (JSON Lines, as mcpscope view/replay/diff read)");
  return command;
}

/**
 * The session target the options name: the command after `--`, `--url`, `--config` with
 * `--server`, or (none given, unless `requireServer`) the default server; with `--protocol`
 * and the answers given as options over the config entry's own.
 * @throws exits through `command.error` (usage) when the options contradict each other.
 */
export async function targetFromOptions(command: Command, opts: TargetOptions, argv: string[], { requireServer = false } = {}): Promise<SessionTarget> {
  const fail = (message: string): never => command.error(`${command.name()}: ${message}`);
  if (opts.transport && !TRANSPORTS.includes(opts.transport)) fail(`--transport must be one of ${TRANSPORTS.join(", ")}.`);
  if (opts.transport && !opts.url) fail("--transport goes with --url.");
  if (opts.protocol && !PROTOCOLS.includes(opts.protocol)) fail(`--protocol must be one of ${PROTOCOLS.join(", ")}.`);
  if (opts.server && !opts.config) fail("--server names a server of a --config file; pass --config <file> too.");
  if ([argv.length > 0, opts.url, opts.config].filter(Boolean).length > 1) fail("give one server: a command after --, --url, or --config.");

  let target: SessionTarget;
  if (opts.config) {
    let catalog: ServerCatalog;
    try {
      catalog = await ServerCatalog.load(opts.config);
    } catch (err) {
      return fail((err as Error).message);
    }
    const names = catalog.list().map((s) => s.name);
    const name = opts.server ?? (names.length === 1 ? names[0]! : fail(`${opts.config} lists ${names.length} servers (${names.join(", ")}): pick one with --server <name>.`));
    try {
      target = catalog.target(name);
    } catch (err) {
      return fail(`${(err as Error).message} ${(err as { hint?: string }).hint ?? ""}`.trim());
    }
  } else if (opts.url) {
    target = { transport: (opts.transport ?? "auto") as "auto", url: opts.url, headers: opts.header, revealSecrets: false };
  } else if (argv.length) {
    target = { transport: "stdio", command: argv[0]!, args: argv.slice(1), env: opts.env, cwd: opts.cwd ? resolve(opts.cwd) : process.cwd() };
  } else if (requireServer) {
    return fail("name the server: a command after --, --url <url>, or --config <file> [--server <name>].");
  } else {
    target = { ...defaultServerTarget(), env: opts.env, ...(opts.cwd ? { cwd: resolve(opts.cwd) } : {}) };
  }
  if (opts.protocol) target = { ...target, protocol: opts.protocol as ProtocolChoice };
  if (opts.protocol === "2026-07-28" && target.transport === "sse") fail("--protocol 2026-07-28 is not spoken over --transport sse (HTTP+SSE predates it).");
  const client = target.client ?? ({} as Partial<ClientBehaviour>);
  const autoAnswer = {
    ...client.autoAnswer,
    ...(opts.answerSampling !== undefined ? { sampling: parseSamplingAnswer(opts.answerSampling) } : {}),
    ...(opts.answerElicitation ? { elicitation: opts.answerElicitation } : {}),
  };
  return { ...target, client: { ...client, autoAnswer } as ClientBehaviour };
}
