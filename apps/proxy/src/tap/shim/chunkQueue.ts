import { closeSync, ftruncateSync, mkdirSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { CHUNK_HEADER_BYTES, decodeChunks, encodeChunks, type ShimChunk } from "../chunkCodec.js";

/** Memory a queue holds before it spills to disk: bytes of chunk data, about. */
export const DEFAULT_MEMORY_LIMIT = 12 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;
/** Per-chunk overhead counted beside its data. */
const CHUNK_OVERHEAD = 64;

/** What a chunk counts for, in bytes: its data and some overhead (an event: a guess). */
export function sizeOf(chunk: ShimChunk): number {
  return ("data" in chunk ? chunk.data.length : 256) + CHUNK_OVERHEAD;
}

/**
 * The shim's chunks waiting for upload, in order: in memory up to a limit, then appended to
 * a spool file on disk (the binary encoding of `chunkCodec.ts`; read back from it, in order)
 * while the upload is behind. Pushing
 * never waits for anything but, past the limit, one buffered disk write per burst: the relay
 * is never held up by a slow or absent mcpscope, and memory stays bounded.
 */
export class ChunkQueue {
  private mem: ShimChunk[] = [];
  private head = 0;
  private memBytes = 0;
  private fd?: number;
  /** Chunks bound for the spool, not yet written. */
  private unwritten: ShimChunk[] = [];
  private unwrittenBytes = 0;
  private writePos = 0;
  private readPos = 0;
  /** Chunks in the spool (written or not) not yet taken. */
  private spooled = 0;
  private readBack: ShimChunk[] = [];

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

  push(chunk: ShimChunk): void {
    const size = sizeOf(chunk);
    if (this.spooled === 0 && this.readBack.length === 0 && this.memBytes + size <= this.memoryLimit) {
      this.mem.push(chunk);
      this.memBytes += size;
      return;
    }
    this.unwritten.push(chunk);
    this.unwrittenBytes += size;
    this.spooled++;
    if (this.unwrittenBytes >= READ_CHUNK) this.writeSpool();
  }

  /** Writes the chunks bound for the spool (call once per burst, e.g. from `setImmediate`). */
  writeSpool(): void {
    if (this.unwritten.length === 0) return;
    if (this.fd === undefined) {
      mkdirSync(dirname(this.spoolPath), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.spoolPath, "w+", 0o600);
    }
    const bytes = encodeChunks(this.unwritten);
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.writePos + done);
    this.writePos += bytes.length;
    this.unwritten = [];
    this.unwrittenBytes = 0;
  }

  /** Takes the oldest chunks, about `maxBytes` of them (at least one when any wait). */
  take(maxBytes: number): ShimChunk[] {
    const out: ShimChunk[] = [];
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
  drain(): ShimChunk[] {
    const all: ShimChunk[] = [];
    for (let batch = this.take(Infinity); batch.length > 0; batch = this.take(Infinity)) all.push(...batch);
    return all;
  }

  /** Deletes the spool file. */
  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.spoolPath, { force: true });
  }

  /** Reads the next whole chunks back from the spool (at least one, however long). */
  private readSpool(): void {
    this.writeSpool();
    if (this.fd === undefined || this.readPos >= this.writePos) return;
    let bytes = this.readAt(this.readPos, Math.min(READ_CHUNK, this.writePos - this.readPos));
    let { chunks, used } = decodeChunks(bytes, true);
    if (chunks.length === 0) {
      // One chunk longer than a block: read it whole.
      const length = bytes.length >= CHUNK_HEADER_BYTES ? CHUNK_HEADER_BYTES + bytes.readUInt32BE(17) : CHUNK_HEADER_BYTES;
      bytes = this.readAt(this.readPos, length);
      ({ chunks, used } = decodeChunks(bytes));
    }
    this.readPos += used;
    this.spooled -= chunks.length;
    this.readBack = chunks;
  }

  private readAt(position: number, length: number): Buffer {
    // A fresh buffer per read: the chunks read back are views of it.
    const bytes = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const got = readSync(this.fd!, bytes, read, length - read, position + read);
      if (got === 0) break;
      read += got;
    }
    return bytes.subarray(0, read);
  }
}
