import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Frame, StdioTarget, TapInfo } from "@mcpscope/protocol/types";
import { RECORDING_TYPE, RECORDING_VERSION } from "@mcpscope/protocol/types";
import type { ShimChunk } from "../chunkCodec.js";
import { ChunkFramer, type StampedFrameInput } from "../chunkFramer.js";
import { wireFrameLine } from "../../recording/wireFrameLine.js";

/** Unwritten text past which frames are written at once. */
const FLUSH_CHARS = 256 * 1024;

/**
 * A recording the shim writes itself, in the data directory's `sessions/` folder and in the
 * same format as mcpscope's own (a header line, then one `Frame` per line, `seq` 1, 2, 3 …),
 * when no mcpscope takes the frames: none could be reached or started, or it stopped taking
 * them mid-session. Then the recording is a session of its own, linked to the one mcpscope
 * holds by `previousId`. The next mcpscope started on the data directory lists it.
 */
export class LocalRecording {
  readonly id: string;
  readonly path: string;
  private fd: number;
  private seq = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private scheduled = false;
  private readonly framer = new ChunkFramer((frame) => this.write(frame));

  constructor(dataDir: string, target: StdioTarget, tap: TapInfo, previousId?: string, id = randomUUID()) {
    this.id = id;
    const createdAt = Date.now();
    const dir = join(dataDir, "sessions");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = join(dir, `${new Date(createdAt).toISOString().replace(/[:.]/g, "-")}-${id}.jsonl`);
    this.fd = openSync(this.path, "wx", 0o600);
    const session = { id, createdAt, transport: "stdio", target, tap, ...(previousId ? { previousId } : {}) };
    writeSync(this.fd, JSON.stringify({ type: RECORDING_TYPE, version: RECORDING_VERSION, session }) + "\n");
  }

  /** Records a chunk the shim relayed (cut into frames, as mcpscope would) or an event. */
  append(chunk: ShimChunk): void {
    if ("event" in chunk) this.framer.event(chunk.ts, chunk.event);
    else this.framer.chunk(chunk.stream, chunk.ts, chunk.data);
  }

  private write(input: StampedFrameInput): void {
    const frame: Frame = { sessionId: this.id, seq: ++this.seq, ...input, bytes: input.bytes ?? Buffer.byteLength(input.raw) };
    const line = wireFrameLine(frame);
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Writes what is pending. */
  flush = (): void => {
    this.scheduled = false;
    if (this.pending.length === 0 || this.fd < 0) return;
    const bytes = Buffer.from(this.pending.join("\n") + "\n", "utf8");
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
    this.pending = [];
    this.pendingChars = 0;
  };

  /** Records the rest of unterminated lines, writes what is pending and closes the file. */
  close(ts: number): void {
    this.framer.end(ts);
    this.flush();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
