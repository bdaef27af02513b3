import type { FastifyPluginAsync } from "fastify";
import type { ServerCatalog } from "../sessions/serverCatalog.js";
import type { SessionManager } from "../sessions/sessionManager.js";

/** Configured servers (`--config`): list them, open a session on one by name. */
export const serverRoutes: FastifyPluginAsync<{ sessions: SessionManager; catalog: ServerCatalog }> = async (app, { sessions, catalog }) => {
  app.get("/api/servers", async () => catalog.list());

  app.post<{ Params: { name: string } }>("/api/servers/:name/sessions", async (request, reply) => {
    const session = await sessions.open(catalog.target(request.params.name));
    return reply.code(201).send(session.info());
  });
};
