import type { FastifyPluginAsync } from "fastify";
import { CreateTapBodySchema, type SessionTarget } from "@mcpscope/protocol";
import type { ServerCatalog } from "../sessions/serverCatalog.js";
import type { TapRegistry } from "../tap/facade/tapRegistry.js";
import { parseWith } from "./parse.js";

/**
 * Taps (HTTP facades): `GET /api/taps` lists them with their URLs (each with its own token);
 * `POST /api/taps` creates one in front of a configured server (`{name, server}`) or any
 * target (`{name, target}`: a URL, or a stdio command mcpscope will start, one process per
 * client session); `DELETE /api/taps/:name` removes one (its sessions end; the servers it
 * started stop). Like every `/api` route, they need the API token.
 */
export const tapRoutes: FastifyPluginAsync<{ taps: TapRegistry; catalog: ServerCatalog; origin: () => string }> = async (app, { taps, catalog, origin }) => {
  app.get("/api/taps", async () => taps.list(origin()));

  app.post("/api/taps", async (request, reply) => {
    const body = parseWith(CreateTapBodySchema, request.body);
    const upstream: SessionTarget = "server" in body ? catalog.target(body.server) : body.target;
    const tap = taps.create(body.name, upstream);
    return reply.code(201).send(taps.describe(tap, origin()));
  });

  app.delete<{ Params: { name: string } }>("/api/taps/:name", async (request, reply) => {
    taps.delete(request.params.name);
    return reply.code(204).send();
  });
};
