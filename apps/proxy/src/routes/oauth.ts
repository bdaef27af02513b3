import { type AuthExchange, type AuthReport, AuthRunBodySchema, type AuthStep, type AuthStepView, type Frame } from "@mcpscope/protocol";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { CALLBACK_PATH, CLIENT_METADATA_PATH } from "../auth/oauthPaths.js";
import type { OAuthEnvironment } from "../auth/sessionAuth.js";
import { ApiFailure } from "../errors.js";
import { ReadOnlySession } from "../sessions/readOnlySession.js";
import type { AnySession, SessionManager } from "../sessions/sessionManager.js";
import { parseWith } from "./parse.js";

/** The callback page's policy: its own script (closing the tab), nothing else. */
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function page(reply: FastifyReply, status: number, title: string, body: string, close: boolean): FastifyReply {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · mcpscope</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}h1{font-size:1.3rem}.hint{color:#57606a}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}<p><a href="/">Back to mcpscope</a></p></main>${close ? '<script src="/oauth/close.js"></script>' : ""}</body></html>`;
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("content-security-policy", PAGE_CSP)
    .header("referrer-policy", "no-referrer")
    .header("cache-control", "no-store")
    .header("x-content-type-options", "nosniff")
    .send(html);
}

/** The steps of a session's Auth debugger, from its `auth` frames and their exchanges' `http` frames. */
function authSteps(session: AnySession): AuthStepView[] {
  const log = session.log;
  let seqs: number[];
  if (!(session instanceof ReadOnlySession) && session.auth) seqs = session.auth.trace.stepSeqs;
  else {
    seqs = [];
    for (let since = 0; since < log.lastSeq; since += 5000) {
      for (const f of log.since(since, 5000)) if (f.kind === "lifecycle" && f.meta?.event === "auth") seqs.push(f.seq);
    }
  }
  const steps: AuthStepView[] = [];
  for (const seq of seqs) {
    const frame = log.get(seq);
    if (!frame?.meta) continue;
    const { event: _event, ...step } = frame.meta as AuthStep & { event: string };
    const exchangeDetails = (step.exchanges ?? []).map((s) => log.get(s)).filter((f): f is Frame => f !== undefined).map(toExchange);
    steps.push({ ...step, exchanges: step.exchanges ?? [], checks: step.checks ?? [], facts: step.facts ?? {}, seq, ts: frame.ts, exchangeDetails });
  }
  return steps;
}

/** An `http` frame as an Auth exchange (as recorded: secrets redacted). */
function toExchange(frame: Frame): AuthExchange {
  const meta = frame.meta ?? {};
  const oauth = (meta.oauth ?? {}) as { purpose?: string; requestBody?: string; responseBody?: string };
  const error = meta.error as { message?: string; code?: string } | undefined;
  return {
    seq: frame.seq,
    ts: frame.ts,
    purpose: oauth.purpose ?? "mcp",
    method: typeof meta.method === "string" ? meta.method : "GET",
    url: typeof meta.url === "string" ? meta.url : "",
    requestHeaders: (meta.requestHeaders ?? {}) as Record<string, string>,
    ...(oauth.requestBody !== undefined ? { requestBody: oauth.requestBody } : {}),
    ...(typeof meta.status === "number" ? { status: meta.status } : {}),
    ...(typeof meta.statusText === "string" ? { statusText: meta.statusText } : {}),
    responseHeaders: (meta.responseHeaders ?? {}) as Record<string, string>,
    ...(oauth.responseBody !== undefined ? { responseBody: oauth.responseBody } : typeof meta.bodyPreview === "string" ? { responseBody: meta.bodyPreview } : {}),
    ...(typeof meta.durationMs === "number" ? { durationMs: meta.durationMs } : {}),
    ...(error ? { error: `${error.message ?? ""}${error.code ? ` (${error.code})` : ""}` } : {}),
  };
}

/**
 * OAuth routes (MCP "Authorization"):
 * - `GET /oauth/callback`: the redirect URI. The authorization server sends the browser here
 *   cross-site, so mcpscope's `SameSite=Strict` cookie is not sent: the route is outside the
 *   token guard and accepts only a `state` a session issued (single use, 10 minutes); the
 *   guard's Host check still applies. Answers a small page that closes itself.
 * - `GET /oauth/client-metadata.json`: mcpscope's Client ID Metadata Document.
 * - `GET /api/sessions/:id/auth`: the Auth debugger's report (steps, checks, exchanges).
 * - `GET /api/sessions/:id/auth/exchanges/:seq?reveal=true`: one exchange with its secrets
 *   (the presenter, a live session, while kept in memory).
 * - `POST /api/sessions/:id/auth/runs`: authorize again from a step, with edits.
 */
