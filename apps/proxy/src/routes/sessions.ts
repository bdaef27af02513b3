import type { FastifyPluginAsync } from "fastify";
import {
  AnswerBodySchema,
  CancelRequestBodySchema,
  RootsBodySchema,
  CreateSessionBodySchema,
  type FramesPage,
  FramesQuerySchema,
  isSendRequestBody,
  ListenBodySchema,
  SendRawBodySchema,
  SendRequestBodySchema,
  UpdateSettingsBodySchema,
} from "@mcpscope/protocol";
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

  app.delete<{ Params: { id: string } }>("/api/sessions/:id/recording", async (request, reply) => {
    await sessions.delete(request.params.id);
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
    const body = isSendRequestBody(request.body) ? request.body : parseWith(SendRequestBodySchema, request.body);
    return session.request(body.method, body.params, body.timeoutMs);
  });

  app.post<{ Params: { id: string } }>("/api/sessions/:id/cancel", async (request, reply) => {
    const body = parseWith(CancelRequestBodySchema, request.body);
    sessions.get(request.params.id).cancel(body.requestId, body.reason);
    return reply.code(202).send({ cancelled: body.requestId });
  });

  app.patch<{ Params: { id: string } }>("/api/sessions/:id/settings", async (request) => {
    const body = parseWith(UpdateSettingsBodySchema, request.body);
    return sessions.get(request.params.id).updateSettings(body);
  });

  app.post<{ Params: { id: string } }>("/api/sessions/:id/raw", async (request, reply) => {
    const session = sessions.get(request.params.id);
    const body = parseWith(SendRawBodySchema, request.body);
    const before = session.log.lastSeq;
    await session.sendRaw(body.text);
    const sent = session.log.since(before).find((f) => f.dir === "out");
    return reply.code(202).send({ seq: sent?.seq });
  });

  app.put<{ Params: { id: string } }>("/api/sessions/:id/subscription", async (request) => {
    const { filter } = parseWith(ListenBodySchema, request.body);
    return sessions.get(request.params.id).subscribe(filter);
  });

  app.delete<{ Params: { id: string } }>("/api/sessions/:id/subscription", async (request, reply) => {
    await sessions.get(request.params.id).unsubscribe();
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>("/api/sessions/:id/inbox", async (request) => sessions.get(request.params.id).pending());

  app.post<{ Params: { id: string; itemId: string } }>("/api/sessions/:id/inbox/:itemId", async (request, reply) => {
    const body = parseWith(AnswerBodySchema, request.body);
    sessions.get(request.params.id).answer(request.params.itemId, body);
    return reply.code(204).send();
  });

  app.put<{ Params: { id: string } }>("/api/sessions/:id/roots", async (request) => {
    const { roots } = parseWith(RootsBodySchema, request.body);
    await sessions.get(request.params.id).setRoots(roots);
    return { roots };
  });
};
