import type { CallToolResult } from "../tools/toolTypes";

/** How a tool call an app renders ended: its result, or the JSON-RPC error it failed with. */
export type AppToolOutcome = { result: CallToolResult } | { error: { code: number; message: string; data?: unknown } };
