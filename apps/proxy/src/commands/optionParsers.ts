import { InvalidArgumentError } from "commander";
import { type ProtocolChoice, ProtocolChoiceSchema } from "@mcpscope/protocol";

/** `--port`: a whole number from 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError("must be a whole number from 0 to 65535.");
  return port;
}

/** A count or a duration: a whole number of at least 1. */
export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number of at least 1.");
  return n;
}

/** The `--transport` values of a remote server. */
export const TRANSPORTS = ["streamable-http", "sse"];

/** The `--protocol` values: `auto`, or an MCP revision to pin. */
export const PROTOCOLS: readonly string[] = ProtocolChoiceSchema.options;
/** The revisions `--protocol` can pin, listed for an option's help. */
export const PINNABLE_REVISIONS = PROTOCOLS.filter((p) => p !== "auto").join(", ");

export function isProtocolChoice(value: string): value is ProtocolChoice {
  return PROTOCOLS.includes(value);
}

/** A repeatable `NAME<separator>VALUE` option (`-e KEY=VALUE`, `--header "Name: value"`), collected into an object. */
export const collectPair = (separator: string) => (value: string, previous: Record<string, string>) => {
  const at = value.indexOf(separator);
  if (at <= 0) throw new InvalidArgumentError(`expected NAME${separator}VALUE, got "${value}".`);
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
};

/** A repeatable option collected into a list. */
export const collectList = (value: string, previous: string[]) => [...previous, value];

/**
 * What a command prints after an error of its own: a pointer to --help, not the whole help,
 * which would bury the message (commander's `showHelpAfterError`).
 */
export const HELP_AFTER_ERROR = "(add --help to see the options)";
