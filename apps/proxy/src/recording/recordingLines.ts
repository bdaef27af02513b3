import { type Frame, FrameSchema, quoteValue as quote, RECORDING_TYPE, RECORDING_VERSION, type RecordingHeader, RecordingHeaderSchema } from "@mcpscope/protocol";
import type { z } from "zod";
import { ApiFailure } from "../errors.js";

/**
 * A recording line that is not what the format says (`RecordingHeaderSchema` for line 1,
 * `FrameSchema` with `seq` = line − 1 after it). `line` is 1-based, as editors count.
 * Message: `Not an mcpscope recording: line <n>: <reason>`; code MCPSCOPE_INVALID_RECORDING.
 */
export class InvalidRecordingError extends ApiFailure {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super("INVALID_RECORDING", `Not an mcpscope recording: line ${line.toLocaleString("en-US")}: ${reason}`);
  }
}


/** The first problem zod found, as `path: message` (e.g. `session.target.command: …`). */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

function parseJson(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidRecordingError(line, `not JSON (${(err as Error).message})`);
  }
}

/**
 * Parses and validates a recording's first line.
 * @throws InvalidRecordingError (line 1) when it is not a version 1 recording header.
 */
export function parseHeaderLine(text: string): RecordingHeader {
  const value = parseJson(text, 1) as { type?: unknown; version?: unknown } | null;
  if (typeof value !== "object" || value === null || Array.isArray(value) || value.type !== RECORDING_TYPE) {
    throw new InvalidRecordingError(1, `its first line is not a recording header (expected {"type":"${RECORDING_TYPE}",…}, got ${quote(value)})`);
  }
  if (value.version !== RECORDING_VERSION) {
    throw new InvalidRecordingError(1, `recording format version ${quote(value.version)} is not supported (this mcpscope reads version ${RECORDING_VERSION})`);
  }
  const parsed = RecordingHeaderSchema.safeParse(value);
  if (!parsed.success) throw new InvalidRecordingError(1, `invalid recording header: ${firstIssue(parsed.error)}`);
  return parsed.data;
}

/**
 * Parses and validates one frame line: a `Frame` whose `seq` is its place in the file
 * (line 2 holds seq 1).
 * @throws InvalidRecordingError naming the line.
 */
export function parseFrameLine(text: string, line: number): Frame {
  const value = parseJson(text, line);
  const parsed = FrameSchema.safeParse(value);
  if (!parsed.success) throw new InvalidRecordingError(line, `not a valid frame: ${firstIssue(parsed.error)}`);
  const seq = line - 1;
  if (parsed.data.seq !== seq) {
    throw new InvalidRecordingError(line, `seq is ${quote(parsed.data.seq)}, expected ${seq} (frames are numbered 1, 2, 3… in line order)`);
  }
  // The line as written (its keys in their order), now known to be a Frame: served back, it
  // reads exactly as recorded.
  return value as Frame;
}
