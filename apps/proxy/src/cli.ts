import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import open from "open";
import type { SessionTarget } from "@mcpscope/protocol";
import { defaultServerTarget } from "./sessions/defaultServer.js";
import { ServerCatalog } from "./sessions/serverCatalog.js";
import { startServer } from "./server.js";
import { VERSION } from "./version.js";

const DEFAULT_PORT = 6280;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError("must be a whole number from 0 to 65535.");
  return port;
}

function collectEnv(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}".`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number of at least 1.");
  return n;
}

/** The default data directory: XDG's state directory (XDG Base Directory Specification). */
function defaultDataDir(): string {
  return join(process.env.XDG_STATE_HOME || join(homedir(), ".local", "state"), "mcpscope");
}

function collectHeader(value: string, previous: Record<string, string>): Record<string, string> {
  const colon = value.indexOf(":");
  if (colon <= 0) throw new InvalidArgumentError(`expected "Name: value", got "${value}".`);
  return { ...previous, [value.slice(0, colon).trim()]: value.slice(colon + 1).trim() };
}

const TRANSPORTS = ["streamable-http", "sse"];

/** Runs the `mcpscope` command line. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name("mcpscope")
    .description("Inspect Model Context Protocol servers in the browser: every frame, every schema.")
    .version(VERSION)
    .usage("[options] [-- <command> [args...]]")
    .option("-p, --port <n>", "port to listen on", parsePort, DEFAULT_PORT)
    .option("--host <addr>", "address to bind (loopback only unless --expose)", "127.0.0.1")
    .option("--expose", "allow binding a non-loopback address (anyone who can reach it and has the token can run commands)")
    .option("--no-open", "do not open a browser (implied when CI is set)")
    .option("--token <t>", "API token (default: $MCPSCOPE_TOKEN, else random)")
    .option("-e, --env <KEY=VALUE>", "environment variable for the server (repeatable)", collectEnv, {})
    .option("--cwd <dir>", "working directory for the server")
    .option("--url <url>", "connect to a remote server (Streamable HTTP, falling back to SSE)")
    .option("--transport <t>", "with --url: streamable-http or sse (default: try both)")
    .option("--header <Name: value>", "with --url: an HTTP header for every request (repeatable)", collectHeader, {})
    .option("--config <file>", "an mcpServers config file (Claude Desktop / Cursor / VS Code shape): its servers are listed in the UI")
    .option("--server <name>", "with --config: connect to this server at start")
    .option("--data-dir <dir>", "where recordings are kept (default: $XDG_STATE_HOME/mcpscope or ~/.local/state/mcpscope)")
    .option("--keep <n>", "keep at most this many recorded sessions", parseCount)
    .option("--keep-days <n>", "delete recordings older than this many days", parseCount)
    .argument("[command...]", "stdio server command after --; default: @modelcontextprotocol/server-everything")
    .showHelpAfterError();
  program.parse(argv);
  const opts = program.opts<{
    port: number;
    host: string;
    expose?: boolean;
    open: boolean;
    token?: string;
    env: Record<string, string>;
    cwd?: string;
    url?: string;
    transport?: string;
    header: Record<string, string>;
    config?: string;
    server?: string;
    dataDir?: string;
    keep?: number;
    keepDays?: number;
  }>();
  const [command, ...args] = program.args;

  if (!LOOPBACK.has(opts.host) && !opts.expose) {
    program.error(
      `mcpscope: refusing to bind ${opts.host}: mcpscope starts processes on request, so it listens on loopback only.\nPass --expose as well if you really mean to serve it on this address.`,
    );
  }
  if (opts.transport && !TRANSPORTS.includes(opts.transport)) program.error(`mcpscope: --transport must be one of ${TRANSPORTS.join(", ")}.`);
  if (opts.transport && !opts.url) program.error("mcpscope: --transport goes with --url.");
  if (opts.server && !opts.config) program.error("mcpscope: --server names a server of a --config file; pass --config <file> too.");
  if ([command, opts.url, opts.server].filter(Boolean).length > 1) program.error("mcpscope: give one server: a command after --, --url, or --server.");

  let catalog: ServerCatalog | undefined;
  if (opts.config) {
    try {
      catalog = await ServerCatalog.load(opts.config);
    } catch (err) {
      program.error(`mcpscope: ${(err as Error).message}`);
    }
  }
  let target: SessionTarget | undefined;
  if (opts.server) {
    try {
      target = catalog!.target(opts.server);
    } catch (err) {
      program.error(`mcpscope: ${(err as Error).message} ${(err as { hint?: string }).hint ?? ""}`);
    }
  } else if (opts.url) {
    target = { transport: (opts.transport ?? "auto") as "auto", url: opts.url, headers: opts.header, revealSecrets: false };
  } else if (command) {
    target = { transport: "stdio", command, args, env: opts.env, ...(opts.cwd ? { cwd: opts.cwd } : {}) };
  } else if (!catalog) {
    target = { ...defaultServerTarget(), env: opts.env, ...(opts.cwd ? { cwd: opts.cwd } : {}) };
  }

  const recordingsDir = join(opts.dataDir ?? defaultDataDir(), "sessions");
  try {
    mkdirSync(recordingsDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    program.error(`mcpscope: cannot create the data directory ${recordingsDir}: ${(err as Error).message}. Pick another with --data-dir <dir>.`);
  }

  let server;
  try {
    server = await startServer({
      port: opts.port,
      host: opts.host,
      token: opts.token ?? process.env.MCPSCOPE_TOKEN,
      target,
      catalog,
      recordingsDir,
      retention: { keepSessions: opts.keep, keepDays: opts.keepDays },
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE") {
      program.error(`mcpscope: port ${opts.port} is in use. Stop the other process or pick another port with --port <n>.`);
    }
    throw err;
  }
  process.stdout.write(`mcpscope ready: ${server.url}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // A server that will not die must not keep mcpscope alive: give up after 5 s.
    const force = setTimeout(() => {
      server.app.sessions.killAll();
      process.exit(1);
    }, 5000);
    force.unref();
    await server.app.close();
    process.exit(0);
  };
  // One session's bug must not take down the others: report it and keep serving.
  process.on("uncaughtException", (err) => process.stderr.write(`mcpscope: internal error (please report): ${err.stack ?? err}\n`));
  process.on("unhandledRejection", (err) => process.stderr.write(`mcpscope: internal error (please report): ${(err as Error)?.stack ?? err}\n`));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("exit", () => server.app.sessions.killAll());

  if (opts.open && !process.env.CI) {
    open(server.url).catch(() => {
      process.stderr.write("mcpscope: could not open a browser; open the URL above yourself.\n");
    });
  }
}
