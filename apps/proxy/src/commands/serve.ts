import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Command } from "commander";
import type { SessionStatus, SessionTarget } from "@mcpscope/protocol";
import type { CompileCache } from "../compileCache.js";
import { defaultDataDir } from "../dataDir.js";
import { ApiFailure } from "../errors.js";
import { type InitialSession, type RunningServer, startServer } from "../server.js";
import { registerInstance, runningInstances } from "../tap/instanceRegistry.js";
import type { ServerCatalog } from "../sessions/serverCatalog.js";
import type { RetentionOptions } from "../sessions/sessionManager.js";
import { VERSION } from "../version.js";

export { defaultDataDir };

/**
 * Creates `<dataDir>/sessions` and returns it.
 * @throws exits through `program.error` with a hint when it cannot be created.
 */
export function recordingsDirOf(program: Command, dataDir: string | undefined): string {
  const dir = join(dataDir ?? defaultDataDir(), "sessions");
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    program.error(`mcpscope: cannot create the data directory ${dir}: ${(err as Error).message}. Pick another with --data-dir <dir>.`);
  }
  return dir;
}

export interface ServeOptions {
  port: number;
  host: string;
  token?: string;
  open: boolean;
  dataDir?: string;
  /** The collections directory; default `<dataDir>/collections`. */
  collectionsDir?: string;
  target?: SessionTarget;
  catalog?: ServerCatalog;
  retention?: RetentionOptions;
  /** Recordings to open read-only (`mcpscope view`). */
  recordings?: string[];
  /** Print the ready object (`ReadyInfo`) as one JSON line instead of the ready line. */
  json?: boolean;
  /** Servers of the catalog to put an HTTP facade in front of (`--tap`). */
  taps?: string[];
}

/**
 * What `--json` prints on stdout, as one line, once mcpscope is ready: listening, and the
 * session opened at start (if any) connected or failed.
 */
export interface ReadyInfo {
  /** `http://<host>:<port>/?token=<token>`: opening it logs a browser in. */
  url: string;
  /** `http://<host>:<port>`: the base of the REST API. */
  origin: string;
  port: number;
  /** The API token (`Authorization: Bearer <token>`). */
  token: string;
  /** mcpscope's version. */
  version: string;
  /** The session opened at start (a command after `--`, `--url`, `--server` or the default server). */
  sessionId?: string;
  /** That session's status: `ready`, `failed` (then `error`, `errorCode` and `hint` say why), or `connecting` while an OAuth sign-in waits for a person (`authorizationUrl`). */
  status?: SessionStatus;
  /** The authorization URL to open (interactive OAuth). */
  authorizationUrl?: string;
  error?: string;
  /** The connection doctor's code, e.g. `MCPSCOPE_COMMAND_NOT_FOUND`. */
  errorCode?: string;
  hint?: string;
  /** `mcpscope view`: each recording given and the id of the read-only session it opened. */
  recordings?: Array<{ file: string; sessionId: string }>;
  /** `--tap`: each HTTP facade and the URL a client connects to (its token in the path). */
  taps?: Array<{ name: string; url: string }>;
}

/** The connection doctor's words for a failed initial session: message, then what to try. */
function describeFailure(target: SessionTarget | undefined, error: Error | undefined): string {
  const what = !target ? "the server" : target.transport === "stdio" ? target.command : target.url;
  const detail = error instanceof ApiFailure ? `${error.message}\n${error.hint}` : String(error?.message ?? error);
  return `mcpscope: could not connect to ${what}: ${detail}`;
}

function readyInfo(server: RunningServer, initial: InitialSession | undefined, recordings: ReadyInfo["recordings"]): ReadyInfo {
  const info: ReadyInfo = { url: server.url, origin: new URL(server.url).origin, port: server.port, token: server.token, version: VERSION };
  if (initial) {
    if (initial.sessionId) info.sessionId = initial.sessionId;
    info.status = initial.status;
    if (initial.authorizationUrl) info.authorizationUrl = initial.authorizationUrl;
    if (initial.error) {
      info.error = initial.error.message;
      if (initial.error instanceof ApiFailure) {
        info.errorCode = initial.error.toBody().code;
        info.hint = initial.error.hint;
      }
    }
  }
  if (recordings) info.recordings = recordings;
  return info;
}

