import { createReadStream } from "node:fs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyPluginAsync } from "fastify";
import { ApiFailure } from "../errors.js";
import { toHar } from "../recording/har.js";
import type { SessionManager } from "../sessions/sessionManager.js";
import { VERSION } from "../version.js";

/** Largest recording accepted by import: 1 GiB. */
const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

/**
 * The recording with its header's session id made unique when a session with that id is
 * already open (an export of a session of this very run, imported back): the copy opens as
 * its own read-only session, `<id>-copy`, `<id>-copy-3`… Frames keep their recorded lines.
 */
export function withFreeSessionId(text: string, taken: (id: string) => boolean): string {
  const end = text.indexOf("\n");
  let header: { session?: { id?: unknown } } | undefined;
  try {
    header = JSON.parse(end < 0 ? text : text.slice(0, end)) as typeof header;
  } catch {
    return text; // not a recording: opening it reports why
  }
  const id = header?.session?.id;
  if (typeof id !== "string" || !taken(id)) return text;
  let n = 2;
  const candidate = () => (n === 2 ? `${id}-copy` : `${id}-copy-${n}`);
  while (taken(candidate())) n++;
  header!.session!.id = candidate();
  return JSON.stringify(header) + (end < 0 ? "" : text.slice(end));
}

/** Export a session as its JSON Lines recording or as HAR; import a recording. */
export const recordingRoutes: FastifyPluginAsync<{ sessions: SessionManager }> = async (app, { sessions }) => {
  app.addContentTypeParser(["application/x-ndjson", "application/jsonl", "text/plain"], { parseAs: "string", bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));

  app.get<{ Params: { id: string } }>("/api/sessions/:id/export", async (request, reply) => {
    const session = sessions.get(request.params.id);
    const path = sessions.recordingPath(session.id);
    reply.header("content-disposition", `attachment; filename="mcpscope-${session.id}.jsonl"`).type("application/x-ndjson");
    // Large reads: a big recording streams to the page's worker at disk speed.
    if (path) return reply.send(createReadStream(path, { highWaterMark: 1 << 20 }));
    const { lastSeq: _lastSeq, ...info } = session.info();
    const lines = [JSON.stringify({ type: "mcpscope-recording", version: 1, session: info }), ...session.log.since(0).map((f) => JSON.stringify(f))];
    return reply.send(lines.join("\n") + "\n");
  });

  app.get<{ Params: { id: string } }>("/api/sessions/:id/export.har", async (request, reply) => {
    const session = sessions.get(request.params.id);
    reply.header("content-disposition", `attachment; filename="mcpscope-${session.id}.har"`);
    return toHar(session.log.since(0), VERSION);
  });

  // A recording is data: importing one lists it read-only; reconnecting it is refused.
  app.post("/api/recordings", async (request, reply) => {
    if (typeof request.body !== "string" || request.body.trim() === "") {
      throw new ApiFailure("BAD_REQUEST", "Send the recording's JSON Lines as the body, with Content-Type: application/x-ndjson.");
    }
    const dir = sessions.recordingsDir ?? mkdtempSync(join(tmpdir(), "mcpscope-import-"));
    const path = join(dir, `imported-${new Date().toISOString().replace(/[:.]/g, "-")}.jsonl`);
    const text = withFreeSessionId(request.body, (id) => sessions.has(id));
    writeFileSync(path, text.endsWith("\n") ? text : text + "\n", { mode: 0o600 });
    try {
      // Every line is validated; the session is listed read-only and nothing is started.
      const session = sessions.openRecording(path);
      return reply.code(201).send(session.info());
    } catch (err) {
      // A refused file is not kept: the next start would try to list it again.
      rmSync(path, { force: true });
      throw err;
    }
  });
};
