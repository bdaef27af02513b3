import type { Frame } from "@mcpscope/protocol";
import { messageId, messageMethod } from "@mcpscope/timeline";
import type { Tool } from "../tools/toolTypes";

/**
 * The tools of the newest complete `tools/list` listing found in a session's frames (pages
 * followed by `cursor` are joined). For pages that cannot send requests (viewers): they see
 * the list the presenter's requests fetched. Empty when the session never listed its tools.
 */
export function toolsFromFrames(frames: Iterable<Frame>): Tool[] {
  const listRequests = new Map<string, boolean>(); // JSON-RPC id → was a first page (no cursor)
  let current: Tool[] = [];
  let newest: Tool[] = [];
  for (const frame of frames) {
    // Kind, direction, method and id first: `msg` is parsed only for tools/list frames.
    const rpcId = messageId(frame);
    if (rpcId === undefined || rpcId === null) continue;
    const id = JSON.stringify(rpcId);
    if (frame.dir === "out" && frame.kind === "request" && messageMethod(frame) === "tools/list") {
      listRequests.set(id, !(frame.msg?.params as { cursor?: string } | undefined)?.cursor);
    } else if (frame.dir === "in" && frame.kind === "response" && listRequests.has(id)) {
      const result = frame.msg?.result as { tools?: Tool[]; nextCursor?: string } | undefined;
      current = listRequests.get(id) ? [...(result?.tools ?? [])] : [...current, ...(result?.tools ?? [])];
      listRequests.delete(id);
      if (!result?.nextCursor) newest = current;
    }
  }
  return newest;
}
