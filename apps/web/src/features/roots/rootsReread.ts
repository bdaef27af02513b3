import { messageId, messageMethod, type TimelineIndex } from "@mcpscope/timeline";

const MAX_SCAN = 50_000;

/** How far a session's scan got, so a call reads only the frames added since the last. */
interface Scan {
  sinceSeq: number;
  scannedTo: number;
  asked: Set<string>;
  found: boolean;
}
const scans = new WeakMap<TimelineIndex, Scan>();

/**
 * Whether the server read the roots again after `sinceSeq`: a `roots/list` request from the
 * server followed by mcpscope's response to it (what a server does on
 * `notifications/roots/list_changed`, MCP 2025-11-25 "Client Features → Roots").
 * Scans at most 50,000 frames after `sinceSeq`, each once over repeated calls (it runs in a
 * store selector, on every batch of frames).
 */
export function rootsReread(index: TimelineIndex, sinceSeq: number): boolean {
  let scan = scans.get(index);
  if (!scan || scan.sinceSeq !== sinceSeq) scans.set(index, (scan = { sinceSeq, scannedTo: Math.max(0, sinceSeq), asked: new Set(), found: false }));
  const end = Math.min(index.lastSeq, sinceSeq + MAX_SCAN);
  for (let seq = scan.scannedTo + 1; seq <= end && !scan.found; seq++) {
    const f = index.get(seq)!;
    scan.scannedTo = seq;
    const id = messageId(f);
    if (id === undefined) continue;
    const key = JSON.stringify(id);
    if (f.dir === "in" && f.kind === "request" && messageMethod(f) === "roots/list") scan.asked.add(key);
    else if (f.dir === "out" && f.kind === "response" && scan.asked.has(key)) scan.found = true;
  }
  return scan.found;
}
