import type { FastifyPluginAsync } from "fastify";
import { RunCollectionBodySchema, SaveCollectionItemBodySchema } from "@mcpscope/protocol";
import type { CollectionStore } from "../collections/collectionStore.js";
import type { SessionManager } from "../sessions/sessionManager.js";
import { parseWith } from "./parse.js";

type IdParams = { Params: { id: string } };

/**
 * Collections (saved requests with assertions, files in the collections directory): list,
 * read, save an item, delete an item or a collection, run against a session. Ids are checked
 * by the store before any path is made from them.
 */
export const collectionRoutes: FastifyPluginAsync<{ store: CollectionStore; sessions: SessionManager }> = async (app, { store, sessions }) => {
  app.get("/api/collections", async () => store.list());

  app.get<IdParams>("/api/collections/:id", async (request) => ({ id: request.params.id, ...(await store.read(request.params.id)) }));

  app.delete<IdParams>("/api/collections/:id", async (request, reply) => {
    await store.delete(request.params.id);
    return reply.code(204).send();
  });

  app.post<IdParams>("/api/collections/:id/items", async (request, reply) => {
    const body = parseWith(SaveCollectionItemBodySchema, request.body);
    const collection = await store.saveItem(request.params.id, body.item, { name: body.collectionName, replace: body.replace });
    return reply.code(201).send({ id: request.params.id, ...collection });
  });

  app.delete<{ Params: { id: string; name: string } }>("/api/collections/:id/items/:name", async (request, reply) => {
    await store.deleteItem(request.params.id, request.params.name);
    return reply.code(204).send();
  });

  app.post<IdParams>("/api/collections/:id/run", async (request) => {
    const body = parseWith(RunCollectionBodySchema, request.body);
    const collection = await store.read(request.params.id);
    const session = sessions.get(body.sessionId);
    // Ajv (the assertions' JSON Schema checks) is loaded on the first run, not at start.
    const { runCollection } = await import("../collections/runCollection.js");
    return runCollection((method, params, timeoutMs) => session.request(method, params, timeoutMs), collection, { sessionId: session.id, ...(body.items ? { only: body.items } : {}) });
  });
};
