import type { SessionInfo } from "@mcpscope/protocol";
import { useSessionSidebar, useSidebarStore } from "../../stores/sidebarStore";
import { LoadMore } from "../sidebar/LoadMore";
import { PaneStatus } from "../sidebar/PaneStatus";
import { pagedItems, usePagedList } from "../sidebar/usePagedList";
import { TaskStatusBadge } from "./TaskStatusBadge";
import { taskCapabilities, usesTasksExtension, type Task } from "./taskTypes";
import { useTask } from "./useTask";
import "./tasks.css";

/**
 * Region "Tasks" (MCP 2025-11-25 "Utilities → Tasks", experimental): the server's
 * `tasks/list` with each task's status; tasks not finished are polled with `tasks/get`
 * (every `pollInterval`, else every second) while the tab is shown (react-query also pauses
 * while the page is hidden). On 2026-07-28 (the Tasks extension, SEP-2663, which has no
 * `tasks/list`): the tasks the session's calls were answered with.
 */
export function TasksPane({ session }: { session: SessionInfo }) {
  const ready = session.status === "ready";
  const canList = taskCapabilities(session.capabilities).list;
  const tasks = usePagedList<Task>("tasks", session.id, "tasks/list", "tasks", ready && canList);
  const started = useSessionSidebar(session.id).taskLabels;
  // Without tasks/list, the tasks started from this page are all there is to show.
  const items = canList ? pagedItems(tasks.data) : Object.keys(started).map((taskId): Task => ({ taskId, status: "working" }));

  return (
    <section aria-label="Tasks" className="pane feature-pane">
      <div className="pane-head">
        <h2 className="pane-title">Tasks</h2>
        {(tasks.data || !canList) && <span className="count">{items.length}</span>}
        {ready && canList && (
          <button type="button" className="ghost small" onClick={() => void tasks.refetch()} disabled={tasks.isFetching}>
            {tasks.isFetching ? "Loading…" : "Refresh"}
          </button>
        )}
      </div>
      {canList ? (
        <PaneStatus session={session} what="tasks" query={tasks} />
      ) : usesTasksExtension(session) ? (
        <p className="muted small pad">
          The Tasks extension (io.modelcontextprotocol/tasks) has no tasks/list: these are the tasks this session’s calls were answered with.
        </p>
      ) : (
        <p className="muted small pad">The server does not declare tasks.list: these are the tasks started from this page.</p>
      )}
      {(tasks.data || !canList) && items.length === 0 && (
        <p className="muted small pad">
          {usesTasksExtension(session) ? "No tasks yet. A tool call the server answers with a task shows up here." : "No tasks yet. Run a tool as a task to start one."}
        </p>
      )}
      <ul className="item-list" aria-label="Task list">
        {items.map((t) => (
          <TaskItem key={t.taskId} sessionId={session.id} listed={t} polling={ready} />
        ))}
      </ul>
      <LoadMore count={items.length} what="tasks" query={tasks} />
    </section>
  );
}

function TaskItem({ sessionId, listed, polling }: { sessionId: string; listed: Task; polling: boolean }) {
  const { task } = useTask(sessionId, listed, polling);
  const sidebar = useSessionSidebar(sessionId);
  const update = useSidebarStore((s) => s.update);
  const selected = sidebar.task === task.taskId;
  const label = sidebar.taskLabels[task.taskId];
  return (
    <li className={selected ? "selected" : undefined}>
      <button
        type="button"
        className="item-name"
        aria-current={selected ? "true" : undefined}
        aria-label={`Task ${task.taskId}${label ? ` (${label})` : ""}`}
        onClick={() => update(sessionId, () => ({ task: task.taskId }))}
      >
        {label ?? task.taskId}
      </button>
      <TaskStatusBadge status={task.status} />
      <span className="item-detail">
        {label ? `${task.taskId} · ` : ""}
        {task.statusMessage ?? ""}
      </span>
    </li>
  );
}
