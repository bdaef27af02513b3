import type { Frame } from "@mcpscope/protocol";

/** A HAR 1.2 log (W3C Web Performance WG "HTTP Archive" 1.2) of a session's HTTP exchanges. */
export interface Har {
  log: { version: "1.2"; creator: { name: string; version: string }; entries: HarEntry[] };
}

interface HarEntry {
  startedDateTime: string;
  time: number;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _error?: unknown;
}

const headerList = (headers: unknown) => Object.entries((headers ?? {}) as Record<string, string>).map(([name, value]) => ({ name, value }));

/**
 * Builds a HAR from a session's frames: one entry per `http` frame with a status or a
 * network error, its request body from the `out` frames of the same exchange and its
 * response content from the `in` frames (JSON-RPC messages, one per line); an OAuth
 * exchange's bodies from its own frame (`meta.oauth`). Headers and bodies are as recorded,
 * so secrets stay redacted. Times in milliseconds.
 */
export function toHar(frames: Iterable<Frame>, version: string): Har {
  const bodies = new Map<number, { out: string[]; in: string[] }>();
  const exchanges: Frame[] = [];
  for (const frame of frames) {
    const exchange = frame.meta?.exchange;
    if (typeof exchange !== "number") continue;
    if (frame.kind === "http") {
      if (frame.meta?.status !== undefined || frame.meta?.error !== undefined) exchanges.push(frame);
      continue;
    }
    let body = bodies.get(exchange);
    if (!body) bodies.set(exchange, (body = { out: [], in: [] }));
    if (frame.dir === "out" || frame.dir === "in") body[frame.dir].push(frame.raw);
  }
  const entries = exchanges.map((frame): HarEntry => {
    const meta = frame.meta!;
    const body = bodies.get(meta.exchange as number);
    const duration = Number(meta.durationMs ?? 0);
    const requestHeaders = (meta.requestHeaders ?? {}) as Record<string, string>;
    const responseHeaders = (meta.responseHeaders ?? {}) as Record<string, string>;
    // An OAuth exchange carries its (redacted) bodies on its own frame.
    const oauth = meta.oauth as { requestBody?: string; responseBody?: string } | undefined;
    const postText = oauth?.requestBody ?? body?.out.join("\n");
    const content = oauth?.responseBody ?? body?.in.join("\n") ?? (typeof meta.bodyPreview === "string" ? meta.bodyPreview : "");
    return {
      startedDateTime: new Date(frame.ts - duration).toISOString(),
      time: duration,
      request: {
        method: meta.method,
        url: meta.url,
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: headerList(requestHeaders),
        queryString: [...new URL(String(meta.url)).searchParams].map(([name, value]) => ({ name, value })),
        ...(postText ? { postData: { mimeType: requestHeaders["content-type"] ?? "application/json", text: postText } } : {}),
        headersSize: -1,
        bodySize: postText ? Buffer.byteLength(postText) : 0,
      },
      response: {
        status: meta.status ?? 0,
        statusText: meta.statusText ?? "",
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: headerList(responseHeaders),
        content: { size: Buffer.byteLength(content), mimeType: responseHeaders["content-type"] ?? "", text: content },
        redirectURL: responseHeaders.location ?? "",
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: duration, receive: 0 },
      ...(meta.error ? { _error: meta.error } : {}),
    };
  });
  return { log: { version: "1.2", creator: { name: "mcpscope", version }, entries } };
}
