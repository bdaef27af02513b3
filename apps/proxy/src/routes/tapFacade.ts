import type { IncomingMessage } from "node:http";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { tokenMatches } from "../security/tokens.js";
import type { SessionManager } from "../sessions/sessionManager.js";
import { facadeRefusal } from "../tap/facade/facadeGuard.js";
import { type FacadeClient, FacadeSessions } from "../tap/facade/facadeSessions.js";
import { TAP_TOKEN_HEADER } from "../tap/facade/hopByHop.js";
import { jsonRpcRefusal, relayHttp } from "../tap/facade/httpRelay.js";
import { StdioBridge } from "../tap/facade/stdioBridge.js";
import type { TapDefinition, TapRegistry } from "../tap/facade/tapRegistry.js";

export interface TapFacadeOptions {
  sessions: SessionManager;
  taps: TapRegistry;
  /** The port mcpscope listens on (for the Host check). */
  port: () => number;
  extraHosts?: string[];
}

type Endpoint = "mcp" | "sse" | "message";
type Params = { name: string; token?: string };
const METHODS = ["GET", "POST", "DELETE", "OPTIONS", "PUT", "PATCH", "HEAD"] as const;

/** The tap's URL prefix the client used: with the token in the path, or without (header). */
function prefix(request: FastifyRequest<{ Params: Params }>): string {
  const { name, token } = request.params;
  return token === undefined ? `/tap/${name}` : `/tap/${name}/${token}`;
}

/**
 * A tap's HTTP facade, served by mcpscope for MCP clients (see docs/cli.md "Taps"):
 * `/tap/<name>/<token>/mcp` (Streamable HTTP), `/tap/<name>/<token>/sse` and
 * `…/message` (legacy HTTP+SSE); the token may instead come in an `Mcpscope-Tap-Token`
 * header on `/tap/<name>/mcp`. Requests are checked here (Host and Origin allow-lists, the
 * tap's own token), then relayed to the tap's upstream: byte for byte to a URL
 * (`relayHttp`), or bridged to a stdio server, one process per client session
 * (`StdioBridge`). Every message is recorded in a tapped session per client session.
 */
export const tapFacadeRoutes: FastifyPluginAsync<TapFacadeOptions> = async (app, opts) => {
  const clients = new Map<string, FacadeSessions>();
  const bridges = new Map<string, StdioBridge>();
  opts.taps.onChange(() => {
    for (const [name, sessions] of clients) {
      if (opts.taps.find(name)) continue;
      sessions.endAll("The tap was deleted.");
      clients.delete(name);
      bridges.get(name)?.close();
      bridges.delete(name);
    }
  });
  const sessionsOf = (tap: TapDefinition) => {
    let found = clients.get(tap.name);
    if (!found) clients.set(tap.name, (found = new FacadeSessions(tap, opts.sessions, opts.taps)));
    return found;
  };
  const bridgeOf = (tap: TapDefinition) => {
    let found = bridges.get(tap.name);
    if (!found) bridges.set(tap.name, (found = new StdioBridge(tap, sessionsOf(tap))));
    return found;
  };

  // The body is relayed as it streams in: nothing here reads or parses it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));

  const serve = (endpoint: Endpoint) => async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    reply.hijack();
    used = true;
    const req = request.raw;
    const res = reply.raw;
    const refusal = facadeRefusal(req.headers, opts.port(), opts.extraHosts);
    if (refusal) return jsonRpcRefusal(res, 403, refusal);
    const tap = opts.taps.find(request.params.name);
    if (!tap) return jsonRpcRefusal(res, 404, `mcpscope has no tap named ${JSON.stringify(request.params.name)}; GET /api/taps lists them (or see the Taps panel in the page).`);
    const presented = request.params.token ?? headerValue(req, TAP_TOKEN_HEADER);
    if (!tokenMatches(presented, tap.token)) return jsonRpcRefusal(res, 403, `Missing or wrong tap token: use the tap's URL as mcpscope shows it (/tap/${tap.name}/<token>/mcp), or send the token in an ${TAP_TOKEN_HEADER} header.`);
    const upstream = tap.upstream;
    const sessions = sessionsOf(tap);

    if (endpoint === "mcp") {
      if (upstream.transport === "stdio") return bridgeOf(tap).handle(req, res);
      if (upstream.transport === "sse") return jsonRpcRefusal(res, 404, `This tap relays an HTTP+SSE server: connect with its SSE endpoint, ${prefix(request)}/sse.`);
      let ended: string | undefined;
      return relayHttp(req, res, {
        target: new URL(upstream.url),
        extraHeaders: upstream.headers,
        choose: (body) => {
          const client = sessions.forStreamable(headerValue(req, "mcp-session-id"), body);
          sessions.activity(client, 1);
          return client;
        },
        onResponse: (client, status, headers) => {
          if (headers["mcp-session-id"] && status < 300) sessions.bind(client, headers["mcp-session-id"]);
          if (req.method === "DELETE" && status < 300) ended = "The client ended the session (DELETE).";
          else if (status === 404 && headerValue(req, "mcp-session-id")) ended = "The server no longer knows this session (HTTP 404).";
        },
        onEnd: (client) => {
          sessions.activity(client, -1);
          if (ended) client.session.end("closed", ended);
        },
      });
    }
    if (upstream.transport === "stdio" || upstream.transport === "streamable-http") return jsonRpcRefusal(res, 404, `This tap speaks Streamable HTTP only: connect to ${prefix(request)}/mcp.`);
    if (endpoint === "sse") {
      const sseUrl = new URL(upstream.url);
      return relayHttp(req, res, {
        target: sseUrl,
        extraHeaders: upstream.headers,
        choose: () => sessions.open("sse"),
        rewriteEndpoint: (client, endpoint) => {
          const announced = new URL(endpoint, sseUrl);
          if (announced.origin === sseUrl.origin) client.upstreamEndpoint = announced;
          return `${prefix(request)}/message?session=${encodeURIComponent(client.session.id)}`;
        },
        onEnd: (client) => client.session.end("closed"),
      });
    }
    const client: FacadeClient | undefined = sessions.get(new URL(req.url ?? "/", "http://x").searchParams.get("session") ?? "");
    if (!client?.upstreamEndpoint) return jsonRpcRefusal(res, 404, client ? "The server announced its message endpoint on another origin: mcpscope does not relay there." : "No such HTTP+SSE session through this tap: open the event stream (GET …/sse) first, and POST to the endpoint it announces.");
    return relayHttp(req, res, { target: client.upstreamEndpoint, extraHeaders: upstream.headers, choose: () => client });
  };

  // A client of a facade may leave a connection open without a request on it (an SDK
  // reconnecting as it closes): Node would keep it, and mcpscope's shutdown waiting, until
  // its header timeout. Once facades were used, stopping mcpscope closes every connection.
  let used = false;
  app.addHook("preClose", (done) => {
    if (used) app.server.closeAllConnections();
    done();
  });
  app.addHook("onClose", async () => {
    for (const bridge of bridges.values()) bridge.close();
  });

  for (const endpoint of ["mcp", "sse", "message"] as const) {
    for (const url of [`/tap/:name/${endpoint}`, `/tap/:name/:token/${endpoint}`]) {
      app.route<{ Params: Params }>({ method: [...METHODS], url, handler: serve(endpoint) });
    }
  }
};

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
