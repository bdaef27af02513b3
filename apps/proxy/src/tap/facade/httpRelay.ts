import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import { describeFetchError } from "../../sessions/transports/tappedFetch.js";
import { EndpointRewriter } from "./endpointRewriter.js";
import { type ExchangeRecorder, headerRecord } from "./exchangeRecorder.js";
import type { FacadeClient } from "./facadeSessions.js";
import { endToEndHeaders } from "./hopByHop.js";

/** What a relay needs to know besides the two ends. */
export interface RelayPlan {
  /** The upstream URL this request goes to. */
  target: URL;
  /** Headers of the tap's configuration (e.g. the server's credentials), sent when the client sends no header of that name. */
  extraHeaders?: Record<string, string>;
  /** Picks the client session, once the request body is read (Streamable HTTP needs it); the exchange starts. */
  choose(body: Buffer): FacadeClient;
  /** Told the answer's head (e.g. to link an `Mcp-Session-Id`, or end a session on DELETE). */
  onResponse?(client: FacadeClient, status: number, headers: Record<string, string>): void;
  /** Legacy HTTP+SSE event stream: rewrites the `endpoint` event's data. */
  rewriteEndpoint?(client: FacadeClient, endpoint: string): string;
  /** Told when the exchange is over (both directions). */
  onEnd?(client: FacadeClient): void;
}

/** A JSON-RPC error without an id, as MCP servers answer a request they refuse at the HTTP level. */
export function jsonRpcRefusal(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32000, message } });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Relays one HTTP exchange to an upstream server, byte for byte, in both directions: the
 * request's method, end-to-end headers (Authorization, Mcp-Session-Id, MCP-Protocol-Version,
 * Last-Event-ID…; `Host` set to the upstream's) and body as it streams in; the answer's
 * status, headers and body as they stream back, each chunk written on as soon as it arrives,
 * so an SSE answer keeps its events in order on its own stream (progress and logging stay
 * with their request). Nothing is re-parsed or re-emitted: the recording works on copies.
 * The only change is the legacy `endpoint` event (see `EndpointRewriter`). A client that
 * goes away closes the upstream request too (MCP 2026-07-28: closing a request's stream
 * cancels it).
 */
export function relayHttp(req: IncomingMessage, res: ServerResponse, plan: RelayPlan): void {
  const target = plan.target;
  const headers = endToEndHeaders(req.rawHeaders);
  const sent = new Set(headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()));
  for (const [name, value] of Object.entries(plan.extraHeaders ?? {})) if (!sent.has(name.toLowerCase())) headers.push(name, value);
  headers.push("Host", target.host);
  const upstream = (target.protocol === "https:" ? httpsRequest : httpRequest)(target, { method: req.method, headers, setHost: false });

  const bodyChunks: Buffer[] = [];
  let client: FacadeClient | undefined;
  let recorder: ExchangeRecorder | undefined;
  const decided = new Promise<void>((resolve) => {
    let once = false;
    const decide = () => {
      if (once) return;
      once = true;
      const body = Buffer.concat(bodyChunks);
      client = plan.choose(body);
      recorder = client.exchange({ method: req.method ?? "GET", url: target.href, headers: headerRecord(headers) });
      recorder.requestBody(body);
      resolve();
    };
    req.on("end", decide);
    req.on("close", decide);
  });

  req.on("data", (chunk: Buffer) => {
    bodyChunks.push(chunk);
    if (!upstream.write(chunk)) {
      req.pause();
      upstream.once("drain", () => req.resume());
    }
  });
  req.on("end", () => upstream.end());
  let finished = false;
  const finish = (detail?: string) => {
    if (finished) return;
    finished = true;
    void decided.then(() => {
      recorder?.end(detail);
      if (client) plan.onEnd?.(client);
    });
  };
  res.on("close", () => {
    // The client went away before the answer ended: so does the upstream request.
    if (!res.writableFinished) {
      upstream.destroy();
      finish("the client closed the stream");
    }
  });

  upstream.on("response", (answer) => {
    void decided.then(() => {
      const status = answer.statusCode ?? 502;
      recorder!.response(status, answer.statusMessage ?? "", answer.rawHeaders);
      plan.onResponse?.(client!, status, headerRecord(answer.rawHeaders));
      const contentType = answer.headers["content-type"] ?? "";
      const rewriter = plan.rewriteEndpoint && contentType.includes("text/event-stream") ? new EndpointRewriter((endpoint) => plan.rewriteEndpoint!(client!, endpoint)) : undefined;
      res.writeHead(status, answer.statusMessage, endToEndHeaders(answer.rawHeaders));
      res.flushHeaders();
      answer.on("data", (chunk: Buffer) => {
        const out = rewriter ? rewriter.push(chunk) : chunk;
        if (out.length > 0 && !res.write(out)) {
          answer.pause();
          res.once("drain", () => answer.resume());
        }
        recorder!.write(chunk);
      });
      answer.on("end", () => {
        if (rewriter) res.write(rewriter.flush());
        res.end();
        finish();
      });
      answer.on("error", (err) => {
        res.destroy(err);
        finish(`the stream broke: ${err.message}`);
      });
    });
  });
  upstream.on("error", (err) => {
    if (res.headersSent || finished) {
      res.destroy();
      finish(`the stream broke: ${err.message}`);
      return;
    }
    const failure = describeFetchError(err);
    void decided.then(() => {
      recorder?.failed(failure);
      finish();
    });
    jsonRpcRefusal(res, 502, `mcpscope could not reach the tapped server at ${target.origin}: ${failure.code ? `${failure.code} ` : ""}${failure.message}`);
  });
}
