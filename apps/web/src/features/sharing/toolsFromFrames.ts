import type { Frame } from "@mcpscope/protocol";
import type { Tool } from "../tools/toolTypes";

/**
 * The tools of the newest complete `tools/list` listing found in a session's frames (pages
 * followed by `cursor` are joined). For pages that cannot send requests (viewers): they see
 * the list the presenter's requests fetched. Empty when the session never listed its tools.
 */
export function toolsFromFrames(frames: readonly Frame[]): Tool[] {
  const listRequests = new Map<string, boolean>(); // JSON-RPC id → was a first page (no cursor)
  let current: Tool[] = [];
  let newest: Tool[] = [];
  for (const frame of frames) {
    const msg = frame.msg;
    if (!msg || msg.id === undefined || msg.id === null) continue;
    const id = JSON.stringify(msg.id);
    if (frame.dir === "out" && frame.kind === "request" && msg.method === "tools/list") {
      listRequests.set(id, !(msg.params as { cursor?: string } | undefined)?.cursor);
    } else if (frame.dir === "in" && frame.kind === "response" && listRequests.has(id)) {
      const result = msg.result as { tools?: Tool[]; nextCursor?: string } | undefined;
      current = listRequests.get(id) ? [...(result?.tools ?? [])] : [...current, ...(result?.tools ?? [])];
      listRequests.delete(id);
      if (!result?.nextCursor) newest = current;
    }
  }
  return newest;
}
