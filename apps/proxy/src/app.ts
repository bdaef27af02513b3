import fastifyCookie from "@fastify/cookie";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, { type FastifyInstance } from "fastify";
import { AppSandbox } from "./apps/appSandbox.js";
import { ApiFailure } from "./errors.js";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CollectionStore } from "./collections/collectionStore.js";
import { collectionRoutes } from "./routes/collections.js";
import { CredentialStore } from "./auth/credentialStore.js";
import { PendingAuthorizations } from "./auth/pendingAuthorizations.js";
import type { OAuthEnvironment } from "./auth/sessionAuth.js";
import { appRoutes } from "./routes/apps.js";
import { healthRoutes } from "./routes/health.js";
import { oauthRoutes } from "./routes/oauth.js";
import { recordingRoutes } from "./routes/recordings.js";
import { validateRoutes } from "./routes/validate.js";
import { serverRoutes } from "./routes/servers.js";
import { sessionRoutes } from "./routes/sessions.js";
import { tapFacadeRoutes } from "./routes/tapFacade.js";
import { tapIngestRoutes } from "./routes/tapIngest.js";
import { tapRoutes } from "./routes/taps.js";
import { webRoutes } from "./routes/web.js";
import { wsRoutes } from "./routes/ws.js";
import { registerGuard } from "./security/guard.js";
import { generateToken } from "./security/tokens.js";
import { PresenceHub, shareRoutes } from "./routes/share.js";
import type { SessionOptions } from "./sessions/session.js";
import { ServerCatalog } from "./sessions/serverCatalog.js";
import { type RetentionOptions, SessionManager } from "./sessions/sessionManager.js";
import { TapRegistry } from "./tap/facade/tapRegistry.js";

export interface AppOptions {
  /** The token that guards the API (see docs/ARCHITECTURE.md "Security"). */
  token: string;
  /** The read-only token of viewer links; random when absent. */
  viewerToken?: string;
  /** The address the proxy is bound to, shown in viewer links. */
  host?: string;
  /** The port the app will listen on; 0 means "whatever listen() got". */
  port: number;
  /** Extra host names the Host/Origin allow-lists accept (an explicit non-loopback bind). */
  extraHosts?: string[];
  /** Directory of the built web app; defaults to the package's `dist/web/` (`WEB_DIST`). */
  webRoot?: string;
  session?: SessionOptions;
  retention?: RetentionOptions;
  /** Servers from an `mcpServers` config file. */
  catalog?: ServerCatalog;
  /**
   * The collections directory (`--collections`); default: `collections` beside the
   * recordings directory, or a directory in the system's temporary directory without one.
   */
  collectionsDir?: string;
  /** Where the tokens of taps (HTTP facades) are kept across runs; none: new ones each run. */
  tapTokensFile?: string;
  /** Where OAuth credentials are persisted for sessions that opt in (`<data dir>/oauth`); none: memory only. */
  oauthDir?: string;
  logger?: boolean;
  /**
   * Called once the app's `SessionManager` exists, before the routes are registered: a stdio
   * session opened here spawns its server while the routes are set up (see `startServer`).
   */
  onSessionManager?: (sessions: SessionManager) => void;
}

declare module "fastify" {
  interface FastifyInstance {
    sessions: SessionManager;
    /** The taps (HTTP facades) this mcpscope serves. */
    taps: TapRegistry;
  }
}

/**
 * Fastify's JSON-Schema compilers (Ajv for validation, fast-json-stringify for responses) are
 * built when a route first declares a schema. mcpscope's routes parse bodies with zod
 * (`routes/parse.ts`) and declare none, so these stand in: not loading the compilers takes
 * a good part off mcpscope's cold start, and a route that declares a schema fails at once.
 */
const noFastifySchemas = (what: string) => () => {
  throw new Error(`mcpscope routes do not use Fastify ${what} schemas: parse with zod (routes/parse.ts) instead.`);
};

