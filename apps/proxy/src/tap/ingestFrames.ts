import { FrameSchema, TapFrameKindSchema } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import type { FrameInput } from "../sessions/frameLog.js";
import { classifyLine } from "./classifyLine.js";

const TAP_KINDS = new Set<string>(TapFrameKindSchema.options);

function invalid(index: number, message: string): ApiFailure {
  return new ApiFailure("TAP_FRAME_INVALID", `frames[${index}]: ${message}`);
}

/**
 * Turns uploaded tap frames (`TapFrame`, from the shim) into frames to record: a frame
 * without `kind` is a wire line, classified here; every frame is then checked against
 * `FrameSchema` and must continue the session's `seq` (frames at or below `lastSeq` are a
 * repeated upload and skipped).
 * @returns the frames to append, in order.
 * @throws ApiFailure TAP_FRAME_INVALID naming the first bad frame (nothing is recorded then).
 */
export function ingestFrames(sessionId: string, lastSeq: number, uploaded: unknown[]): FrameInput[] {
  const out: FrameInput[] = [];
  let expected = lastSeq + 1;
  for (let i = 0; i < uploaded.length; i++) {
    const f = uploaded[i] as Record<string, unknown> | null;
    if (typeof f !== "object" || f === null || Array.isArray(f)) throw invalid(i, "not an object");
    if (typeof f.seq !== "number") throw invalid(i, "seq must be a number");
    if (f.seq < expected) continue;
    if (f.seq !== expected) throw invalid(i, `seq ${f.seq} where ${expected} was expected: frames must be uploaded in order, without gaps`);
    if (typeof f.raw !== "string") throw invalid(i, "raw must be a string");
    let candidate: Record<string, unknown>;
    if (f.kind === undefined) {
      if (f.dir !== "in" && f.dir !== "out") throw invalid(i, 'a wire line (no kind) must have dir "in" or "out"');
      const line = classifyLine(f.raw);
      candidate = { sessionId, seq: f.seq, ts: f.ts, dir: f.dir, raw: f.raw, bytes: f.bytes, ...line };
    } else {
      if (typeof f.kind !== "string" || !TAP_KINDS.has(f.kind)) throw invalid(i, `kind must be absent (a wire line) or one of ${[...TAP_KINDS].join(", ")}`);
      candidate = { sessionId, seq: f.seq, ts: f.ts, dir: f.dir, kind: f.kind, raw: f.raw, bytes: f.bytes, ...(f.reason === undefined ? {} : { reason: f.reason }), ...(f.meta === undefined ? {} : { meta: f.meta }) };
    }
    const checked = FrameSchema.safeParse(candidate);
    if (!checked.success) throw invalid(i, checked.error.issues.map((issue) => `${issue.path.join(".") || "(frame)"}: ${issue.message}`).join("; "));
    const { sessionId: _id, seq: _seq, ...input } = checked.data;
    out.push(input);
    expected++;
  }
  return out;
}
