import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import type { Frame } from "@mcpscope/protocol";

/** The first line of every recording. */
export interface RecordingHeader {
  type: "mcpscope-recording";
  version: 1;
  /** The session at creation: id, createdAt, transport, target (secrets redacted). */
  session: Record<string, unknown>;
}

const READ_CHUNK = 1 << 20;

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
  static create(path: string, header: RecordingHeader): FrameFile {
    const fd = openSync(path, "wx+", 0o600);
    const line = JSON.stringify(header) + "\n";
    writeSync(fd, line);
    return new FrameFile(path, fd, Buffer.byteLength(line));
  }

  /**
   * Opens an existing recording read-only: parses its header and indexes where each frame
   * line starts (no frame is parsed). A torn last line (a crash mid-write) is left out.
   * @throws Error when the file is not an mcpscope recording.
   */
  static open(path: string): { file: FrameFile; header: RecordingHeader } {
    const fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    const file = new FrameFile(path, fd, size);
    file.writable = false;
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
          header = parseHeader(headerText.toString("utf8"), path);
        } else {
          file.pushOffset(lineStart);
        }
        lineStart = position + nl + 1;
        consumed = nl + 1;
        nl = buffer.indexOf(10, nl + 1);
      }
      if (!header) headerText = Buffer.concat([headerText, buffer.subarray(consumed, read)]);
      if (!header && headerText.length > 16 * READ_CHUNK) break;
      position += read;
    }
    if (!header) throw new Error(`${path} is not an mcpscope recording: no header line`);
    // Frames end at the last newline; anything after it is a torn line.
    file.size = lineStart;
    return { file, header };
  }

  /** Number of frames in the file. */
  get frameCount(): number {
    return this.count;
  }

  /**
   * Appends serialized frames (one JSON text each, in seq order, none with a raw line break,
   * as JSON.stringify makes them) in one write.
   */
  append(lines: string[]): void {
    if (this.fd === undefined || !this.writable || lines.length === 0) return;
    // Encoded once; the index comes from the newlines in the bytes.
    const bytes = Buffer.from(lines.join("\n") + "\n", "utf8");
    for (let written = 0; written < bytes.length; ) written += writeSync(this.fd, bytes, written);
    for (let start = 0; start < bytes.length; start = bytes.indexOf(10, start) + 1) this.pushOffset(this.size + start);
    this.size += bytes.length;
  }

  /** Reads frames with seq in [from, from + count) back from disk (seq is 1-based). */
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
    while (nl !== -1) {
      frames.push(JSON.parse(buffer.toString("utf8", lineStart, nl)) as Frame);
      lineStart = nl + 1;
      nl = buffer.indexOf(10, lineStart);
    }
    return frames;
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

function parseHeader(line: string, path: string): RecordingHeader {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`${path} is not an mcpscope recording: its first line is not JSON`);
  }
  const header = value as Partial<RecordingHeader>;
  if (header?.type !== "mcpscope-recording" || typeof header.session !== "object") {
    throw new Error(`${path} is not an mcpscope recording: its first line is not a recording header`);
  }
  return header as RecordingHeader;
}
