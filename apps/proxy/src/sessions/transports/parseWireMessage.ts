import { classifyMessage, type FrameKind, type JsonRpcMessage } from "@mcpscope/protocol/types";

/** A wire line, parsed: a JSON-RPC message with its kind, or the reason it is not one. */
export type ParsedLine =
  | { ok: true; kind: Exclude<FrameKind, "invalid" | "stderr" | "lifecycle" | "http">; msg: JsonRpcMessage }
  | { ok: false; reason: string };

function isValidId(id: unknown): boolean {
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id));
}

/**
 * Parses one line of a server's stdout as a JSON-RPC 2.0 message (JSON-RPC 2.0 §4–§5;
 * MCP 2025-11-25 "Base Protocol"). A structural check, not the SDK's zod parse, so a flood
 * stays cheap; anything that fails is reported with a reason a person can read.
 */
export function parseWireMessage(line: string): ParsedLine {
  if (line.trim() === "") return { ok: false, reason: "empty line" };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
  if (Array.isArray(value)) {
    return {
      ok: false,
      reason: "JSON-RPC batch: batches were removed in MCP 2025-06-18; not delivered to the client",
    };
  }
  if (typeof value !== "object" || value === null) {
    return { ok: false, reason: `JSON ${value === null ? "null" : typeof value}, not a JSON-RPC message object` };
  }
  const msg = value as Record<string, unknown>;
  if (msg.jsonrpc !== "2.0") return { ok: false, reason: 'missing "jsonrpc": "2.0"' };
  const kind = classifyMessage(msg);
  if (!kind) return { ok: false, reason: "neither a request, a response nor a notification" };
  // Every member a kind does not require is still checked, so a recorded `msg` always
  // matches FrameSchema (recordings are validated against it when read back). Only an error
  // may carry a null id: the server could not read the request's (JSON-RPC 2.0 §5); a
  // notification with `"id": null` is invalid.
  const nullIdError = kind === "error" && msg.id === null;
  if ((kind !== "notification" || msg.id !== undefined) && !isValidId(msg.id) && !nullIdError) {
    return { ok: false, reason: "id must be a string or a number" };
  }
  if (msg.method !== undefined && typeof msg.method !== "string") return { ok: false, reason: "method must be a string" };
  if (msg.error !== undefined) {
    const error = msg.error;
    if (typeof error !== "object" || error === null || typeof (error as Record<string, unknown>).code !== "number" || typeof (error as Record<string, unknown>).message !== "string") {
      return { ok: false, reason: "error must have a numeric code and a string message" };
    }
  }
  if ((kind === "request" || kind === "notification") && msg.params !== undefined) {
    if (typeof msg.params !== "object" || msg.params === null) {
      return { ok: false, reason: "params must be an object" };
    }
  }
  return { ok: true, kind, msg: msg as JsonRpcMessage };
}
