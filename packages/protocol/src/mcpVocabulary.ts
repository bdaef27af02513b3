// MCP wire vocabulary as plain values, without zod (the browser imports it through
// `@mcpscope/protocol/types`): the reserved `_meta` keys of 2026-07-28, result types, log
// levels, and the JSON-RPC error codes each era defines, with their names.

/**
 * Reserved `_meta` keys (MCP 2026-07-28 "Base Protocol → Statelessness"; SEP-414 for the
 * OpenTelemetry trace context keys; "Subscriptions" for `subscriptionId`).
 */
export const META_KEYS = {
  protocolVersion: "io.modelcontextprotocol/protocolVersion",
  clientInfo: "io.modelcontextprotocol/clientInfo",
  clientCapabilities: "io.modelcontextprotocol/clientCapabilities",
  logLevel: "io.modelcontextprotocol/logLevel",
  serverInfo: "io.modelcontextprotocol/serverInfo",
  subscriptionId: "io.modelcontextprotocol/subscriptionId",
  traceparent: "traceparent",
  tracestate: "tracestate",
  baggage: "baggage",
} as const;

/** The extension identifier of MCP Tasks on 2026-07-28 (SEP-2663). */
export const TASKS_EXTENSION = "io.modelcontextprotocol/tasks";

/** Log levels, least to most severe (MCP "Server Features → Logging"; RFC 5424 severities). */
export const LOG_LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * What a result's `resultType` says (MCP 2026-07-28 "Base Protocol": every result carries
 * one; absent means `complete`): `complete`, `input_required` (a multi round-trip interim
 * answer, "Multi Round-Trip Requests") and `task` (a task handle, SEP-2663).
 */
export function resultTypeName(resultType: unknown): string | undefined {
  if (resultType === undefined) return undefined;
  if (resultType === "complete") return "complete";
  if (resultType === "input_required") return "input required (multi round-trip: the server asks the client something first)";
  if (resultType === "task") return "task (io.modelcontextprotocol/tasks: poll it with tasks/get)";
  return `unknown result type ${JSON.stringify(resultType)}`;
}

/** A JSON-RPC error code's name, and where it is defined. */
export interface ErrorCodeName {
  name: string;
  /** `json-rpc` (JSON-RPC 2.0 §5.1), `mcp` (the MCP revision), `implementation` (an SDK or mcpscope convention). */
  source: "json-rpc" | "mcp" | "implementation";
  /** What else to know, e.g. that a revision renumbered or retired the code. */
  note?: string;
}

const JSON_RPC: Record<number, string> = {
  [-32700]: "Parse error",
  [-32600]: "Invalid request",
  [-32601]: "Method not found",
  [-32602]: "Invalid params",
  [-32603]: "Internal error",
};

/**
 * The name of a JSON-RPC error code in a session's era: JSON-RPC 2.0's own codes; on the
 * handshake era (`legacy`) MCP's -32002 (resource not found) and -32042 (URL elicitation
 * required, 2025-11-25); on 2026-07-28 (`modern`) the renumbered -32020 HeaderMismatch,
 * -32021 MissingRequiredClientCapability and -32022 UnsupportedProtocolVersion (MCP
 * 2026-07-28 "Base Protocol → Error Codes", changelog: -32001 → -32020, -32003 → -32021,
 * -32004 → -32022), where -32002 and -32042 are retired. The SDK's and mcpscope's own local
 * codes (-32000 connection closed, -32001 request timeout, -32800 request cancelled) are named
 * as such. `undefined` for a code neither defines.
 */
export function errorCodeName(code: number, era: "modern" | "legacy" | undefined): ErrorCodeName | undefined {
  const rpc = JSON_RPC[code];
  if (rpc) return { name: rpc, source: "json-rpc" };
  const modern = era === "modern";
  switch (code) {
    case -32020:
      return { name: "HeaderMismatch", source: "mcp", note: modern ? "an Mcp-* HTTP header disagrees with the request body" : "defined by 2026-07-28" };
    case -32021:
      return { name: "MissingRequiredClientCapability", source: "mcp", note: modern ? "data.requiredCapabilities names what the client must declare" : "defined by 2026-07-28" };
    case -32022:
      return { name: "UnsupportedProtocolVersion", source: "mcp", note: modern ? "data.supported lists the revisions the server speaks" : "defined by 2026-07-28; a handshake-era server refusing a version" };
    case -32002:
      return modern
        ? { name: "Resource not found (retired)", source: "mcp", note: "2025-11-25 and earlier; 2026-07-28 answers -32602 instead" }
        : { name: "Resource not found", source: "mcp" };
    case -32042:
      return modern
        ? { name: "URL elicitation required (retired)", source: "mcp", note: "2025-11-25 only; 2026-07-28 asks through input_required" }
        : { name: "URL elicitation required", source: "mcp" };
    case -32000:
      return { name: "Connection closed", source: "implementation", note: "the SDK's code for a connection that closed under the request" };
    case -32001:
      return {
        name: "Request timeout",
        source: "implementation",
        note: modern ? "mcpscope's and the SDK's timeout code; drafts of 2026-07-28 used -32001 for HeaderMismatch (now -32020)" : "mcpscope's and the SDK's timeout code",
      };
    case -32003:
      return modern ? { name: "MissingRequiredClientCapability (draft number)", source: "mcp", note: "renumbered to -32021 in 2026-07-28" } : undefined;
    case -32004:
      return modern ? { name: "UnsupportedProtocolVersion (draft number)", source: "mcp", note: "renumbered to -32022 in 2026-07-28" } : undefined;
    case -32800:
      return { name: "Request cancelled", source: "implementation", note: "mcpscope answers a cancelled request with it" };
    default:
      return undefined;
  }
}
