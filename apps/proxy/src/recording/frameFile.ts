import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import type { Frame, RecordingHeader } from "@mcpscope/protocol";
import { InvalidRecordingError, parseFrameLine, parseHeaderLine } from "./recordingLines.js";

/** The first line of a recording mcpscope writes (`RecordingHeaderSchema` when read back). */
export interface NewRecordingHeader {
  type: "mcpscope-recording";
  version: 1;
  /** The session at creation: id, createdAt, transport, target (secrets redacted). */
  session: Record<string, unknown>;
}

const READ_CHUNK = 1 << 20;
/** Longest header line read before giving up on a file. */
const MAX_HEADER_BYTES = 16 * READ_CHUNK;
/** Bytes of the buffer frames are encoded into before they are written. */
const SCRATCH_BYTES = 1 << 20;
/** That buffer, shared: appends are synchronous. */
let scratch: Buffer | undefined;
/** Frames parsed per read when checking a whole file. */
const CHECK_BATCH = 10_000;

export interface OpenOptions {
  /**
   * Validate every frame line now (a file someone hands over: import, `mcpscope view`)
   * rather than only as frames are read (recordings listed from the data directory).
   */
  checkAll?: boolean;
}

/**
 * A session's recording: JSON Lines, a header line then one line per frame in seq order
 * (docs/ARCHITECTURE.md "Recording"; the export format). Appends are synchronous writes of a batch
 * (`FrameLog` batches a few milliseconds and writes before anything reads or reports a
 * frame), so a crash of mcpscope loses at most the batch not yet written. Keeps the byte
 * offset of every frame (8 bytes each) to read any range back.
 */
export class FrameFile {
  private fd: number | undefined;
  private writable = true;
  /** Frames read back are validated (files opened, not created, by this process). */
  private validating = false;
  private offsets = new Float64Array(1024);
  private count = 0;
  private size: number;

  private constructor(
    readonly path: string,
    fd: number,
    size: number,
  ) {
    this.fd = fd;
    this.size = size;
  }

  /** Creates a new recording with its header line. */
  static create(path: string, header: NewRecordingHeader): FrameFile {
    const fd = openSync(path, "wx+", 0o600);
    const line = JSON.stringify(header) + "\n";
    writeSync(fd, line);
    return new FrameFile(path, fd, Buffer.byteLength(line));
  }

  /**
   * Opens an existing recording read-only: validates its header and indexes where each
   * frame line starts. Frames are validated as they are read (`read`), or all at once with
   * `checkAll`. A torn last line (a crash mid-write) is left out.
   * @throws InvalidRecordingError naming the first bad line; Error when it cannot be read.
   */
  static open(path: string, options: OpenOptions = {}): { file: FrameFile; header: RecordingHeader } {
    const fd = openSync(path, "r");
    const file = new FrameFile(path, fd, fstatSync(fd).size);
    file.writable = false;
    file.validating = true;
    try {
      const header = file.index();
      if (options.checkAll) file.checkAll();
      return { file, header };
    } catch (err) {
      file.close();
      throw err;
    }
  }

  /** Reads the header and the offset of every frame line. */
  private index(): RecordingHeader {
    const fd = this.fd!;
    const size = this.size;
    let header: RecordingHeader | undefined;
    let headerText = Buffer.alloc(0);
    let lineStart = 0;
    let position = 0;
    const buffer = Buffer.alloc(READ_CHUNK);
    while (position < size) {
      const read = readSync(fd, buffer, 0, READ_CHUNK, position);
      if (read === 0) break;
      let nl = buffer.indexOf(10, 0);
      let consumed = 0;
      while (nl !== -1 && nl < read) {
        if (!header) {
          headerText = Buffer.concat([headerText, buffer.subarray(consumed, nl)]);
          header = parseHeaderLine(headerText.toString("utf8"));
        } else {
          this.pushOffset(lineStart);
        }
        lineStart = position + nl + 1;
        consumed = nl + 1;
        nl = buffer.indexOf(10, nl + 1);
      }
      if (!header) headerText = Buffer.concat([headerText, buffer.subarray(consumed, read)]);
      if (!header && headerText.length > MAX_HEADER_BYTES) throw new InvalidRecordingError(1, `its first line is over ${MAX_HEADER_BYTES / READ_CHUNK} MiB long: not a recording header`);
      position += read;
    }
    if (!header) throw new InvalidRecordingError(1, size === 0 ? "the file is empty" : "no complete first line (a recording header ends with a line break)");
    // Frames end at the last newline; anything after it is a torn line.
    this.size = lineStart;
    return header;
  }

