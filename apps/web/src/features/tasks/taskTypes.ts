/** A task's status (MCP 2025-11-25 "Utilities → Tasks", experimental). */
export type TaskStatus = "working" | "input_required" | "completed" | "failed" | "cancelled";

import { TASKS_EXTENSION } from "@mcpscope/protocol/types";

/**
 * A task as `tasks/list`, `tasks/get`, `tasks/cancel` and a task-augmented request return it
 * (MCP 2025-11-25), or as the Tasks extension's `tasks/get` and task handle do (SEP-2663,
 * on 2026-07-28: `ttlMs`, `pollIntervalMs`, and inline `inputRequests`, `result`, `error`).
 */
export interface Task {
  taskId: string;
  status: TaskStatus | (string & {});
  statusMessage?: string;
  /** ISO 8601 timestamps. */
  createdAt?: string;
  lastUpdatedAt?: string;
  /** Milliseconds the server keeps the task after creation; `null` for unlimited. */
  ttl?: number | null;
  /** Suggested milliseconds between `tasks/get` polls. */
  pollInterval?: number;
  /** 2026-07-28 (Tasks extension): the same two, renamed. */
  ttlMs?: number | null;
  pollIntervalMs?: number;
  /** Tasks extension, `input_required`: what the task asks for, by key (answered with `tasks/update`). */
  inputRequests?: Record<string, { method?: string; params?: Record<string, unknown> }>;
  /** Tasks extension, `completed`: the result the request would have returned. */
  result?: Record<string, unknown>;
  /** Tasks extension, `failed`: the JSON-RPC error. */
  error?: { code?: number; message?: string; data?: unknown };
}

/**
 * Whether a session follows tasks through the Tasks extension (`io.modelcontextprotocol/tasks`,
 * SEP-2663): a 2026-07-28 session whose server declares it in its `extensions`.
 */
export function usesTasksExtension(session: { era?: string; capabilities?: Record<string, unknown> }): boolean {
  const extensions = (session.capabilities?.extensions ?? {}) as Record<string, unknown>;
  return session.era === "modern" && extensions[TASKS_EXTENSION] !== undefined;
}

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** True for the statuses a task never leaves: `completed`, `failed`, `cancelled`. */
export function isTerminal(status: string | undefined): boolean {
  return status !== undefined && TERMINAL.has(status);
}

/**
 * How a tool may run as a task, from its `execution.taskSupport` (MCP 2025-11-25
 * "Tools → Tool-level negotiation"): "required", "optional", or "forbidden" (also when absent).
 */
export function taskSupport(tool: { execution?: unknown }): "required" | "optional" | "forbidden" {
  const value = (tool.execution as { taskSupport?: unknown } | undefined)?.taskSupport;
  return value === "required" || value === "optional" ? value : "forbidden";
}

/**
 * Which task requests a server declared (MCP 2025-11-25 "Utilities → Tasks →
 * Capabilities"): `tasks.list` for `tasks/list`, `tasks.cancel` for `tasks/cancel`.
 */
export function taskCapabilities(capabilities: Record<string, unknown> | undefined): { list: boolean; cancel: boolean } {
  const tasks = capabilities?.tasks as { list?: unknown; cancel?: unknown } | undefined;
  return { list: tasks?.list !== undefined, cancel: tasks?.cancel !== undefined };
}
