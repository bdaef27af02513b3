import type { FetchLike } from "@modelcontextprotocol/client";
import { createParser } from "eventsource-parser";
import type { Frame } from "@mcpscope/protocol";
import { bodyText, classifyOAuthRequest, type OAuthPurpose } from "../../auth/oauthPurpose.js";
import { redactBody, redactUrl, scrubSecrets } from "../../auth/oauthRedaction.js";
import { type FrameLog, nowMs } from "../frameLog.js";
import { parseWireMessage } from "./parseWireMessage.js";
import { headersToRecord, redactHeaders } from "./redactHeaders.js";

/** Bytes of a non-JSON-RPC error body kept on the `http` frame, for the connection doctor. */
const BODY_PREVIEW_BYTES = 2048;
/** Characters of an OAuth request or response body kept (redacted) on its `http` frame. */
const OAUTH_BODY_CHARS = 16 * 1024;

/** An OAuth exchange as it happened, secrets included: kept in the proxy's memory only, for the Auth debugger's checks. */
export interface OAuthExchangeRecord {
  purpose: OAuthPurpose;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  error?: string;
}

/** What the HTTP tap needs to tell OAuth exchanges apart and keep their secrets out of frames. */
export interface OAuthTap {
  /** The MCP endpoint: requests to it are MCP traffic. */
  mcpUrl: string;
  /** Secrets the session holds (tokens, codes, client secret): scrubbed from whatever is recorded. */
  secrets(): Iterable<string>;
  /** Told of each OAuth exchange once recorded: its `http` frame and the unredacted exchange. */
  onExchange(frame: Frame, exchange: OAuthExchangeRecord): void;
  /** Told of each MCP exchange's `http` frame (401 and 403 challenges, the authorized retry). */
  onMcpExchange?(frame: Frame): void;
}

/** Exchange numbers are per session log, so exchanges of successive transports never share one. */
const exchangeCounters = new WeakMap<FrameLog, { n: number }>();

function nextExchange(log: FrameLog): number {
  let counter = exchangeCounters.get(log);
  if (!counter) exchangeCounters.set(log, (counter = { n: 0 }));
  return ++counter.n;
}

/** A network failure before any HTTP status: `code` is Node's (ECONNREFUSED, CERT_HAS_EXPIRED …). */
export interface FetchFailure {
  code?: string;
  message: string;
}

/** Node's fetch hides the socket error in `cause`; this digs it out. */
export function describeFetchError(err: unknown): FetchFailure {
  let e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  const messages: string[] = [];
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === "string" && e.code !== "ERR_INVALID_ARG_TYPE") return { code: e.code, message: e.message ?? String(e.code) };
    if (e.message) messages.push(e.message);
    if (!e.cause) break;
    e = e.cause;
  }
  return { message: messages.length ? messages.join(": ") : String(err) };
}

/**
 * Records an HTTP body as frames: one JSON-RPC message (or each of a JSON array: a batch), or
 * an `invalid` frame with the reason; `meta.exchange` links them to their `http` frame.
 */
export function recordBody(log: FrameLog, dir: "in" | "out", text: string, exchange: number, eventId?: string): void {
  const meta: Record<string, unknown> = { exchange, ...(eventId ? { eventId } : {}) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  // A JSON array body is a JSON-RPC batch (2025-03-26 allowed them): one frame per element.
  if (Array.isArray(value) && value.length > 0) {
    for (const item of value) recordBody(log, dir, JSON.stringify(item), exchange, eventId);
    return;
  }
  const parsed = parseWireMessage(text);
  log.append(
    parsed.ok
      ? { dir, kind: parsed.kind, raw: text, msg: parsed.msg, meta }
      : { dir, kind: "invalid", raw: text, reason: parsed.reason, meta },
  );
}

async function tapEventStream(stream: ReadableStream<Uint8Array>, log: FrameLog, exchange: number): Promise<void> {
  const parser = createParser({
    onEvent(event) {
      if (event.event === "endpoint") {
        const meta = { event: "endpoint", exchange, endpoint: event.data };
        log.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
        return;
      }
      // Priming events (an id and empty data, MCP 2025-11-25 "Resumability") carry no message.
      if (event.data.trim() === "") return;
      recordBody(log, "in", event.data, exchange, event.id);
    },
  });
  const decoder = new TextDecoder();
  let ended = "the server ended the stream";
  try {
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
  } catch (err) {
    ended = `the stream broke: ${describeFetchError(err).message}`;
  }
  const meta = { exchange, event: "stream-end", detail: ended };
  log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta });
}

/**
 * A `fetch` for the SDK's HTTP transports that records every exchange in a frame log
 * (the HTTP tap: docs/ARCHITECTURE.md "A frame's path, from the tap to the pixel"): JSON-RPC messages in request bodies (`out`), an `http` frame
 * per response (method, URL, status, headers with secrets redacted, milliseconds to
 * headers), and the JSON-RPC messages of JSON and `text/event-stream` responses (`in`),
 * each linked by `meta.exchange`. Network failures become an `http` frame with `error`.
 */
