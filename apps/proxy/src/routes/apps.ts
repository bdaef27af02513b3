import type { FastifyPluginAsync } from "fastify";
import { type AppDocument, AppDocumentBodySchema, type AppFramesResult, AppFramesBodySchema, AppRequestBodySchema } from "@mcpscope/protocol";
import { appPolicy } from "../apps/appCsp.js";
import { recordAppFrames } from "../apps/appFrames.js";
import { waitForApproval } from "../apps/appRequests.js";
import { APP_SANDBOX_FLAGS, type AppSandbox, CSP_LOOPBACK_NAMES } from "../apps/appSandbox.js";
import { ApiFailure } from "../errors.js";
import type { SessionManager } from "../sessions/sessionManager.js";
import { parseWith } from "./parse.js";

export interface AppRoutesOptions {
  sessions: SessionManager;
  sandbox: AppSandbox;
  /** mcpscope's own port (the app documents' `frame-ancestors`). */
  port: () => number;
  /** Host names besides the loopback ones (an explicit `--expose` bind). */
  extraHosts?: string[];
}

/** The host name of a `Host` header (`127.0.0.1:6280` → `127.0.0.1`, `[::1]:6280` → `[::1]`). */
function hostName(host: string): string {
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
}

/**
 * MCP Apps routes (extension `io.modelcontextprotocol/ui`, SEP-1865): app documents for the
 * sandbox origin, the app↔host messages a page records, and app requests that wait in the
 * inbox for a person.
 */
export const appRoutes: FastifyPluginAsync<AppRoutesOptions> = async (app, { sessions, sandbox, port, extraHosts = [] }) => {
  app.post("/api/apps/documents", async (request, reply): Promise<AppDocument> => {
    const body = parseWith(AppDocumentBodySchema, request.body);
    const sandboxPort = sandbox.port;
    if (sandboxPort === undefined) throw new ApiFailure("APP_SANDBOX_UNAVAILABLE");
    const host = hostName(request.headers.host ?? "127.0.0.1");
    if (host.startsWith("[") || host.includes(":")) {
      // CSP sources have no IPv6 literals: neither frame-src nor frame-ancestors could name this page.
      throw new ApiFailure("APP_SANDBOX_UNAVAILABLE", `MCP Apps cannot render on the IPv6 address ${host}: a Content-Security-Policy cannot name it.`, `Open mcpscope at http://localhost:${port()}/ instead.`);
    }
    const policy = appPolicy(body.csp, body.permissions);
    const ancestors = [...CSP_LOOPBACK_NAMES, ...extraHosts.filter((name) => !name.includes(":"))].map((name) => `http://${name}:${port()}`);
    if (body.embedder && !ancestors.includes(body.embedder)) ancestors.push(body.embedder);
    // The sandbox's own directives come last: the declared lists never reach them.
    const csp = `${policy.csp}; form-action 'none'; frame-ancestors ${ancestors.join(" ")}; sandbox ${APP_SANDBOX_FLAGS}`;
    const id = sandbox.register(body.html, csp);
    const url = `http://${host}:${sandboxPort}/apps/${id}`;
    reply.code(201);
    return { id, url, csp, sandbox: APP_SANDBOX_FLAGS, allow: policy.allow, ignored: policy.ignored };
  });

  app.delete<{ Params: { id: string } }>("/api/apps/documents/:id", async (request, reply) => {
    if (!sandbox.release(request.params.id)) throw new ApiFailure("APP_DOCUMENT_GONE");
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>("/api/sessions/:id/app-frames", async (request): Promise<AppFramesResult> => {
    const session = sessions.get(request.params.id);
    const body = parseWith(AppFramesBodySchema, request.body);
    return { seqs: recordAppFrames(session, body) };
  });

  app.post<{ Params: { id: string } }>("/api/sessions/:id/app-requests", async (request, reply) => {
    const session = sessions.get(request.params.id);
    const body = parseWith(AppRequestBodySchema, request.body);
    // The page hosting the app waits on this response; when it goes away, so does the item.
    const gone = new AbortController();
    reply.raw.on("close", () => {
      if (!reply.raw.writableFinished) gone.abort("the page hosting the app stopped waiting");
    });
    return waitForApproval(session, body, gone.signal);
  });
};
