/** Bytes of an oversized line kept as its preview. */
export const OVERSIZED_PREVIEW_BYTES = 64 * 1024;

/**
 * Splits a byte stream into newline-terminated lines (the stdio transport's framing: MCP
 * 2025-11-25 "Transports → stdio", messages delimited by `\n`). Works on bytes, so a
 * multi-byte UTF-8 character split across chunks is decoded whole.
 *
 * `onLine(text, bytes, oversized)` gets each line without its `\n` (a trailing `\r` is
 * kept: the caller decides) and its length in bytes on the wire. A line longer than
 * `maxLineBytes` is not held in memory: only its first 64 KiB are kept, as `text`, with
 * `oversized` true, so a hostile server cannot grow the proxy's memory with one endless line.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private lineBytes = 0;
  private oversized = false;

  constructor(
    private readonly onLine: (text: string, bytes: number, oversized: boolean) => void,
    private readonly maxLineBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** Feeds one chunk; calls `onLine` for every line it completes. */
  push(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(10, start);
    while (nl !== -1) {
      if (this.lineBytes === 0 && nl - start <= this.maxLineBytes) {
        this.onLine(chunk.toString("utf8", start, nl), nl - start, false);
      } else {
        this.take(chunk.subarray(start, nl));
        this.finish();
      }
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /** Bytes held of an unfinished line. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** Ends the stream: returns the unterminated rest, if any, and clears it. */
  flush(): { text: string; bytes: number; oversized: boolean } | undefined {
    if (this.lineBytes === 0) return undefined;
    const rest = { text: Buffer.concat(this.pending, this.pendingBytes).toString("utf8"), bytes: this.lineBytes, oversized: this.oversized };
    this.reset();
    return rest;
  }

  private take(segment: Buffer): void {
    this.lineBytes += segment.length;
    if (!this.oversized && this.lineBytes > this.maxLineBytes) {
      this.oversized = true;
      const kept = Buffer.concat(this.pending, this.pendingBytes).subarray(0, OVERSIZED_PREVIEW_BYTES);
      this.pending = [Buffer.from(kept)];
      this.pendingBytes = kept.length;
    }
    const room = this.oversized ? OVERSIZED_PREVIEW_BYTES - this.pendingBytes : segment.length;
    if (room <= 0) return;
    // Copy: the chunk's memory must not be pinned by a slice held across reads.
    const piece = Buffer.from(segment.subarray(0, room));
    this.pending.push(piece);
    this.pendingBytes += piece.length;
  }

  private finish(): void {
    const text = Buffer.concat(this.pending, this.pendingBytes).toString("utf8");
    const bytes = this.lineBytes;
    const oversized = this.oversized;
    this.reset();
    this.onLine(text, bytes, oversized);
  }

  private reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.lineBytes = 0;
    this.oversized = false;
  }
}
