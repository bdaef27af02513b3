import { useQuery } from "@tanstack/react-query";
import { mcpRequest } from "../sidebar/mcpRequest";
import { isTerminal, type Task } from "./taskTypes";

/** How often a task that is not finished is polled, in milliseconds. */
export const TASK_POLL_MS = 1000;

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
    refetchInterval: (q) => (polling && !isTerminal(q.state.data?.status ?? listed.status) ? TASK_POLL_MS : false),
    staleTime: 0,
    retry: false,
  });
  // A newer listing (after a status notification) wins over an older poll.
  const polled = query.data;
  const task = polled && (!listed.lastUpdatedAt || !polled.lastUpdatedAt || polled.lastUpdatedAt >= listed.lastUpdatedAt) ? { ...listed, ...polled } : listed;
  return { task, error: query.error };
}
