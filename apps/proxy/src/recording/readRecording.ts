import type { Frame, RecordingHeader } from "@mcpscope/protocol";
import { FrameFile } from "./frameFile.js";
import { InvalidRecordingError } from "./recordingLines.js";

/**
 * Reads a whole recording, header and frames, validating every line (`mcpscope replay`,
 * `mcpscope diff`).
 * @throws Error when the file cannot be read, or `<path>: not an mcpscope recording: line <n>: <reason>`.
 */
export function readRecording(path: string): { header: RecordingHeader; frames: Frame[] } {
  let opened: ReturnType<typeof FrameFile.open>;
  try {
    opened = FrameFile.open(path);
    try {
      return { header: opened.header, frames: opened.file.read(1, opened.file.frameCount) };
    } finally {
      opened.file.close();
    }
  } catch (err) {
    if (err instanceof InvalidRecordingError) throw new Error(`${path}: not an mcpscope recording: line ${err.line.toLocaleString("en-US")}: ${err.reason}`);
    throw err;
  }
}