/**
 * Starts the proxy and, once it listens and the session opened at start (if any) is ready or
 * failed (the doctor's message on stderr first), prints `mcpscope ready: <url>` (or, with
 * `json`, a `ReadyInfo` line); opens the browser unless told not to (or CI is set); stops
 * cleanly on SIGINT/SIGTERM (forcing after 5 s).
 */
export async function serve(program: Command, opts: ServeOptions): Promise<RunningServer> {
  const recordingsDir = recordingsDirOf(program, opts.dataDir);
  const dataDir = opts.dataDir ?? defaultDataDir();
  let server: RunningServer;
  try {
    server = await startServer({
      port: opts.port,
      host: opts.host,
      token: opts.token ?? process.env.MCPSCOPE_TOKEN,
      target: opts.target,
      catalog: opts.catalog,
      recordingsDir,
      collectionsDir: opts.collectionsDir,
      tapTokensFile: join(dataDir, "taps.json"),
      oauthDir: join(opts.dataDir ?? defaultDataDir(), "oauth"),
      retention: opts.retention,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE") {
      const other = runningInstances(dataDir).find((i) => new URL(i.origin).port === String(opts.port));
      const who = other ? ` by another mcpscope (pid ${other.pid}): open ${other.url}, or stop it (kill ${other.pid})` : "";
      program.error(`mcpscope: port ${opts.port} is in use${who}. Stop the other process or pick another port with --port <n>.`);
    }
    throw err;
  }
  const taps: ReadyInfo["taps"] = opts.taps?.length ? [] : undefined;
  for (const name of opts.taps ?? []) {
    try {
      const tap = server.app.taps.create(name, opts.catalog!.target(name));
      taps!.push({ name, url: server.app.taps.describe(tap, new URL(server.url).origin).url });
    } catch (err) {
      await server.app.close();
      program.error(`mcpscope: --tap ${name}: ${(err as Error).message} ${(err as { hint?: string }).hint ?? ""}`.trimEnd());
    }
  }
  const recordings: ReadyInfo["recordings"] = opts.recordings ? [] : undefined;
  for (const file of opts.recordings ?? []) {
    try {
      recordings!.push({ file, sessionId: server.app.sessions.openRecording(file).id });
    } catch (err) {
      await server.app.close();
      program.error(`mcpscope: cannot open ${file}: ${(err as Error).message}`);
    }
  }

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
  process.on("unhandledRejection", (err) => process.stderr.write(`mcpscope: internal error (please report): ${(err as Error)?.stack ?? String(err)}\n`));
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  process.on("exit", () => server.app.sessions.killAll());

  // `mcpscope tap` finds this mcpscope through the registry in the data directory.
  registerInstance(dataDir, { pid: process.pid, url: server.url, origin: new URL(server.url).origin, token: server.token, version: VERSION, startedAt: Date.now() });

  const initial = await server.initialSession;
  if (initial?.status === "failed") process.stderr.write(`${describeFailure(opts.target, initial.error)}\n`);
  if (initial?.authorizationUrl) {
    process.stderr.write(`mcpscope: ${opts.target?.transport === "stdio" ? "the server" : opts.target?.url} needs you to sign in: press "Sign in" in the page (or open ${initial.authorizationUrl}).\n`);
  }
  // Started: the modules are loaded, so the V8 code cache (compileCache.ts, installed by
  // bin/mcpscope.mjs) can let go of the file's code it holds (about 3 MB).
  (globalThis as Record<symbol, CompileCache | undefined>)[Symbol.for("mcpscope.compileCache")]?.release();
  const ready = readyInfo(server, initial, recordings);
  if (taps) ready.taps = taps;
  const tapLines = (taps ?? []).map((t) => `mcpscope tap ${t.name}: ${t.url}\n`).join("");
  process.stdout.write(opts.json ? `${JSON.stringify(ready)}\n` : `mcpscope ready: ${ready.url}\n${tapLines}`);

  if (opts.open && !process.env.CI) {
    // Loaded only to open a browser: no request ever needs it. `open` is an ES module, loaded
    // with require(esm) (Node >= 20.19): the CLI's bundle holds no import() (see scripts/build.mjs).
    Promise.resolve()
      .then(() => (createRequire(import.meta.url)("open") as typeof import("open")).default(server.url))
      .catch(() => process.stderr.write("mcpscope: could not open a browser; open the URL above yourself.\n"));
  }
  return server;
}
