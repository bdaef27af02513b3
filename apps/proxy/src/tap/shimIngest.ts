import { FrameSchema } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import type { ShimChunk } from "./chunkCodec.js";
import { ChunkFramer, type StampedFrameInput } from "./chunkFramer.js";
import type { TappedSession } from "./tappedSession.js";

/**
 * Records what a `mcpscope tap` shim uploads into its tapped session: chunks of the relayed
 * bytes are cut into frames (`ChunkFramer`); chunks already taken (a repeated upload) are
 * skipped, a gap is refused. Every frame matches `FrameSchema`: a frame of an event (its
 * details come from the upload) is checked against it before it is recorded; a frame cut
 * from the bytes is valid as built (`parseWireMessage` checks whatever `FrameSchema` asks of
 * a JSON-RPC message; chunkFramer.test.ts), which spares a flood a schema check per line.
 */
export class ShimIngest {
  private lastChunk = 0;
  private lastTs = 0;
  private exit?: { code: unknown; signal?: string };
  private readonly framer: ChunkFramer;

  constructor(private readonly session: TappedSession) {
    this.framer = new ChunkFramer((frame) => this.record(frame));
  }

  /**
   * Takes the next chunks, in order.
   * @returns the number of the last chunk taken.
   * @throws ApiFailure TAP_FRAME_INVALID on a gap (nothing recorded) or a frame that is not valid.
   */
  take(chunks: readonly ShimChunk[]): number {
    let expected = this.lastChunk + 1;
    const fresh = chunks.filter((c) => c.n >= expected);
    for (const [i, chunk] of fresh.entries()) {
      if (chunk.n !== expected + i) throw new ApiFailure("TAP_FRAME_INVALID", `chunk ${chunk.n} where ${expected + i} was expected: chunks must be uploaded in order, without gaps`);
    }
    for (const chunk of fresh) {
      this.lastTs = chunk.ts;
      if ("event" in chunk) {
        if (chunk.event.event === "exited") this.exit = { code: chunk.event.code, signal: typeof chunk.event.signal === "string" ? chunk.event.signal : undefined };
        this.framer.event(chunk.ts, chunk.event);
      } else {
        this.framer.chunk(chunk.stream, chunk.ts, chunk.data);
      }
      this.lastChunk = chunk.n;
      expected++;
    }
    return this.lastChunk;
  }

  /** The shim's last upload: the rest of unterminated lines is recorded, and the session ends as the server did. */
  finish(): void {
    this.framer.end(this.lastTs);
    const { code, signal } = this.exit ?? {};
    if (!this.exit || (code === 0 && !signal)) this.session.end("closed");
    else this.session.end("failed", signal ? `The server process was killed by ${signal}.` : `The server process exited with code ${String(code)}.`);
  }

  private record(frame: StampedFrameInput): void {
    if (frame.kind !== "lifecycle") {
      this.session.appendStamped(frame);
      return;
    }
    const checked = FrameSchema.safeParse({ sessionId: this.session.id, seq: this.session.log.lastSeq + 1, ...frame, bytes: frame.bytes ?? Buffer.byteLength(frame.raw) });
    if (!checked.success) throw new ApiFailure("TAP_FRAME_INVALID", `frame ${this.session.log.lastSeq + 1}: ${checked.error.issues.map((i) => `${i.path.join(".") || "(frame)"}: ${i.message}`).join("; ")}`);
    this.session.appendStamped(frame);
  }
}
