import type { FetchLike } from "@modelcontextprotocol/client";
import { createParser } from "eventsource-parser";
import { type FrameLog, nowMs } from "../frameLog.js";
import { parseWireMessage } from "./parseWireMessage.js";
import { headersToRecord, redactHeaders } from "./redactHeaders.js";

/** Bytes of a non-JSON-RPC error body kept on the `http` frame, for the connection doctor. */
const BODY_PREVIEW_BYTES = 2048;

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
export function createTappedFetch(log: FrameLog, opts: { revealSecrets: boolean }): FetchLike {
  let exchanges = 0;
  return async (url, init) => {
    const exchange = ++exchanges;
    const method = (init?.method ?? "GET").toUpperCase();
    const requestHeaders = redactHeaders(headersToRecord(init?.headers), opts.revealSecrets);
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
    if (!response.body) {
      log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta });
      return response;
    }
    const init2 = { status: response.status, statusText: response.statusText, headers: response.headers };
    if (contentType.includes("text/event-stream")) {
      log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta });
      const [forClient, forTap] = response.body.tee();
      void tapEventStream(forTap, log, exchange);
      return new Response(forClient, init2);
    }
    const text = await response.text();
    if (contentType.includes("json")) {
      log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta });
      if (text.trim() !== "") recordBody(log, "in", text, exchange);
    } else {
      if (text) meta.bodyPreview = text.slice(0, BODY_PREVIEW_BYTES);
      log.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta });
    }
    return new Response(text === "" && [204, 205, 304].includes(response.status) ? null : text, init2);
  };
}
