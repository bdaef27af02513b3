import { REDACTED, type CreateSessionBody, type SessionTarget } from "@mcpscope/protocol/types";

/**
 * The `POST /api/sessions` body "Start a new session from this target…" sends for a
 * recorded session: the recorded target's transport, command, arguments, environment and
 * working directory (or URL and headers), name and initialize timeout, exactly as recorded.
 * Its client behaviour (capabilities, roots, canned answers) is left out: the new session
 * declares mcpscope's defaults, as the Connect form does.
 */
export function newSessionBody(target: SessionTarget): CreateSessionBody {
  const common = { ...(target.name ? { name: target.name } : {}), ...(target.initializeTimeoutMs ? { initializeTimeoutMs: target.initializeTimeoutMs } : {}) };
  if (target.transport === "stdio") {
    return { transport: "stdio", command: target.command, args: [...target.args], env: { ...target.env }, ...(target.cwd ? { cwd: target.cwd } : {}), ...common };
  }
  return { transport: target.transport, url: target.url, headers: { ...target.headers }, revealSecrets: false, ...common };
}

/** One line of what will be sent, for a person to read before confirming. */
export interface BodyRow {
  label: string;
  /** The value, with characters that would not show as themselves written as `\u{…}`. */
  value: string;
  /** The value was redacted when recorded: the server would get the text shown. */
  redacted: boolean;
  /** The value holds control, bidi or zero-width characters (shown escaped in `value`). */
  hidden: boolean;
}

/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * Text with every character that would not show as itself (a newline, an escape, a
 * right-to-left override that makes `txt.exe` read `exe.txt`) written as `\u{hex}`, so a
 * recording cannot make what runs look like something else.
 */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

const TRANSPORT_LABELS: Record<string, string> = { stdio: "stdio", "streamable-http": "Streamable HTTP", sse: "SSE", auto: "Streamable HTTP, then SSE" };

/** Every field of a `newSessionBody`, one row each (each argument, variable and header its own). */
export function bodyRows(body: CreateSessionBody): BodyRow[] {
  const rows: BodyRow[] = [{ label: "Transport", value: TRANSPORT_LABELS[body.transport] ?? body.transport, redacted: false, hidden: false }];
  const row = (label: string, value: string) => rows.push({ label: visible(label), value: visible(value), redacted: value.includes(REDACTED), hidden: visible(label + value) !== label + value });
  if (body.transport === "stdio") {
    row("Command", body.command);
    body.args.forEach((arg, i) => row(`Argument ${i + 1}`, arg));
    for (const [name, value] of Object.entries(body.env)) row(`Environment ${name}`, value);
    if (body.cwd) row("Working directory", body.cwd);
  } else {
    row("URL", body.url);
    for (const [name, value] of Object.entries(body.headers)) row(`Header ${name}`, value);
  }
  if (body.name) row("Name", body.name);
  if (body.initializeTimeoutMs) row("Initialize timeout", `${body.initializeTimeoutMs} ms`);
  return rows;
}

/**
 * The stdio command line as one string, for a glance: arguments with spaces, quotes or
 * hidden characters in JSON quotes (which write those characters as escapes).
 */
export function commandLine(body: CreateSessionBody): string | undefined {
  if (body.transport !== "stdio") return undefined;
  return [body.command, ...body.args].map((word) => (/^[\w./:=@%+,-]+$/.test(word) ? word : visible(JSON.stringify(word)))).join(" ");
}
