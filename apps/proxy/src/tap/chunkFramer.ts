import type { TapStream } from "@mcpscope/protocol/types";
import type { FrameInput } from "../sessions/frameLog.js";
import { LineSplitter, OVERSIZED_PREVIEW_BYTES } from "../sessions/transports/lineSplitter.js";
import { classifyLine } from "./classifyLine.js";

/** Longest line recorded whole (as mcpscope's own stdio transport): 16 MiB. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** A frame to record, with the time its bytes were read. */
export type StampedFrameInput = FrameInput & { ts: number };

/**
 * Cuts the byte chunks a tap relayed into frames (MCP 2025-11-25 "Transports → stdio": one
 * JSON-RPC message per line), as mcpscope's own stdio transport does: client→server lines are
 * `out`, server→client lines `in` (classified: request, response, error, notification, or
 * `invalid` with a reason), stderr lines `stderr`; events become `lifecycle` frames. A line
 * takes the time of the chunk that completed it. A line longer than 16 MiB is kept as its
 * first 64 KiB, `invalid` (it was relayed whole).
 */
export class ChunkFramer {
  private readonly splitters: Record<TapStream, LineSplitter>;
  private ts = 0;

  constructor(private readonly emit: (frame: StampedFrameInput) => void) {
    this.splitters = {
      stdin: new LineSplitter((text, bytes, oversized) => this.line("out", text, bytes, oversized), MAX_LINE_BYTES),
      stdout: new LineSplitter((text, bytes, oversized) => this.line("in", text, bytes, oversized), MAX_LINE_BYTES),
      stderr: new LineSplitter((text, bytes, oversized) => this.stderr(oversized ? `${text}… (${bytes} bytes, cut)` : text, bytes), MAX_LINE_BYTES),
    };
  }

  /** Bytes relayed on one stream, read at `ts`. */
  chunk(stream: TapStream, ts: number, data: Buffer): void {
    this.ts = ts;
    this.splitters[stream].push(data);
  }

  /** An event about the connection (`meta.event`: spawned, signal, closed, exited, error …). */
  event(ts: number, meta: Record<string, unknown>): void {
    this.emit({ ts, dir: "meta", kind: "lifecycle", raw: JSON.stringify(meta), meta });
  }

  /** The streams ended: the rest of an unterminated line becomes an `invalid` frame. */
  end(ts: number): void {
    this.ts = ts;
    for (const [stream, dir] of [["stdin", "out"], ["stdout", "in"]] as const) {
      const rest = this.splitters[stream].flush();
      if (rest) this.emit({ ts, dir, kind: "invalid", raw: rest.text, bytes: rest.bytes, reason: `unterminated line at end of ${stream}${rest.oversized ? ` (${rest.bytes} bytes; first ${OVERSIZED_PREVIEW_BYTES} kept)` : ""}` });
    }
    const rest = this.splitters.stderr.flush();
    if (rest) this.stderr(rest.text, rest.bytes);
  }

  private line(dir: "in" | "out", text: string, bytes: number, oversized: boolean): void {
    if (oversized) {
      this.emit({ ts: this.ts, dir, kind: "invalid", raw: text, bytes, reason: `line of ${bytes} bytes exceeds the ${MAX_LINE_BYTES}-byte frame limit: its first ${OVERSIZED_PREVIEW_BYTES} bytes are kept (it was relayed whole)` });
      return;
    }
    // Keys in the order every recorder writes them (kind before raw): readers' fast paths rely on it.
    const { kind, ...classified } = classifyLine(text);
    this.emit({ ts: this.ts, dir, kind, raw: text, bytes, ...classified });
  }

  private stderr(text: string, bytes: number): void {
    this.emit({ ts: this.ts, dir: "in", kind: "stderr", raw: text, bytes });
  }
}
