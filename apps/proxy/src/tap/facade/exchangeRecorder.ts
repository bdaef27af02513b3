import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Transform } from "node:stream";
import { createParser } from "eventsource-parser";
import { recordBody } from "../../sessions/transports/tappedFetch.js";
import { redactHeaders } from "../../sessions/transports/redactHeaders.js";
import type { TappedSession } from "../tappedSession.js";

/** Bytes of a body recorded whole; past it, a body is recorded as `invalid`, with its size. */
const MAX_RECORDED_BODY = 16 * 1024 * 1024;
/** Bytes of a body that is neither JSON nor SSE kept on the `http` frame. */
const PREVIEW_BYTES = 2048;

/** Headers as a record with lower-case names, values of repeated headers joined. */
export function headerRecord(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    out[name] = out[name] === undefined ? raw[i + 1]! : `${out[name]}, ${raw[i + 1]!}`;
  }
  return out;
}

/** An `http` frame's meta, as mcpscope's own HTTP transports record it. */
function httpFrame(session: TappedSession, meta: Record<string, unknown>): void {
  session.append({ dir: "meta", kind: "http", raw: JSON.stringify(meta), meta });
}

/**
 * Records one HTTP exchange a facade relays, on copies of its bytes (the relay never waits
 * for it): the request body's JSON-RPC messages (`out`), an `http` frame when the answer's
 * head arrives (method, URL, status, headers with secrets redacted, milliseconds), then the
 * answer's messages (`in`): a JSON body whole, a `text/event-stream` event by event (with its
 * SSE id) as they come, and an `http` frame when the stream ends. A compressed answer is
 * decompressed for the record only.
 */
export class ExchangeRecorder {
  private readonly started = performance.now();
  private body: Buffer[] = [];
  private bodyBytes = 0;
  private sink?: { write(chunk: Buffer): void; end(): void };
  /** Records how an event stream ended (set for `text/event-stream` answers). */
  private ended?: (detail: string) => void;

  constructor(
    private readonly session: TappedSession,
    readonly exchange: number,
    private readonly request: { method: string; url: string; headers: Record<string, string> },
  ) {}

  /** The request body, once read whole. */
  requestBody(body: Buffer): void {
    if (!this.session.live || body.length === 0) return;
    if (body.length > MAX_RECORDED_BODY) return this.tooBig("out", body.length);
    recordBody(this.session.log, "out", body.toString("utf8"), this.exchange);
  }

  /** The answer's head arrived. */
  response(status: number, statusText: string, rawHeaders: string[]): void {
    const headers = headerRecord(rawHeaders);
    const contentType = headers["content-type"] ?? "";
    const meta = {
      exchange: this.exchange,
      method: this.request.method,
      url: this.request.url,
      requestHeaders: redactHeaders(this.request.headers),
      status,
      statusText,
      responseHeaders: redactHeaders(headers),
      durationMs: performance.now() - this.started,
    };
    if (!this.session.live) return;
    if (contentType.includes("text/event-stream")) {
      httpFrame(this.session, meta);
      this.sink = this.decoded(headers["content-encoding"], this.eventStream());
      return;
    }
    const json = contentType.includes("json");
    this.sink = this.decoded(headers["content-encoding"], {
      write: (chunk) => {
        if (this.bodyBytes <= MAX_RECORDED_BODY) this.body.push(chunk);
        this.bodyBytes += chunk.length;
      },
      end: () => {
        if (!this.session.live) return;
        const text = Buffer.concat(this.body).toString("utf8");
        if (!json && text) Object.assign(meta, { bodyPreview: text.slice(0, PREVIEW_BYTES) });
        httpFrame(this.session, meta);
        if (json && this.bodyBytes > MAX_RECORDED_BODY) this.tooBig("in", this.bodyBytes);
        else if (json && text.trim() !== "") recordBody(this.session.log, "in", text, this.exchange);
      },
    });
  }

  /** A copy of answer bytes, as relayed. */
  write(chunk: Buffer): void {
    this.sink?.write(chunk);
  }

  /** The answer ended (`detail`: how, for a stream). */
  end(detail = "the server ended the stream"): void {
    this.sink?.end();
    this.sink = undefined;
    this.ended?.(detail);
  }

  /** The exchange failed before an answer: the upstream could not be reached. */
  failed(error: { code?: string; message: string }): void {
    if (!this.session.live) return;
    httpFrame(this.session, { exchange: this.exchange, method: this.request.method, url: this.request.url, requestHeaders: redactHeaders(this.request.headers), error, durationMs: performance.now() - this.started });
  }

  private eventStream(): { write(chunk: Buffer): void; end(): void } {
    const parser = createParser({
      onEvent: (event) => {
        if (!this.session.live) return;
        if (event.event === "endpoint") {
          const meta = { event: "endpoint", exchange: this.exchange, endpoint: event.data };
          this.session.append({ dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
          return;
        }
        // Priming events (an id and empty data, MCP 2025-11-25 "Resumability") carry no message.
        if (event.data.trim() === "") return;
        recordBody(this.session.log, "in", event.data, this.exchange, event.id);
      },
    });
    const decoder = new TextDecoder();
    this.ended = (detail) => {
      if (!this.session.live) return;
      httpFrame(this.session, { exchange: this.exchange, event: "stream-end", detail });
    };
    return { write: (chunk) => parser.feed(decoder.decode(chunk, { stream: true })), end: () => parser.feed(decoder.decode()) };
  }

  /** Wraps a sink in the decompressor a `Content-Encoding` needs (gzip, deflate, br). */
  private decoded(encoding: string | undefined, sink: { write(chunk: Buffer): void; end(): void }): { write(chunk: Buffer): void; end(): void } {
    const make: Record<string, () => Transform> = { gzip: createGunzip, "x-gzip": createGunzip, deflate: createInflate, br: createBrotliDecompress };
    const decompress = encoding ? make[encoding.trim().toLowerCase()]?.() : undefined;
    if (!decompress) return sink;
    decompress.on("data", (chunk: Buffer) => sink.write(chunk));
    decompress.on("error", () => undefined);
    let done: () => void = () => undefined;
    decompress.on("end", () => done());
    return { write: (chunk) => decompress.write(chunk), end: () => ((done = () => sink.end()), decompress.end()) };
  }

  private tooBig(dir: "in" | "out", bytes: number): void {
    this.session.append({ dir, kind: "invalid", raw: "", bytes, reason: `a body of ${bytes} bytes, over the ${MAX_RECORDED_BODY}-byte record limit: relayed whole, not recorded`, meta: { exchange: this.exchange } });
  }
}
