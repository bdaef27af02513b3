import type { Frame } from "@mcpscope/protocol";
import type { TimelineIndex } from "@mcpscope/timeline";

/** What a server's successful answer to a resource request means for the sidebar. */
export type ResourceAnswer = { type: "subscribed" | "unsubscribed" | "read"; uri: string };

const ANSWERS: Record<string, ResourceAnswer["type"]> = {
  "resources/subscribe": "subscribed",
  "resources/unsubscribe": "unsubscribed",
  "resources/read": "read",
};

/**
 * Reads a server's successful response to a client's `resources/subscribe`,
 * `resources/unsubscribe` or `resources/read` (MCP 2025-11-25 "Resources"), found through
 * the index's request pairing in O(1). Whoever sent the request (this page, the composer,
 * a script over REST), the wire says what is subscribed and what was read.
 */
export function readResourceAnswer(index: TimelineIndex, frame: Frame): ResourceAnswer | undefined {
  if (frame.dir !== "in" || frame.kind !== "response") return undefined;
  const requestSeq = index.requestSeqOf(frame);
  const request = requestSeq === undefined ? undefined : index.get(requestSeq);
  const type = request?.method === undefined ? undefined : ANSWERS[request.method];
  if (!type) return undefined;
  const uri = (request?.msg?.params as { uri?: unknown } | undefined)?.uri;
  return typeof uri === "string" ? { type, uri } : undefined;
}
