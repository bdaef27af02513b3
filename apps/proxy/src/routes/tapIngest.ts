import type { FastifyPluginAsync } from "fastify";
import { OpenTapSessionBodySchema, type TapUploadResult, TapUploadBodySchema } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import type { SessionManager } from "../sessions/sessionManager.js";
import { ShimIngest } from "../tap/shimIngest.js";
import { TappedSession } from "../tap/tappedSession.js";
import { watchShim } from "../tap/watchShim.js";
import { wireFrameLine } from "../tap/wireFrameLine.js";
import { parseWith } from "./parse.js";

/**
 * Largest upload body: the shim sends about 4 MiB of chunks at a time (base64: a third more),
 * but one chunk may be larger.
 */
const UPLOAD_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * The routes `mcpscope tap` (the stdio shim) uses, with the API token like any client:
 * `POST /api/taps/sessions` announces a client connection and creates its tapped session;
 * `POST /api/taps/sessions/:id/chunks` records the next chunks of relayed bytes (batched by
 * the shim), cut into frames here.
 */
export const tapIngestRoutes: FastifyPluginAsync<{ sessions: SessionManager }> = async (app, { sessions }) => {
  const ingests = new WeakMap<TappedSession, ShimIngest>();

  app.post("/api/taps/sessions", async (request, reply) => {
    const body = parseWith(OpenTapSessionBodySchema, request.body);
    const target = { ...body.target, name: body.name };
    const session = new TappedSession(target, { name: body.name, kind: "stdio", ...(body.clientPid ? { clientPid: body.clientPid } : {}) }, { recordingsDir: sessions.recordingsDir, transport: "stdio", serverPid: body.serverPid, serialize: wireFrameLine });
    ingests.set(session, new ShimIngest(session));
    sessions.register(session);
    watchShim(session, body.shimPid);
    return reply.code(201).send(session.info());
  });

  app.post<{ Params: { id: string } }>("/api/taps/sessions/:id/chunks", { bodyLimit: UPLOAD_BODY_LIMIT }, async (request): Promise<TapUploadResult> => {
    const session = sessions.get(request.params.id);
    const ingest = session instanceof TappedSession ? ingests.get(session) : undefined;
    if (!ingest || !(session instanceof TappedSession)) throw new ApiFailure("TAP_SESSION_ENDED", "This session is not a session of mcpscope tap.");
    const body = parseWith(TapUploadBodySchema, request.body);
    if (!session.live) throw new ApiFailure("TAP_SESSION_ENDED");
    const n = ingest.take(body.chunks);
    if (body.end) ingest.finish();
    return { n, lastSeq: session.log.lastSeq };
  });
};
