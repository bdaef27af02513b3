import type { FastifyPluginAsync } from "fastify";
import type { Health } from "@mcpscope/protocol";
import { VERSION } from "../version.js";

/** `GET /api/health`: liveness, the only API route without the token. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get("/api/health", async (): Promise<Health> => ({ ok: true, version: VERSION }));
};
