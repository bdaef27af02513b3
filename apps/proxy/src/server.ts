import type { SessionTarget } from "@mcpscope/protocol";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { ApiFailure } from "./errors.js";
import { generateToken } from "./security/tokens.js";
import type { ServerCatalog } from "./sessions/serverCatalog.js";
import type { RetentionOptions } from "./sessions/sessionManager.js";

export interface ServerOptions {
  port: number;
  host: string;
  token?: string;
  /** A session to open at start. */
  target?: SessionTarget;
  /** Servers from an `mcpServers` config file. */
  catalog?: ServerCatalog;
  /** Where session recordings go; none: in memory only. */
  recordingsDir?: string;
  retention?: RetentionOptions;
}

export interface RunningServer {
  app: FastifyInstance;
  /** `http://<host>:<port>/?token=<token>`: the URL that logs a browser in. */
  url: string;
  token: string;
  port: number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * Builds the app and listens. The initial session, when given, is opened after listening;
 * a failure to open it is printed and the proxy keeps running so the UI can explain it.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? generateToken();
  const extraHosts = LOOPBACK.has(opts.host) ? [] : [opts.host];
  const app = await buildApp({
    token,
    port: opts.port,
    extraHosts,
    host: opts.host,
    catalog: opts.catalog,
    session: { recordingsDir: opts.recordingsDir },
    retention: opts.retention,
  });
  await app.listen({ port: opts.port, host: opts.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  const shownHost = opts.host === "::1" ? "[::1]" : opts.host;
  const url = `http://${shownHost}:${port}/?token=${token}`;
  if (opts.target) {
    app.sessions.open(opts.target).catch((err: unknown) => {
      const detail = err instanceof ApiFailure ? `${err.message}\n${err.hint}` : String(err);
      const what = opts.target!.transport === "stdio" ? opts.target!.command : opts.target!.url;
      process.stderr.write(`mcpscope: could not connect to ${what}: ${detail}\n`);
    });
  }
  return { app, url, token, port };
}
