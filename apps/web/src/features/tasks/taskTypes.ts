/** A task's status (MCP 2025-11-25 "Utilities → Tasks", experimental). */
export type TaskStatus = "working" | "input_required" | "completed" | "failed" | "cancelled";

/** A task as `tasks/list`, `tasks/get`, `tasks/cancel` and a task-augmented request return it. */
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
