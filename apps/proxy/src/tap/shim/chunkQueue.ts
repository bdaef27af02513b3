import { closeSync, ftruncateSync, mkdirSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { TapChunk } from "@mcpscope/protocol/types";

/** Memory a queue holds before it spills to disk: characters of chunk data (base64), about. */
export const DEFAULT_MEMORY_LIMIT = 16 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;
/** Per-chunk overhead counted beside its data. */
const CHUNK_OVERHEAD = 64;

function sizeOf(chunk: TapChunk): number {
  return ("data" in chunk ? chunk.data.length : 256) + CHUNK_OVERHEAD;
}

/**
 * The shim's chunks waiting for upload, in order: in memory up to a limit, then appended to
 * a spool file on disk (and read back from it, in order) while the upload is behind. Pushing
 * never waits for anything but, past the limit, one buffered disk write per burst: the relay
 * is never held up by a slow or absent mcpscope, and memory stays bounded.
 */
export class ChunkQueue {
  private mem: TapChunk[] = [];
  private head = 0;
  private memBytes = 0;
  private fd?: number;
  /** Spool lines not yet written. */
  private unwritten: string[] = [];
  private unwrittenBytes = 0;
  private writePos = 0;
  private readPos = 0;
  /** Chunks in the spool (written or not) not yet taken. */
  private spooled = 0;
  /** The bytes of a partial line read back from the spool. */
  private carry = Buffer.alloc(0);
  private readonly readBuffer = Buffer.alloc(READ_CHUNK);
  private readBack: TapChunk[] = [];

  constructor(
    /** The spool file (created on first spill, deleted by `dispose`). */
    private readonly spoolPath: string,
    private readonly memoryLimit = DEFAULT_MEMORY_LIMIT,
  ) {}

  /** Chunks waiting. */
  get size(): number {
    return this.mem.length - this.head + this.readBack.length + this.spooled;
  }

  /** True when chunks are on (or bound for) disk. */
  get spilling(): boolean {
    return this.spooled > 0;
  }

  push(chunk: TapChunk): void {
    const size = sizeOf(chunk);
    if (this.spooled === 0 && this.readBack.length === 0 && this.memBytes + size <= this.memoryLimit) {
      this.mem.push(chunk);
      this.memBytes += size;
      return;
    }
    const line = JSON.stringify(chunk) + "\n";
    this.unwritten.push(line);
    this.unwrittenBytes += line.length;
    this.spooled++;
    if (this.unwrittenBytes >= READ_CHUNK) this.writeSpool();
  }

  /** Writes buffered spool lines (call once per burst, e.g. from `setImmediate`). */
  writeSpool(): void {
    if (this.unwritten.length === 0) return;
    if (this.fd === undefined) {
      mkdirSync(dirname(this.spoolPath), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.spoolPath, "w+", 0o600);
    }
    const bytes = Buffer.from(this.unwritten.join(""), "utf8");
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.writePos + done);
    this.writePos += bytes.length;
    this.unwritten = [];
    this.unwrittenBytes = 0;
  }

  /** Takes the oldest chunks, about `maxBytes` of them (at least one when any wait). */
  take(maxBytes: number): TapChunk[] {
    const out: TapChunk[] = [];
    let bytes = 0;
    while (this.head < this.mem.length && (out.length === 0 || bytes < maxBytes)) {
      const chunk = this.mem[this.head++]!;
      const size = sizeOf(chunk);
      this.memBytes -= size;
      bytes += size;
      out.push(chunk);
    }
    if (this.head === this.mem.length) {
      this.mem = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.mem.length) {
      this.mem = this.mem.slice(this.head);
      this.head = 0;
    }
    while ((out.length === 0 || bytes < maxBytes) && (this.readBack.length > 0 || this.spooled > 0)) {
      if (this.readBack.length === 0) this.readSpool();
      const chunk = this.readBack.shift();
      if (!chunk) break;
      bytes += sizeOf(chunk);
      out.push(chunk);
    }
    if (this.spooled === 0 && this.readBack.length === 0 && this.fd !== undefined) {
      // Drained: start the file over.
      ftruncateSync(this.fd, 0);
      this.writePos = 0;
      this.readPos = 0;
    }
    return out;
  }

  /** Everything waiting, in order (e.g. to record it locally), leaving the queue empty. */
  drain(): TapChunk[] {
    const all: TapChunk[] = [];
    for (let batch = this.take(Infinity); batch.length > 0; batch = this.take(Infinity)) all.push(...batch);
    return all;
  }

  /** Deletes the spool file. */
  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.spoolPath, { force: true });
  }

  private readSpool(): void {
    this.writeSpool();
    if (this.fd === undefined) return;
    for (;;) {
      const read = readSync(this.fd, this.readBuffer, 0, READ_CHUNK, this.readPos);
      if (read === 0) return;
      this.readPos += read;
      const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, this.readBuffer.subarray(0, read)]) : this.readBuffer.subarray(0, read);
      const lastNl = bytes.lastIndexOf(10);
      // Whole lines only: a line (or a UTF-8 character) cut by the read waits for the next.
      this.carry = Buffer.from(bytes.subarray(lastNl + 1));
      if (lastNl === -1) continue;
      for (const line of bytes.toString("utf8", 0, lastNl).split("\n")) {
        this.readBack.push(JSON.parse(line) as TapChunk);
        this.spooled--;
      }
      return;
    }
  }
}