export function createTappedFetch(log: FrameLog, opts: { revealSecrets: boolean; oauth?: OAuthTap }): FetchLike {
  return async (url, init) => {
    const exchange = nextExchange(log);
    const method = (init?.method ?? "GET").toUpperCase();
    const oauth = opts.oauth;
    const purpose = oauth && classifyOAuthRequest(String(url), init, oauth.mcpUrl);
    if (oauth && purpose) return tapOAuthExchange(log, oauth, purpose, exchange, String(url), init);
    let requestHeaders = redactHeaders(headersToRecord(init?.headers), opts.revealSecrets);
    // A token the session got through OAuth is never shown, even when the user opted to see their own headers.
    if (oauth && opts.revealSecrets) {
      const secrets = [...oauth.secrets()];
      requestHeaders = Object.fromEntries(Object.entries(requestHeaders).map(([name, value]) => [name, scrubSecrets(value, secrets)]));
    }
    const started = nowMs();
    if (typeof init?.body === "string") recordBody(log, "out", init.body, exchange);
    const base = { exchange, method, url: String(url), requestHeaders };

    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (err) {
      const meta = { ...base, error: describeFetchError(err), durationMs: nowMs() - started };
      log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta });
      throw err;
    }
    const meta: Record<string, unknown> = {
      ...base,
      status: response.status,
      statusText: response.statusText,
      responseHeaders: redactHeaders(headersToRecord(response.headers), opts.revealSecrets),
      durationMs: nowMs() - started,
    };
    const contentType = response.headers.get("content-type") ?? "";
    const notify = (frame: Frame) => oauth?.onMcpExchange?.(frame);
    if (!response.body) {
      notify(log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta }));
      return response;
    }
    const init2 = { status: response.status, statusText: response.statusText, headers: response.headers };
    if (contentType.includes("text/event-stream")) {
      notify(log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta }));
      const [forClient, forTap] = response.body.tee();
      void tapEventStream(forTap, log, exchange);
      return new Response(forClient, init2);
    }
    const text = await response.text();
    if (contentType.includes("json")) {
      notify(log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta }));
      if (text.trim() !== "") recordBody(log, "in", text, exchange);
    } else {
      if (text) meta.bodyPreview = oauth ? scrubSecrets(text.slice(0, BODY_PREVIEW_BYTES), oauth.secrets()) : text.slice(0, BODY_PREVIEW_BYTES);
      notify(log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta }));
    }
    return new Response(text === "" && [204, 205, 304].includes(response.status) ? null : text, init2);
  };
}

/**
 * Records one OAuth exchange as a single `http` frame (`meta.oauth`: its purpose and the
 * request and response bodies with every secret redacted: tokens, codes, verifiers, client
 * secrets; the URL's `code` too), never as JSON-RPC frames, and hands the unredacted
 * exchange to the session's Auth trace. The response is given to the SDK unchanged.
 */
async function tapOAuthExchange(log: FrameLog, oauth: OAuthTap, purpose: OAuthPurpose, exchange: number, url: string, init: Parameters<FetchLike>[1]): Promise<Response> {
  const method = (init?.method ?? "GET").toUpperCase();
  const rawHeaders = headersToRecord(init?.headers);
  const requestText = bodyText(init?.body);
  const record: OAuthExchangeRecord = { purpose, method, url, requestHeaders: rawHeaders, ...(requestText !== undefined ? { requestBody: requestText } : {}) };
  const started = nowMs();
  const scrub = (text: string) => scrubSecrets(text, oauth.secrets());
  const base = {
    exchange,
    method,
    url: scrub(redactUrl(url)),
    requestHeaders: redactHeaders(rawHeaders, false),
    oauth: {
      purpose,
      ...(requestText !== undefined ? { requestBody: scrub(redactBody(requestText, rawHeaders["content-type"]).slice(0, OAUTH_BODY_CHARS)) } : {}),
    } as Record<string, unknown>,
  };
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    const error = describeFetchError(err);
    record.error = error.code ? `${error.message} (${error.code})` : error.message;
    const meta = { ...base, error, durationMs: nowMs() - started };
    oauth.onExchange(log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta }), record);
    throw err;
  }
  // Metadata and token answers are small JSON documents: read whole, handed on as read.
  const text = await response.text();
  const responseHeaders = headersToRecord(response.headers);
  Object.assign(record, { status: response.status, responseHeaders, responseBody: text });
  const location = responseHeaders.location;
  const meta: Record<string, unknown> = {
    ...base,
    status: response.status,
    statusText: response.statusText,
    responseHeaders: { ...redactHeaders(responseHeaders, false), ...(location ? { location: scrub(redactUrl(location)) } : {}) },
    durationMs: nowMs() - started,
  };
  if (text) (meta.oauth as Record<string, unknown>).responseBody = scrub(redactBody(text, responseHeaders["content-type"]).slice(0, OAUTH_BODY_CHARS));
  oauth.onExchange(log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta }), record);
  const init2 = { status: response.status, statusText: response.statusText, headers: response.headers };
  return new Response(text === "" && [204, 205, 304].includes(response.status) ? null : text, init2);
}

/** A fetch that records every exchange as an OAuth exchange of `purpose` (the headless authorizer's hops). */
export function createOAuthFetch(log: FrameLog, oauth: OAuthTap, purpose: OAuthPurpose): FetchLike {
  return (url, init) => tapOAuthExchange(log, oauth, purpose, nextExchange(log), String(url), init);
}
