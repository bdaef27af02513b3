import type { FastifyPluginAsync } from "fastify";
import { OpenTapSessionBodySchema, type TapFramesResult, TapFramesBodySchema } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import type { SessionManager } from "../sessions/sessionManager.js";
import { ingestFrames } from "../tap/ingestFrames.js";
import { TappedSession } from "../tap/tappedSession.js";
import { watchShim } from "../tap/watchShim.js";
import { parseWith } from "./parse.js";

/**
 * Largest upload body: the shim sends at most ~4 MiB of frames at a time, but a single frame
 * may carry a whole 16 MiB line, JSON-escaped.
 */
const UPLOAD_BODY_LIMIT = 128 * 1024 * 1024;

/**
 * The routes `mcpscope tap` (the stdio shim) uses, with the API token like any client:
 * `POST /api/taps/sessions` announces a client connection and creates its tapped session;
 * `POST /api/taps/sessions/:id/frames` records the next frames (batched by the shim).
 */
export const tapIngestRoutes: FastifyPluginAsync<{ sessions: SessionManager }> = async (app, { sessions }) => {
  app.post("/api/taps/sessions", async (request, reply) => {
    const body = parseWith(OpenTapSessionBodySchema, request.body);
    const target = { ...body.target, name: body.name };
    const session = new TappedSession(target, { name: body.name, kind: "stdio", ...(body.clientPid ? { clientPid: body.clientPid } : {}) }, { recordingsDir: sessions.recordingsDir, transport: "stdio", serverPid: body.serverPid });
    sessions.register(session);
    watchShim(session, body.shimPid);
    return reply.code(201).send(session.info());
  });

  app.post<{ Params: { id: string } }>("/api/taps/sessions/:id/frames", { bodyLimit: UPLOAD_BODY_LIMIT }, async (request): Promise<TapFramesResult> => {
    const session = sessions.get(request.params.id);
    if (!(session instanceof TappedSession)) throw new ApiFailure("TAP_SESSION_ENDED", "This session is not a tapped session.");
    const body = parseWith(TapFramesBodySchema, request.body);
    if (!session.live) throw new ApiFailure("TAP_SESSION_ENDED");
    session.appendStamped(ingestFrames(session.id, session.log.lastSeq, body.frames));
    if (body.end) session.end(...endStatus(session));
    return { lastSeq: session.log.lastSeq };
  });
};

/** How a shim's session ended, from its last `exited` frame: clean, or how the server died. */
function endStatus(session: TappedSession): ["closed" | "failed", string?] {
  const last = session.log.recent().findLast((f) => f.kind === "lifecycle" && f.meta?.event === "exited");
  const code = last?.meta?.code;
  const signal = last?.meta?.signal;
  if (!last || (code === 0 && !signal)) return ["closed"];
  return ["failed", signal ? `The server process was killed by ${String(signal)}.` : `The server process exited with code ${String(code)}.`];
}
