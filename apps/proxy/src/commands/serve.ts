import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import open from "open";
import type { SessionTarget } from "@mcpscope/protocol";
import { type RunningServer, startServer } from "../server.js";
import type { ServerCatalog } from "../sessions/serverCatalog.js";
import type { RetentionOptions } from "../sessions/sessionManager.js";

/** The default data directory: XDG's state directory (XDG Base Directory Specification). */
export function defaultDataDir(): string {
  return join(process.env.XDG_STATE_HOME || join(homedir(), ".local", "state"), "mcpscope");
}

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
  target?: SessionTarget;
  catalog?: ServerCatalog;
  retention?: RetentionOptions;
  /** Recordings to open read-only (`mcpscope view`). */
  recordings?: string[];
}

/**
 * Starts the proxy, prints `mcpscope ready: <url>`, opens the browser unless told not to
 * (or CI is set), and stops cleanly on SIGINT/SIGTERM (forcing after 5 s).
 */
export async function serve(program: Command, opts: ServeOptions): Promise<RunningServer> {
  const recordingsDir = recordingsDirOf(program, opts.dataDir);
  let server: RunningServer;
  try {
    server = await startServer({
      port: opts.port,
      host: opts.host,
      token: opts.token ?? process.env.MCPSCOPE_TOKEN,
      target: opts.target,
      catalog: opts.catalog,
      recordingsDir,
      retention: opts.retention,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE") program.error(`mcpscope: port ${opts.port} is in use. Stop the other process or pick another port with --port <n>.`);
    throw err;
  }
  for (const file of opts.recordings ?? []) {
    try {
      server.app.sessions.openRecording(file);
    } catch (err) {
      await server.app.close();
      program.error(`mcpscope: cannot open ${file}: ${(err as Error).message}`);
    }
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
  process.on("unhandledRejection", (err) => process.stderr.write(`mcpscope: internal error (please report): ${(err as Error)?.stack ?? String(err)}\n`));
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  process.on("exit", () => server.app.sessions.killAll());

  if (opts.open && !process.env.CI) {
    open(server.url).catch(() => {
      process.stderr.write("mcpscope: could not open a browser; open the URL above yourself.\n");
    });
  }
  return server;
}
