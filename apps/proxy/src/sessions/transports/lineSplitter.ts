/**
 * Splits a byte stream into newline-terminated lines (the stdio transport's framing: MCP
 * 2025-11-25 "Transports → stdio", messages delimited by `\n`). Works on bytes, so a
 * multi-byte UTF-8 character split across chunks is decoded whole.
 *
 * `onLine(text, bytes)` gets each line without its `\n` (a trailing `\r` is kept: the
 * caller decides) and its length in bytes on the wire.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly onLine: (text: string, bytes: number) => void) {}

  /** Feeds one chunk; calls `onLine` for every line it completes. */
  push(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(10, start);
    while (nl !== -1) {
      if (this.pendingBytes > 0) {
        this.pending.push(chunk.subarray(start, nl));
        const line = Buffer.concat(this.pending, this.pendingBytes + nl - start);
        this.pending = [];
        this.pendingBytes = 0;
        this.onLine(line.toString("utf8"), line.length);
      } else {
        this.onLine(chunk.toString("utf8", start, nl), nl - start);
      }
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
    }
  }

  /** Bytes held of an unfinished line. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** Ends the stream: returns the unterminated rest, if any, and clears it. */
  flush(): { text: string; bytes: number } | undefined {
    if (this.pendingBytes === 0) return undefined;
    const rest = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    return { text: rest.toString("utf8"), bytes: rest.length };
  }
}
