import type { SessionStatus, SessionTarget } from "@mcpscope/protocol";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { ApiFailure } from "./errors.js";
import { generateToken } from "./security/tokens.js";
import type { ServerCatalog } from "./sessions/serverCatalog.js";
import type { RetentionOptions, SessionManager } from "./sessions/sessionManager.js";

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
  /** The collections directory (`--collections`); default `collections` beside `recordingsDir`. */
  collectionsDir?: string;
  /** Where the tokens of taps (HTTP facades) are kept across runs. */
  tapTokensFile?: string;
  /** Where OAuth credentials go for sessions that opt in to persisting them (`<data dir>/oauth`). */
  oauthDir?: string;
  retention?: RetentionOptions;
}

/** How the session opened at start ended up once it finished connecting. */
export interface InitialSession {
  /** Its id (absent only when it could not even be created, e.g. too many live sessions). */
  sessionId?: string;
  /** `ready`, `failed` when the initialize handshake did not complete, or `connecting` while an OAuth sign-in waits for a person (`authorizationUrl`). */
  status: SessionStatus;
  /** The authorization URL a person must open (interactive OAuth). */
  authorizationUrl?: string;
  /** The connection doctor's explanation when it failed (`ApiFailure`, or any other error). */
  error?: ApiFailure | Error;
}

export interface RunningServer {
  app: FastifyInstance;
  /** `http://<host>:<port>/?token=<token>`: the URL that logs a browser in. */
  url: string;
  token: string;
  port: number;
  /** With `ServerOptions.target`: settles (never rejects) once that session is ready or failed. */
  initialSession?: Promise<InitialSession>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * Builds the app and listens. The initial session, when given, is opened as early as it can
 * be: a stdio one as soon as the session manager exists, so that its server starts while
 * the routes are registered; a remote one once listening (its OAuth redirect URI names the
 * port). `initialSession` tells how its connection ended. A failed one stays listed (status
 * `failed`, with the doctor's error) and the proxy keeps running so the UI can explain it.
 * @throws the listen error (`EADDRINUSE` …), after closing the app and any session it opened.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? generateToken();
  const extraHosts = LOOPBACK.has(opts.host) ? [] : [opts.host];
  const target = opts.target;
  let initialSession: Promise<InitialSession> | undefined;
  const app = await buildApp({
    ...(target?.transport === "stdio" ? { onSessionManager: (sessions: SessionManager) => void (initialSession = openInitialSession(sessions, target)) } : {}),
    token,
    port: opts.port,
    extraHosts,
    host: opts.host,
    catalog: opts.catalog,
    tapTokensFile: opts.tapTokensFile,
    session: { recordingsDir: opts.recordingsDir },
    collectionsDir: opts.collectionsDir,
    ...(opts.oauthDir ? { oauthDir: opts.oauthDir } : {}),
    retention: opts.retention,
  });
  try {
    await app.listen({ port: opts.port, host: opts.host });
  } catch (err) {
    await app.close().catch(() => {});
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  const shownHost = opts.host === "::1" ? "[::1]" : opts.host;
  const url = `http://${shownHost}:${port}/?token=${token}`;
  if (target) initialSession ??= openInitialSession(app.sessions, target);
  return { app, url, token, port, ...(initialSession ? { initialSession } : {}) };
}

function openInitialSession(sessions: SessionManager, target: SessionTarget): Promise<InitialSession> {
  // The manager announces a session before it connects: its id is known even if connecting fails.
  // It is announced once its code is loaded (`SessionManager.open`), so the listener picks
  // it out by its target rather than by being the first one created.
  let sessionId: string | undefined;
  const stopListening = sessions.onCreated((session) => {
    if ("target" in session && session.target === target) sessionId ??= session.id;
  });
  const opening = sessions.open(target);
  opening.finally(stopListening).catch(() => {});
  return opening.then(
    (session) => {
      const info = session.info();
      return { sessionId: session.id, status: info.status, ...(info.auth?.authorizationUrl ? { authorizationUrl: info.auth.authorizationUrl } : {}) };
    },
    (err: unknown) => ({ sessionId, status: "failed" as const, error: err instanceof Error ? err : new Error(String(err)) }),
  );
}
