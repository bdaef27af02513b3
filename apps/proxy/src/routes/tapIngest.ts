import type { FastifyPluginAsync } from "fastify";
import { MAX_TAP_CHUNKS_PER_UPLOAD, OpenTapSessionBodySchema, type TapUploadResult, TapUploadBodySchema } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { ChunkDecodeError, chunksFromJson, decodeChunks, type ShimChunk, TAP_CHUNKS_MEDIA_TYPE } from "../tap/chunkCodec.js";
import type { SessionManager } from "../sessions/sessionManager.js";
import { ShimIngest } from "../tap/shimIngest.js";
import { TappedSession } from "../tap/tappedSession.js";
import { watchShim } from "../tap/watchShim.js";
import { wireFrameLine } from "../recording/wireFrameLine.js";
import { parseWith } from "./parse.js";

/**
 * Largest upload body: the shim sends about 4 MiB of chunks at a time (as JSON, base64: a
 * third more), but one chunk may be larger.
 */
const UPLOAD_BODY_LIMIT = 64 * 1024 * 1024;

/** The chunks of an upload: binary (`TAP_CHUNKS_MEDIA_TYPE`, `?end=1` with the last), or JSON (`TapUploadBody`). */
function uploadedChunks(body: unknown, query: unknown): { chunks: ShimChunk[]; end: boolean } {
  if (Buffer.isBuffer(body)) {
    let chunks;
    try {
      chunks = decodeChunks(body).chunks;
    } catch (err) {
      if (err instanceof ChunkDecodeError) throw new ApiFailure("BAD_REQUEST", `Invalid upload: ${err.message}`);
      throw err;
    }
    if (chunks.length > MAX_TAP_CHUNKS_PER_UPLOAD) throw new ApiFailure("BAD_REQUEST", `Invalid upload: ${chunks.length} chunks, at most ${MAX_TAP_CHUNKS_PER_UPLOAD} in one`);
    return { chunks, end: (query as { end?: string }).end === "1" };
  }
  const parsed = parseWith(TapUploadBodySchema, body);
  return { chunks: chunksFromJson(parsed.chunks), end: parsed.end === true };
}

/**
 * The routes `mcpscope tap` (the stdio shim) uses, with the API token like any client:
 * `POST /api/taps/sessions` announces a client connection and creates its tapped session;
 * `POST /api/taps/sessions/:id/chunks` records the next chunks of relayed bytes (batched by
 * the shim; binary, or JSON from an older shim), cut into frames here.
 */
export const tapIngestRoutes: FastifyPluginAsync<{ sessions: SessionManager }> = async (app, { sessions }) => {
  const ingests = new WeakMap<TappedSession, ShimIngest>();
  app.addContentTypeParser(TAP_CHUNKS_MEDIA_TYPE, { parseAs: "buffer", bodyLimit: UPLOAD_BODY_LIMIT }, (_request, body, done) => done(null, body));

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
    const { chunks, end } = uploadedChunks(request.body, request.query);
    if (!session.live) throw new ApiFailure("TAP_SESSION_ENDED");
    const n = ingest.take(chunks);
    if (end) ingest.finish();
    return { n, lastSeq: session.log.lastSeq };
  });
};
