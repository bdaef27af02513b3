import type { TapFrame } from "@mcpscope/protocol/types";
import { nowMs } from "../../sessions/frameLog.js";
import { LineSplitter, OVERSIZED_PREVIEW_BYTES } from "../../sessions/transports/lineSplitter.js";

/** Longest line recorded whole (as mcpscope's own stdio transport): 16 MiB. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Where recorded frames go (the uploader). */
export interface FrameSink {
  push(frame: Omit<TapFrame, "seq">): void;
}

/**
 * Cuts copies of the relayed bytes into frames (one per line, MCP 2025-11-25 "Transports →
 * stdio"), stamped with the time they were read: client→server lines are `out`, server→client
 * lines `in`, stderr lines `stderr`; plus `lifecycle` frames. It works after the bytes were
 * relayed and never touches them: the relay writes each chunk as it is read, and this gets
 * the same chunk afterwards. A line longer than 16 MiB is kept as its first 64 KiB, `invalid`.
 */
export class TapRecorder {
  private readonly out: LineSplitter;
  private readonly in: LineSplitter;
  private readonly err: LineSplitter;
  private ts = 0;

  constructor(private readonly sink: FrameSink) {
    this.out = new LineSplitter((text, bytes, oversized) => this.line("out", text, bytes, oversized), MAX_LINE_BYTES);
    this.in = new LineSplitter((text, bytes, oversized) => this.line("in", text, bytes, oversized), MAX_LINE_BYTES);
    this.err = new LineSplitter((text, bytes, oversized) => this.stderr(oversized ? `${text}… (${bytes} bytes, cut)` : text, bytes), MAX_LINE_BYTES);
  }

  /** Bytes the client wrote to the server's stdin. */
  fromClient(chunk: Buffer): void {
    this.ts = nowMs();
    this.out.push(chunk);
  }

  /** Bytes the server wrote to its stdout. */
  fromServer(chunk: Buffer): void {
    this.ts = nowMs();
    this.in.push(chunk);
  }

  /** Bytes the server wrote to its stderr. */
  fromServerStderr(chunk: Buffer): void {
    this.ts = nowMs();
    this.err.push(chunk);
  }

  /** An event about the connection (`meta.event`: spawned, exited, closed, error …). */
  lifecycle(meta: Record<string, unknown> & { event: string }): void {
    this.sink.push({ ts: nowMs(), dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), bytes: 0, meta });
  }

  /** The streams ended: what is left of an unterminated line becomes an `invalid` frame. */
  flush(): void {
    this.ts = nowMs();
    for (const [dir, splitter] of [["out", this.out], ["in", this.in]] as const) {
      const rest = splitter.flush();
      if (rest) this.sink.push({ ts: this.ts, dir, kind: "invalid", raw: rest.text, bytes: rest.bytes, reason: `unterminated line at end of ${dir === "in" ? "stdout" : "stdin"}${rest.oversized ? ` (${rest.bytes} bytes; first ${OVERSIZED_PREVIEW_BYTES} kept)` : ""}` });
    }
    const rest = this.err.flush();
    if (rest) this.stderr(rest.text, rest.bytes);
  }

  private line(dir: "in" | "out", text: string, bytes: number, oversized: boolean): void {
    if (oversized) {
      const reason = `line of ${bytes} bytes exceeds the ${MAX_LINE_BYTES}-byte frame limit: its first ${OVERSIZED_PREVIEW_BYTES} bytes are kept (it was relayed whole)`;
      this.sink.push({ ts: this.ts, dir, kind: "invalid", raw: text, bytes, reason });
      return;
    }
    this.sink.push({ ts: this.ts, dir, raw: text, bytes });
  }

  private stderr(text: string, bytes: number): void {
    this.sink.push({ ts: this.ts, dir: "in", kind: "stderr", raw: text, bytes });
  }
}
