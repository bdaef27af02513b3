import type { Frame } from "@mcpscope/protocol";
import { messageId, messageMethod } from "@mcpscope/timeline";

const MAX_SCAN = 50_000;

/**
 * Whether the server read the roots again after `sinceSeq`: a `roots/list` request from the
 * server followed by mcpscope's response to it (what a server does on
 * `notifications/roots/list_changed`, MCP 2025-11-25 "Client Features → Roots").
 * `frames[seq - 1]` is the frame with that seq, as in a TimelineIndex. Scans at most 50,000 frames.
 */
export function rootsReread(frames: readonly Frame[], sinceSeq: number): boolean {
  const asked = new Set<string>();
  const end = Math.min(frames.length, sinceSeq + MAX_SCAN);
  for (let i = Math.max(0, sinceSeq); i < end; i++) {
    const f = frames[i]!;
    const id = messageId(f);
    if (id === undefined || id === null) continue;
    const key = JSON.stringify(id);
    if (f.dir === "in" && f.kind === "request" && messageMethod(f) === "roots/list") asked.add(key);
    else if (f.dir === "out" && f.kind === "response" && asked.has(key)) return true;
  }
  return false;
}
