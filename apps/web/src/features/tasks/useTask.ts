import { useQuery } from "@tanstack/react-query";
import { mcpRequest } from "../sidebar/mcpRequest";
import { isTerminal, type Task } from "./taskTypes";

/** How often a task that is not finished is polled, in milliseconds, when the server suggests nothing. */
export const TASK_POLL_MS = 1000;

/** Milliseconds between polls of a task: its `pollIntervalMs` (2026-07-28) or `pollInterval`, at least 100. */
export function pollEvery(task: Task): number {
  const suggested = task.pollIntervalMs ?? task.pollInterval;
  return typeof suggested === "number" && suggested > 0 ? Math.max(100, suggested) : TASK_POLL_MS;
}

/**
 * One task's current state by `tasks/get` (react-query `['task', sessionId, taskId]`),
 * polled every second while `polling` and the task is not terminal. `listed` is the state
 * `tasks/list` gave, shown until the first poll answers.
 */
export function useTask(sessionId: string, listed: Task, polling: boolean) {
  const query = useQuery({
    queryKey: ["task", sessionId, listed.taskId],
    queryFn: () => mcpRequest<Task>(sessionId, "tasks/get", { taskId: listed.taskId }),
    enabled: polling && !isTerminal(listed.status),
    // The server's suggested interval when it gives one (at least 100 ms), else a second.
    refetchInterval: (q) => (polling && !isTerminal(q.state.data?.status ?? listed.status) ? pollEvery(q.state.data ?? listed) : false),
    staleTime: 0,
    retry: false,
  });
  // A newer listing (after a status notification) wins over an older poll.
  const polled = query.data;
  const task = polled && (!listed.lastUpdatedAt || !polled.lastUpdatedAt || polled.lastUpdatedAt >= listed.lastUpdatedAt) ? { ...listed, ...polled } : listed;
  return { task, error: query.error };
}
