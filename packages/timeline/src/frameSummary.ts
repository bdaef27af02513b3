import type { Frame } from "@mcpscope/protocol";
import type { TimelineIndex } from "./timelineIndex.js";
import { messageId, messageMethod } from "./storedFrame.js";

/** A one-line description of a frame for list views. */
export interface FrameSummary {
  /** JSON-RPC method (a response's is its request's), or a label for non-JSON-RPC frames. */
  label: string;
  /** JSON-RPC id as text, when the frame has one. */
  id?: string;
  /** Milliseconds from request to response, on response and error frames. */
  latencyMs?: number;
}

/** Summarizes a frame using the index for request/response pairing. */
export function summarizeFrame(frame: Frame, index: TimelineIndex): FrameSummary {
  const rpcId = messageId(frame);
  const id = rpcId === undefined ? undefined : String(rpcId);
  switch (frame.kind) {
    case "request":
    case "notification":
      return { label: messageMethod(frame) ?? "?", id };
    case "response":
    case "error": {
      return {
        label: index.methodOf(frame) ?? "(unmatched response)",
        id,
        latencyMs: index.latencyOf(frame),
      };
    }
    case "invalid":
      return { label: frame.reason ?? "invalid frame" };
    case "stderr":
      return { label: "stderr" };
    case "lifecycle":
      return { label: (frame.meta?.event as string | undefined) ?? "lifecycle" };
    case "http":
      return { label: `${(frame.meta?.method as string | undefined) ?? "HTTP"} ${(frame.meta?.status as number | undefined) ?? ""}`.trim() };
  }
}
