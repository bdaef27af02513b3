import type { FastifyPluginAsync } from "fastify";
import { CreateSessionBodySchema, FramesQuerySchema, type FramesPage, SendRequestBodySchema } from "@mcpscope/protocol";
import type { SessionManager } from "../sessions/sessionManager.js";
import { parseWith } from "./parse.js";

/** Session routes: open, list, read, close; read frames; send client requests. */
export const sessionRoutes: FastifyPluginAsync<{ sessions: SessionManager }> = async (app, { sessions }) => {
  app.get("/api/sessions", async () => sessions.list());

  app.post("/api/sessions", async (request, reply) => {
    const body = parseWith(CreateSessionBodySchema, request.body);
    const session = await sessions.open(body);
    return reply.code(201).send(session.info());
  });

  app.get<{ Params: { id: string } }>("/api/sessions/:id", async (request) => sessions.get(request.params.id).info());

  app.delete<{ Params: { id: string } }>("/api/sessions/:id", async (request, reply) => {
    await sessions.get(request.params.id).close();
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>("/api/sessions/:id/reconnect", async (request, reply) => {
    const session = await sessions.reconnect(request.params.id);
    return reply.code(201).send(session.info());
  });

  app.get<{ Params: { id: string } }>("/api/sessions/:id/frames", async (request): Promise<FramesPage> => {
    const session = sessions.get(request.params.id);
    const { since, limit } = parseWith(FramesQuerySchema, request.query);
    return { frames: session.log.since(since, limit), lastSeq: session.log.lastSeq };
  });

  app.post<{ Params: { id: string } }>("/api/sessions/:id/requests", async (request) => {
    const session = sessions.get(request.params.id);
    const body = parseWith(SendRequestBodySchema, request.body);
    return session.request(body.method, body.params, body.timeoutMs);
  });
};
