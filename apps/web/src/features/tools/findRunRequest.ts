import type { Frame } from "@mcpscope/protocol";
import { messageMethod, type TimelineIndex } from "@mcpscope/timeline";

const MAX_SCAN = 50_000;

function isCallOf(frame: Frame, name: string): boolean {
  return (
    frame.dir === "out" &&
    frame.kind === "request" &&
    messageMethod(frame) === "tools/call" &&
    (frame.msg?.params as { name?: unknown } | undefined)?.name === name
  );
}

/**
 * The `tools/call` request frame of a run started when the index held `sinceSeq` frames:
 * the newest in-flight outgoing call of that tool after it, else the first such call after
 * it (the run may have finished before its frames arrived). Scans a bounded number of frames.
 */
export function findRunRequest(index: TimelineIndex, sinceSeq: number, name: string): Frame | undefined {
  const open = index.inFlight();
  for (let i = open.length - 1; i >= 0; i--) {
    const f = open[i]!;
    if (f.seq > sinceSeq && isCallOf(f, name)) return f;
  }
  const end = Math.min(index.lastSeq, sinceSeq + MAX_SCAN);
  for (let seq = sinceSeq + 1; seq <= end; seq++) {
    const f = index.get(seq)!;
    if (isCallOf(f, name)) return f;
  }
  return undefined;
}
