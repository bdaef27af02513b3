import type { Frame } from "@mcpscope/protocol";
import { FrameFile, type RecordingHeader } from "./frameFile.js";

/**
 * Reads a whole recording: header and frames.
 * @throws Error when the file cannot be read or is not an mcpscope recording.
 */
export function readRecording(path: string): { header: RecordingHeader; frames: Frame[] } {
  const { file, header } = FrameFile.open(path);
  try {
    return { header, frames: file.read(1, file.frameCount) };
  } finally {
    file.close();
  }
}