/**
 * Builds the mcpscope Fastify app (Fastify's `buildApp(opts)` style: `server.ts` only
 * listens). The app owns a `SessionManager`; closing the app closes every session.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 16 * 1024 * 1024,
    schemaController: { compilersFactory: { buildValidator: noFastifySchemas("validation"), buildSerializer: noFastifySchemas("response") } },
  });
  // The guard reads the port on every request; `server.address()` is a syscall-backed call,
  // so it is read once the server listens.
  let listening: number | undefined;
  const port = () => {
    if (listening !== undefined) return listening;
    const address = app.server.address();
    if (typeof address === "object" && address) return (listening = address.port);
    return opts.port;
  };
  // The redirect URI names the loopback address mcpscope listens on (RFC 8252 §7.3).
  const oauth: OAuthEnvironment = {
    pending: new PendingAuthorizations(),
    store: new CredentialStore(opts.oauthDir),
    origin: () => `http://${opts.host && opts.host !== "::1" && opts.host !== "localhost" ? opts.host : opts.host === "::1" ? "[::1]" : "127.0.0.1"}:${port()}`,
  };
  const sessions = new SessionManager({ ...opts.session, oauth }, opts.retention);
  for (const warning of sessions.loadRecordings()) app.log.warn(warning);
  app.decorate("sessions", sessions);
  opts.onSessionManager?.(sessions);
  const taps = new TapRegistry(opts.tapTokensFile);
  app.decorate("taps", taps);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiFailure) return reply.code(error.statusCode).send(error.toBody());
    const e = error as { statusCode?: number; message?: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.code(e.statusCode).send(new ApiFailure("BAD_REQUEST", e.message).toBody());
    }
    request.log.error(error);
    return reply.code(500).send(new ApiFailure("INTERNAL", `Internal error in mcpscope: ${e.message}`).toBody());
  });

  // The guard parses the auth cookie itself, and only when no bearer token is sent.
  await app.register(fastifyCookie, { hook: false });
  const viewerToken = opts.viewerToken ?? generateToken();
  registerGuard(app, { token: opts.token, viewerToken, port, extraHosts: opts.extraHosts });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  await app.register(healthRoutes);
  await app.register(sessionRoutes, { sessions });
  await app.register(tapIngestRoutes, { sessions });
  const catalog = opts.catalog ?? new ServerCatalog();
  await app.register(serverRoutes, { sessions, catalog });
  const origin = () => `http://${opts.host === "::1" ? "[::1]" : (opts.host ?? "127.0.0.1")}:${port()}`;
  await app.register(tapRoutes, { taps, catalog, origin });
  await app.register(tapFacadeRoutes, { sessions, taps, port, extraHosts: opts.extraHosts });
  await app.register(recordingRoutes, { sessions });
  await app.register(validateRoutes);
  const recordings = opts.session?.recordingsDir;
  const collectionsDir = opts.collectionsDir ?? (recordings ? join(dirname(recordings), "collections") : join(tmpdir(), `mcpscope-collections-${process.pid}`));
  await app.register(collectionRoutes, { store: new CollectionStore(collectionsDir), sessions });
  await app.register(oauthRoutes, { sessions, env: oauth });
  const presence = new PresenceHub();
  await app.register(shareRoutes, { presence, viewerToken, host: opts.host ?? "127.0.0.1", port, exposed: (opts.extraHosts ?? []).length > 0 });
  await app.register(wsRoutes, { sessions, presence });
  // MCP Apps render from a second loopback port (its own origin), opened once the app listens.
  const sandbox = new AppSandbox({ extraHosts: opts.extraHosts });
  await app.register(appRoutes, { sessions, sandbox, port, extraHosts: opts.extraHosts });
  await app.register(webRoutes, { root: opts.webRoot, frameSources: () => sandbox.origins() });
  app.addHook("onListen", async () => {
    await sandbox.listen(opts.host ?? "127.0.0.1");
  });

  app.addHook("onClose", async () => {
    await sandbox.close();
    await sessions.closeAll();
  });
  return app;
}
