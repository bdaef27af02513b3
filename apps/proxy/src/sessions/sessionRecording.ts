import { join } from "node:path";
import type { SessionTarget, TransportKind } from "@mcpscope/protocol";
import { FrameFile } from "../recording/frameFile.js";

/** What a recording's header says about its session (secrets already redacted). */
export interface RecordedSessionHeader {
  id: string;
  createdAt: number;
  transport: TransportKind;
  target: SessionTarget;
  previousId?: string;
}

/** Creates a session's recording, `<dir>/<createdAt as ISO, : and . as ->-<id>.jsonl`. */
export function createSessionRecording(dir: string, session: RecordedSessionHeader): { path: string; file: FrameFile } {
  const stamp = new Date(session.createdAt).toISOString().replace(/[:.]/g, "-");
  const path = join(dir, `${stamp}-${session.id}.jsonl`);
  return { path, file: FrameFile.create(path, { type: "mcpscope-recording", version: 1, session: { ...session } }) };
}
