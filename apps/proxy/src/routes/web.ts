import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { ApiFailure } from "../errors.js";
import { PACKAGE_DIR } from "../packageDir.js";

/** Where the built web app is: `dist/web/` of the mcpscope package (`pnpm build` copies it there). */
export const WEB_DIST = fileURLToPath(new URL("dist/web/", PACKAGE_DIR));

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/** Serves the built web app at `/` (SPA fallback to index.html), with a strict CSP. */
export const webRoutes: FastifyPluginAsync<{ root?: string }> = async (app, opts) => {
  const root = opts.root ?? WEB_DIST;
  app.addHook("onSend", async (request, reply, payload) => {
    if (!request.url.startsWith("/api/")) {
      reply.header("Content-Security-Policy", CSP);
      reply.header("X-Content-Type-Options", "nosniff");
      reply.header("Referrer-Policy", "no-referrer");
    }
    return payload;
  });
  const built = existsSync(root);
  if (built) await app.register(fastifyStatic, { root, index: ["index.html"] });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET") {
      throw new ApiFailure("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}.`);
    }
    if (!built) {
      return reply
        .code(503)
        .type("text/plain")
        .send("The mcpscope web app is not built. Run `pnpm build` (or `pnpm start`, which builds it) in the mcpscope repository.");
    }
    return reply.sendFile("index.html");
  });
};
