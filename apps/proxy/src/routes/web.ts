import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
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

/** The app's CSP, with `frame-src` naming the MCP Apps sandbox's origins (none: `'none'`). */
function cspWith(frameSources: readonly string[]): string {
  return `${CSP}; frame-src ${frameSources.length ? frameSources.join(" ") : "'none'"}`;
}

/** Vite's content-hashed build output: a file there never changes under its name. */
const HASHED_ASSETS = "/assets/";

/**
 * Sends one file of the built app with @fastify/send (ETag, Last-Modified, conditional and
 * range requests; no path outside `root`, no dotfiles), or says it is not there.
 */
async function sendFile(request: FastifyRequest, reply: FastifyReply, root: string, path: string): Promise<boolean> {
  const hashed = path.startsWith(HASHED_ASSETS);
  // Loaded with the first file sent, not at every start of mcpscope (an API client never needs it).
  const { default: send } = await import("@fastify/send");
  const { statusCode, headers, stream } = await send(request.raw, path, { root, index: false, dotfiles: "deny", ...(hashed ? { maxAge: "1y", immutable: true } : {}) });
  if (statusCode === 404) {
    stream.destroy();
    return false;
  }
  reply.code(statusCode).headers(headers).send(stream);
  return true;
}

/**
 * Serves the built web app at `/` (SPA fallback to index.html), with a strict CSP whose only
 * frames are the MCP Apps sandbox's (`frameSources`, its origins once it listens).
 */
export const webRoutes: FastifyPluginAsync<{ root?: string; frameSources?: () => readonly string[] }> = async (app, opts) => {
  const root = opts.root ?? WEB_DIST;
  app.addHook("onSend", async (request, reply, payload) => {
    if (!request.url.startsWith("/api/")) {
      reply.header("Content-Security-Policy", cspWith(opts.frameSources?.() ?? []));
      reply.header("X-Content-Type-Options", "nosniff");
      reply.header("Referrer-Policy", "no-referrer");
    }
    return payload;
  });
  const built = existsSync(join(root, "index.html"));
  const notFound = (request: FastifyRequest) => new ApiFailure("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}.`);
  if (built) {
    // Any other GET is a file of the app, or a path of the single-page app: index.html.
    app.get("/*", async (request, reply) => {
      const path = request.url.split("?")[0]!;
      if (path.startsWith("/api/")) throw notFound(request);
      if (path !== "/" && (await sendFile(request, reply, root, path))) return reply;
      await sendFile(request, reply, root, "/index.html");
      return reply;
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET" || built) throw notFound(request);
    return reply
      .code(503)
      .type("text/plain")
      .send("The mcpscope web app is not built. Run `pnpm build` (or `pnpm start`, which builds it) in the mcpscope repository.");
  });
};