  /** Reads and validates every frame. @throws InvalidRecordingError at the first bad line. */
  private checkAll(): void {
    for (let from = 1; from <= this.count; from += CHECK_BATCH) this.read(from, CHECK_BATCH);
  }

  /** Number of frames in the file. */
  get frameCount(): number {
    return this.count;
  }

  /**
   * Appends serialized frames (one JSON text each, in seq order, none with a raw line break,
   * as JSON.stringify makes them), encoded into a reused buffer and written a mebibyte at a
   * time (no joined copy of the batch).
   */
  append(lines: string[]): void {
    if (this.fd === undefined || !this.writable || lines.length === 0) return;
    const buffer = (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES));
    let used = 0;
    for (const line of lines) {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      if (used + line.length * 3 + 1 > SCRATCH_BYTES) {
        this.write(buffer, used);
        used = 0;
        if (line.length * 3 + 1 > SCRATCH_BYTES) {
          const bytes = Buffer.from(line + "\n", "utf8");
          this.pushOffset(this.size);
          this.write(bytes, bytes.length);
          continue;
        }
      }
      this.pushOffset(this.size + used);
      used += buffer.write(line, used, "utf8");
      buffer[used++] = 10;
    }
    this.write(buffer, used);
  }

  /** Writes the first `length` bytes of `bytes` at the end of the file. */
  private write(bytes: Buffer, length: number): void {
    for (let written = 0; written < length; ) written += writeSync(this.fd!, bytes, written, length - written);
    this.size += length;
  }

  /**
   * Reads frames with seq in [from, from + count) back from disk (seq is 1-based). Frames of
   * a file opened with `open` are validated (`FrameSchema`, seq = place in the file).
   * @throws InvalidRecordingError naming the first bad line, for an opened file.
   */
  read(from: number, count: number): Frame[] {
    this.fd ??= openSync(this.path, "r");
    const first = Math.max(1, from);
    const last = Math.min(this.count, from + count - 1);
    if (last < first) return [];
    const start = this.offsets[first - 1]!;
    const end = last < this.count ? this.offsets[last]! : this.size;
    const buffer = Buffer.alloc(end - start);
    readSync(this.fd, buffer, 0, buffer.length, start);
    const frames: Frame[] = [];
    let lineStart = 0;
    let nl = buffer.indexOf(10, lineStart);
    let line = first + 1;
    while (nl !== -1) {
      const text = buffer.toString("utf8", lineStart, nl);
      frames.push(this.validating ? parseFrameLine(text, line++) : (JSON.parse(text) as Frame));
      lineStart = nl + 1;
      nl = buffer.indexOf(10, lineStart);
    }
    return frames;
  }

  /**
   * The lines of frames with seq in [from, from + count) as the bytes on disk, each ending
   * with a line break, not parsed or validated (a reader that validates, like the web app's
   * `FrameLineReader`, gets the recording as written). Returns the bytes and how many frames
   * they hold.
   */
  readLines(from: number, count: number): { bytes: Buffer; count: number } {
    this.fd ??= openSync(this.path, "r");
    const first = Math.max(1, from);
    const last = Math.min(this.count, from + count - 1);
    if (last < first) return { bytes: Buffer.alloc(0), count: 0 };
    const start = this.offsets[first - 1]!;
    const end = last < this.count ? this.offsets[last]! : this.size;
    const bytes = Buffer.allocUnsafe(end - start);
    for (let read = 0; read < bytes.length; ) {
      const n = readSync(this.fd, bytes, read, bytes.length - read, start + read);
      if (n === 0) throw new Error(`${this.path}: ended at byte ${start + read}, expected ${end}`);
      read += n;
    }
    return { bytes, count: last - first + 1 };
  }

  /** Byte offset where the line of frame `seq` starts (1 ≤ seq ≤ frameCount), or the file's end for frameCount + 1. */
  offsetOf(seq: number): number {
    return seq <= this.count ? this.offsets[seq - 1]! : this.size;
  }

  /** Stops writing and releases the file; reads reopen it read-only on demand. */
  close(): void {
    this.writable = false;
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private pushOffset(offset: number): void {
    if (this.count === this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.count++] = offset;
  }
}
