import { messageId, messageMethod, type TimelineIndex } from "@mcpscope/timeline";

const MAX_SCAN = 50_000;

/**
 * Whether the server read the roots again after `sinceSeq`: a `roots/list` request from the
 * server followed by mcpscope's response to it (what a server does on
 * `notifications/roots/list_changed`, MCP 2025-11-25 "Client Features → Roots").
 * Scans at most 50,000 frames.
 */
export function rootsReread(index: TimelineIndex, sinceSeq: number): boolean {
  const asked = new Set<string>();
  const end = Math.min(index.lastSeq, sinceSeq + MAX_SCAN);
  for (let seq = Math.max(1, sinceSeq + 1); seq <= end; seq++) {
    const f = index.get(seq)!;
    const id = messageId(f);
    if (id === undefined || id === null) continue;
    const key = JSON.stringify(id);
    if (f.dir === "in" && f.kind === "request" && messageMethod(f) === "roots/list") asked.add(key);
    else if (f.dir === "out" && f.kind === "response" && asked.has(key)) return true;
  }
  return false;
}
