import { useEffect } from "react";
import { useSidebarStore } from "../../stores/sidebarStore";
import { TaskStatusBadge } from "./TaskStatusBadge";

interface Props {
  sessionId?: string;
  toolName: string;
  /** A `CreateTaskResult` (`resultType: "task"`, SEP-2663). */
  result: Record<string, unknown>;
}

/**
 * A tool call the server answered with a task handle (the Tasks extension on 2026-07-28,
 * SEP-2663) instead of its result: the task, its status and polling interval, and "Follow in
 * Tasks", which opens the Tasks tab on it (the task is listed there under the tool's name).
 */
export function TaskHandle({ sessionId, toolName, result }: Props) {
  const update = useSidebarStore((s) => s.update);
  const taskId = String(result.taskId);
  useEffect(() => {
    if (sessionId) update(sessionId, (s) => (s.taskLabels[taskId] ? {} : { taskLabels: { ...s.taskLabels, [taskId]: toolName } }));
  }, [sessionId, taskId, toolName, update]);
  return (
    <div className="task-handle">
      <p className="result-kind">
        <strong>A task</strong> (<code>resultType: "task"</code>, io.modelcontextprotocol/tasks): the server runs the call in the background; its result
        comes from polling <code>tasks/get</code>.
      </p>
      <dl className="task-facts">
        <dt>Task ID</dt>
        <dd>
          <code>{taskId}</code>
        </dd>
        <dt>Status</dt>
        <dd>
          <TaskStatusBadge status={String(result.status)} />
          {typeof result.statusMessage === "string" && <span className="muted"> {result.statusMessage}</span>}
        </dd>
        {typeof result.pollIntervalMs === "number" && (
          <>
            <dt>Poll every</dt>
            <dd>{result.pollIntervalMs} ms</dd>
          </>
        )}
      </dl>
      {sessionId && (
        <button type="button" className="small" onClick={() => update(sessionId, () => ({ tab: "tasks", task: taskId }))}>
          Follow in Tasks
        </button>
      )}
    </div>
  );
}