export const oauthRoutes: FastifyPluginAsync<{ sessions: SessionManager; env: OAuthEnvironment }> = async (app, { sessions, env }) => {
  app.get(CALLBACK_PATH, async (request, reply) => {
    const params = new URLSearchParams(request.url.split("?")[1] ?? "");
    let pending;
    try {
      pending = env.pending.take(params.get("state"));
    } catch (err) {
      const failure = err instanceof ApiFailure ? err : new ApiFailure("OAUTH_STATE_INVALID");
      return page(reply, failure.statusCode, "Sign-in not accepted", `<p>${escapeHtml(failure.message)}</p><p class="hint">${escapeHtml(failure.hint)}</p>`, false);
    }
    const outcome = await pending.handler(params);
    if (outcome.ok) {
      return page(reply, 200, "Signed in", `<p>mcpscope received the authorization for <strong>${escapeHtml(outcome.server)}</strong> and continues the session. You can close this tab.</p>`, true);
    }
    return page(reply, 400, "Sign-in failed", `<p>${escapeHtml(outcome.message)}</p><p class="hint">The session's Auth tab in mcpscope shows every step.</p>`, false);
  });

  app.get("/oauth/close.js", async (_request, reply) =>
    reply
      .header("content-type", "text/javascript; charset=utf-8")
      .header("cache-control", "no-store")
      .send("setTimeout(function () { window.close(); }, 1200);\n"),
  );

  app.get(CLIENT_METADATA_PATH, async (request, reply) => {
    const origin = env.origin() ?? `http://${request.headers.host ?? "127.0.0.1"}`;
    return reply.header("cache-control", "max-age=300").send({
      client_id: `${origin}${CLIENT_METADATA_PATH}`,
      client_name: "mcpscope",
      client_uri: "https://github.com/mcpscope/mcpscope",
      redirect_uris: [`${origin}${CALLBACK_PATH}`],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      application_type: "native",
    });
  });

  app.get<{ Params: { id: string } }>("/api/sessions/:id/auth", async (request): Promise<AuthReport> => {
    const session = sessions.get(request.params.id);
    const live = session instanceof ReadOnlySession ? undefined : session;
    return {
      ...(live?.auth ? { auth: live.auth.info() } : {}),
      steps: authSteps(session),
      ...(live?.auth ? { redirectUrl: live.auth.redirectUrl } : {}),
      canReveal: Boolean(live?.auth) && request.role === "presenter",
    };
  });

  app.get<{ Params: { id: string; seq: string }; Querystring: { reveal?: string } }>("/api/sessions/:id/auth/exchanges/:seq", async (request): Promise<AuthExchange> => {
    const session = sessions.get(request.params.id);
    const seq = Number(request.params.seq);
    const frame = Number.isInteger(seq) ? session.log.get(seq) : undefined;
    if (!frame || frame.kind !== "http") throw new ApiFailure("NOT_FOUND", `No HTTP exchange with seq ${request.params.seq} in this session.`);
    const shown = toExchange(frame);
    if (request.query.reveal !== "true") return shown;
    if (request.role !== "presenter") throw new ApiFailure("READ_ONLY", "Viewers cannot reveal secrets.");
    const record = session instanceof ReadOnlySession ? undefined : session.auth?.trace.record(seq);
    if (!record) throw new ApiFailure("NOT_FOUND", "The secrets of this exchange are no longer held (only a live session's recent OAuth exchanges are kept, in memory).", "Copy it redacted, or run the flow again.");
    return {
      ...shown,
      url: record.url,
      requestHeaders: record.requestHeaders,
      ...(record.requestBody !== undefined ? { requestBody: record.requestBody } : {}),
      ...(record.responseBody !== undefined ? { responseBody: record.responseBody } : {}),
      responseHeaders: record.responseHeaders ?? shown.responseHeaders,
    };
  });

  app.post<{ Params: { id: string } }>("/api/sessions/:id/auth/runs", async (request, reply) => {
    const body = parseWith(AuthRunBodySchema, request.body ?? {});
    const session = sessions.get(request.params.id);
    if (session instanceof ReadOnlySession || !session.auth) throw new ApiFailure("OAUTH_NOT_AVAILABLE");
    if (session.info().status === "ready") {
      await session.rerunAuth(body);
      return reply.code(202).send(session.info());
    }
    // A session that failed or closed authorizes again as a new session (its recording is complete).
    env.store.forget(session.target.transport === "stdio" ? "" : session.target.url, { clients: body.from !== "authorization", tokens: true });
    const target = session.target;
    if (target.transport === "stdio") throw new ApiFailure("OAUTH_NOT_AVAILABLE");
    const oauth = {
      ...(session.auth.settings),
      ...(body.clientId ? { clientId: body.clientId } : {}),
      ...(body.clientSecret ? { clientSecret: body.clientSecret } : {}),
      ...(body.scope ? { scope: body.scope } : {}),
      ...(body.clientMetadata ? { clientMetadata: { ...session.auth.settings.clientMetadata, ...body.clientMetadata } } : {}),
    };
    // The new session answers either way: when it fails again, its Auth tab says why.
    let created: AnySession | undefined;
    const stop = sessions.onCreated((s) => (created ??= s));
    try {
      await sessions.reconnect(session.id, { ...target, oauth });
    } catch (err) {
      if (!created) throw err;
    } finally {
      stop();
    }
    return reply.code(201).send(created!.info());
  });
};
