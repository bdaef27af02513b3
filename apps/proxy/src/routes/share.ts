import type { FastifyPluginAsync } from "fastify";
import { type Me, type Presence, PresenceSchema } from "@mcpscope/protocol";
import { parseWith } from "./parse.js";

/** The presenter's current focus, and who wants to hear of changes. */
export class PresenceHub {
  private presence: Presence = {};
  private readonly listeners = new Set<(p: Presence) => void>();

  current(): Presence {
    return this.presence;
  }

  set(presence: Presence): void {
    this.presence = presence;
    for (const listener of this.listeners) listener(presence);
  }

  onChange(listener: (p: Presence) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface ShareOptions {
  presence: PresenceHub;
  viewerToken: string;
  host: string;
  port: () => number;
  exposed: boolean;
}

/**
 * Live sharing for team demos: the presenter hands out a viewer link carrying the read-only
 * token (the guard refuses a viewer's writes with 403) and publishes what it is looking at,
 * which the WebSocket pushes to every client as `presence`.
 */
export const shareRoutes: FastifyPluginAsync<ShareOptions> = async (app, opts) => {
  app.get("/api/me", async (request): Promise<Me> => ({ role: request.role ?? "presenter", exposed: opts.exposed, host: opts.host }));

  app.post("/api/share", async () => {
    const host = opts.host === "::1" ? "[::1]" : opts.host;
    return { viewerUrl: `http://${host}:${opts.port()}/?token=${opts.viewerToken}` };
  });

  app.post("/api/presence", async (request, reply) => {
    opts.presence.set(parseWith(PresenceSchema, request.body));
    return reply.code(204).send();
  });
};

