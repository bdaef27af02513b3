/** A tool as `tools/list` returns it (MCP 2025-11-25 "Server Features → Tools"). */
export interface Tool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: { title?: string; readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };
  /** Icons (2025-11-25 "Icons"): `src` is a URI (https or data:), `sizes` like "48x48". */
  icons?: Array<{ src: string; mimeType?: string; sizes?: string[]; theme?: "light" | "dark" }>;
  /** Metadata, e.g. `_meta.ui.resourceUri`: the MCP App that renders the tool's results (MCP Apps SEP-1865). */
  _meta?: Record<string, unknown>;
}

/** One content block of a tool result (text, image, audio, resource_link, resource). */
export type ContentBlock =
  | { type: "text"; text: string }
  | { type: "image"; data: string; mimeType: string }
  | { type: "audio"; data: string; mimeType: string }
  | { type: "resource_link"; uri: string; name?: string; title?: string; description?: string; mimeType?: string; size?: number }
  | { type: "resource"; resource: { uri: string; mimeType?: string; text?: string; blob?: string } }
  | { type: string; [key: string]: unknown };

/** The result of `tools/call`. */
export interface CallToolResult {
  content?: ContentBlock[];
  structuredContent?: unknown;
  isError?: boolean;
  [key: string]: unknown;
}

/** What one tool run produced: the server's result or its JSON-RPC error, and the round trip. */
export interface ToolRun {
  toolName: string;
  /** The arguments it was called with. */
  args?: Record<string, unknown>;
  outcome: { result: CallToolResult } | { error: { code: number; message: string; data?: unknown } };
  /** Round trip through mcpscope, in milliseconds. */
  elapsedMs: number;
}
