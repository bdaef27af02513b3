import type { FrameKind, JsonRpcMessage } from "@mcpscope/protocol/types";
import { parseWireMessage } from "../sessions/transports/parseWireMessage.js";

/** One stdio line, classified: a JSON-RPC message with its kind, or `invalid` and why. */
export type ClassifiedLine = { kind: Exclude<FrameKind, "invalid" | "stderr" | "lifecycle" | "http">; msg: JsonRpcMessage } | { kind: "invalid"; reason: string };

/**
 * Classifies one line of the stdio wire (MCP 2025-11-25 "Transports → stdio": one JSON-RPC
 * message per line) as mcpscope's own stdio transport does: a trailing `\r` is tolerated,
 * and a line that is not a JSON-RPC message is `invalid` with a reason a person can read.
 * Used for lines a tap saw (the shim's uploads, and its local recording).
 */
export function classifyLine(text: string): ClassifiedLine {
  const parsed = parseWireMessage(text.endsWith("\r") ? text.slice(0, -1) : text);
  if (parsed.ok) return { kind: parsed.kind, msg: parsed.msg };
  return { kind: "invalid", reason: text.includes("\uFFFD") ? `${parsed.reason} (contains invalid UTF-8)` : parsed.reason };
}
