import { randomBytes } from "node:crypto";
import type { JSONRPCMessage } from "@modelcontextprotocol/client";
import type { JsonRpcError, JsonRpcId } from "@mcpscope/protocol";

/** `_meta` key tying a `tasks/result` answer to its task (MCP 2025-11-25 "Tasks → Related task metadata"). */
export const RELATED_TASK_META_KEY = "io.modelcontextprotocol/related-task";
/** Suggested milliseconds between a server's `tasks/get` polls. */
const POLL_INTERVAL_MS = 1000;
const PAGE_SIZE = 10;

type TaskStatus = "working" | "completed" | "failed" | "cancelled";

interface Task {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  ttl: number | null;
  createdAt: string;
  lastUpdatedAt: string;
  pollInterval: number;
}

interface StoredTask {
  task: Task;
  outcome?: { result: Record<string, unknown> } | { error: JsonRpcError };
  done: Promise<void>;
  finish: () => void;
  controller: AbortController;
  cleanup?: NodeJS.Timeout;
}

/** An inbound request as the transport delivered it. */
interface ServerRequest {
  id: JsonRpcId;
  method: string;
  params?: Record<string, unknown>;
}

/** Answers a sampling or elicitation request: the inbox or a canned answer. */
export type Answer = (method: string, requestId: JsonRpcId, params: Record<string, unknown>, signal: AbortSignal) => Promise<Record<string, unknown>>;

const notFound = (taskId: unknown): JsonRpcError => ({ code: -32602, message: `Failed to retrieve task: Task not found (${JSON.stringify(taskId)})` });

/**
 * Client-side tasks (MCP 2025-11-25 "Utilities → Tasks", experimental): a server may ask
 * mcpscope to run its sampling or elicitation request as a task (`params.task`). mcpscope
 * answers at once with the created task, puts the request in the inbox (or answers it from
 * the canned answers), and serves the server's `tasks/get`, `tasks/result` (blocking until
 * the task ends, then exactly what the request itself would have returned), `tasks/list` and
 * `tasks/cancel`. The SDK v2 client dropped this side of tasks, so these requests are taken
 * off the transport before the SDK sees them and answered here, on the same transport.
 */
export class ClientTasks {
  private readonly tasks = new Map<string, StoredTask>();

  constructor(
    private readonly reply: (message: JSONRPCMessage) => Promise<void>,
    private readonly answer: Answer,
  ) {}

  /** Handles `request` when it belongs to the tasks protocol; `false` leaves it to the SDK. */
  handle(request: ServerRequest): boolean {
    const params = request.params ?? {};
    switch (request.method) {
      case "sampling/createMessage":
      case "elicitation/create":
        if (typeof params.task !== "object" || params.task === null) return false;
        this.create(request, params);
        return true;
      case "tasks/get":
        this.respond(request.id, this.view(params.taskId));
        return true;
      case "tasks/result":
        void this.result(request.id, params.taskId);
        return true;
      case "tasks/list":
        this.respond(request.id, this.list(params.cursor));
        return true;
      case "tasks/cancel":
        this.respond(request.id, this.cancelTask(params.taskId));
        return true;
      default:
        return false;
    }
  }

  /** Cancels every running task and forgets them all (the session closed). */
  clear(): void {
    for (const stored of this.tasks.values()) {
      clearTimeout(stored.cleanup);
      stored.controller.abort("session closed");
      stored.finish();
    }
    this.tasks.clear();
  }

