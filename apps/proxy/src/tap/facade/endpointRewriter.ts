/**
 * The one change a facade makes to a legacy HTTP+SSE stream (MCP 2024-11-05 "Transports →
 * HTTP with SSE"): the server's first `endpoint` event names where the client must POST its
 * messages, and that must be the facade, not the server. Until that event, the stream is cut
 * into events (blank-line separated, any line ending) and each is passed on byte for byte,
 * the endpoint event with its data replaced; after it, chunks pass through untouched.
 */
export class EndpointRewriter {
  private pending = Buffer.alloc(0);
  private done = false;

  constructor(
    /** The facade's POST endpoint, given the server's (its `data`). */
    private readonly rewrite: (endpoint: string) => string,
  ) {}

  /** Bytes to send on for a chunk of the server's stream. */
  push(chunk: Buffer): Buffer {
    if (this.done) return chunk;
    this.pending = Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      const text = this.pending.toString("latin1");
      const boundary = /(\r\n|\n|\r)(\r\n|\n|\r)/.exec(text);
      // A `\r` that ends the data so far may be the first half of a `\r\n`: wait for more.
      if (!boundary || (text.endsWith("\r") && boundary.index + boundary[0].length === text.length)) break;
      const end = boundary.index + boundary[0].length;
      const block = this.pending.subarray(0, end);
      this.pending = this.pending.subarray(end);
      out.push(this.event(block));
      if (this.done) {
        out.push(this.pending);
        this.pending = Buffer.alloc(0);
        break;
      }
    }
    return Buffer.concat(out);
  }

  /** Whatever is left when the stream ends. */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }

  private event(block: Buffer): Buffer {
    const text = block.toString("utf8");
    const lines = text.split(/(\r\n|\n|\r)/);
    const fields = lines.filter((_, i) => i % 2 === 0);
    if (!fields.some((l) => /^event: ?endpoint$/.test(l))) return block;
    const data = fields.filter((l) => l.startsWith("data:")).map((l) => l.slice(l.startsWith("data: ") ? 6 : 5));
    const replaced = this.rewrite(data.join("\n"));
    let wrote = false;
    const rebuilt: string[] = [];
    for (let i = 0; i < lines.length; i += 2) {
      const line = lines[i]!;
      const eol = lines[i + 1] ?? "";
      if (line.startsWith("data:")) {
        if (!wrote) rebuilt.push(`data: ${replaced}`, eol);
        wrote = true;
        continue;
      }
      rebuilt.push(line, eol);
    }
    this.done = true;
    return Buffer.from(rebuilt.join(""), "utf8");
  }
}