  private create(request: ServerRequest, params: Record<string, unknown>): void {
    const ttl = typeof (params.task as { ttl?: unknown }).ttl === "number" ? ((params.task as { ttl: number }).ttl) : null;
    const now = new Date().toISOString();
    const task: Task = { taskId: randomBytes(16).toString("hex"), status: "working", ttl, createdAt: now, lastUpdatedAt: now, pollInterval: POLL_INTERVAL_MS };
    let finish!: () => void;
    const stored: StoredTask = { task, done: new Promise<void>((resolve) => (finish = resolve)), finish, controller: new AbortController() };
    this.tasks.set(task.taskId, stored);
    this.expireAfterTtl(stored);
    this.respond(request.id, { result: { task: { ...task } } });
    this.answer(request.method, request.id, params, stored.controller.signal).then(
      (result) => this.settle(stored, "completed", { result }),
      (err: Error & { code?: unknown; data?: unknown }) =>
        this.settle(stored, "failed", { error: { code: typeof err.code === "number" ? err.code : -32603, message: err.message, ...(err.data === undefined ? {} : { data: err.data }) } }),
    );
  }

  private settle(stored: StoredTask, status: TaskStatus, outcome: NonNullable<StoredTask["outcome"]>): void {
    if (stored.task.status !== "working") return;
    stored.task.status = status;
    stored.task.lastUpdatedAt = new Date().toISOString();
    if ("error" in outcome) stored.task.statusMessage = outcome.error.message;
    stored.outcome = outcome;
    stored.finish();
    this.expireAfterTtl(stored);
  }

  private expireAfterTtl(stored: StoredTask): void {
    clearTimeout(stored.cleanup);
    if (stored.task.ttl === null) return;
    stored.cleanup = setTimeout(() => this.tasks.delete(stored.task.taskId), stored.task.ttl);
    stored.cleanup.unref();
  }

  private view(taskId: unknown): { result: Record<string, unknown> } | { error: JsonRpcError } {
    const stored = this.tasks.get(String(taskId));
    return stored ? { result: { ...stored.task } } : { error: notFound(taskId) };
  }

  private async result(id: JsonRpcId, taskId: unknown): Promise<void> {
    const stored = this.tasks.get(String(taskId));
    if (!stored) return this.respond(id, { error: notFound(taskId) });
    await stored.done;
    const outcome = stored.outcome ?? { error: { code: -32603, message: `Task ${stored.task.taskId} was ${stored.task.status}` } };
    if ("error" in outcome) return this.respond(id, outcome);
    const meta = { ...(outcome.result._meta as Record<string, unknown> | undefined), [RELATED_TASK_META_KEY]: { taskId: stored.task.taskId } };
    this.respond(id, { result: { ...outcome.result, _meta: meta } });
  }

  private list(cursor: unknown): { result: Record<string, unknown> } | { error: JsonRpcError } {
    const ids = [...this.tasks.keys()];
    const start = cursor === undefined ? 0 : typeof cursor === "string" ? ids.indexOf(cursor) + 1 : 0;
    if (cursor !== undefined && start === 0) return { error: { code: -32602, message: `Invalid cursor: ${JSON.stringify(cursor)}` } };
    const page = ids.slice(start, start + PAGE_SIZE);
    const next = start + PAGE_SIZE < ids.length ? page.at(-1) : undefined;
    return { result: { tasks: page.map((taskId) => ({ ...this.tasks.get(taskId)!.task })), ...(next ? { nextCursor: next } : {}) } };
  }

  private cancelTask(taskId: unknown): { result: Record<string, unknown> } | { error: JsonRpcError } {
    const stored = this.tasks.get(String(taskId));
    if (!stored) return { error: notFound(taskId) };
    if (stored.task.status !== "working") return { error: { code: -32602, message: `Cannot cancel task in terminal status: ${stored.task.status}` } };
    stored.controller.abort("Cancelled by the server (tasks/cancel)");
    this.settle(stored, "cancelled", { error: { code: -32800, message: "Task cancelled" } });
    stored.task.statusMessage = "The server cancelled the task.";
    return { result: { ...stored.task } };
  }

  private respond(id: JsonRpcId, body: { result: Record<string, unknown> } | { error: JsonRpcError }): void {
    void this.reply({ jsonrpc: "2.0", id, ...body }).catch(() => undefined);
  }
}
