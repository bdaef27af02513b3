import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { useSessionSidebar } from "../../stores/sidebarStore";
import { mcpRequest } from "../sidebar/mcpRequest";
import { pagedItems, usePagedList } from "../sidebar/usePagedList";
import { ToolResult } from "../tools/ToolResult";
import type { ToolRun } from "../tools/toolTypes";
import { RunAsTaskForm } from "./RunAsTaskForm";
import { TaskStatusBadge } from "./TaskStatusBadge";
import { ExtensionTaskDetail } from "./ExtensionTaskDetail";
import { isTerminal, taskCapabilities, usesTasksExtension, type Task } from "./taskTypes";
import { useTask } from "./useTask";
import "./tasks.css";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TaskFacts } from "./TaskFacts";

/**
 * The middle column of the Tasks tab: "Run as task", and region "Task details": the selected
 * task's state (polled while not terminal), "Get result" (`tasks/result`) and "Cancel"
 * (`tasks/cancel`).
 */
export function TaskPanel({ session }: { session: SessionInfo }) {
  const ready = session.status === "ready";
  const sidebar = useSessionSidebar(session.id);
  const tasks = usePagedList<Task>("tasks", session.id, "tasks/list", "tasks", ready && taskCapabilities(session.capabilities).list);
  const taskId = sidebar.task;
  const listed = taskId ? (pagedItems(tasks.data).find((t) => t.taskId === taskId) ?? { taskId, status: "working" }) : undefined;
  const extension = usesTasksExtension(session);

  return (
    <div className="middle">
      {extension ? (
        <section aria-label="Tasks extension" className="pane tool-panel">
          <div className="pane-head">
            <h2 className="pane-title">Tasks (io.modelcontextprotocol/tasks)</h2>
          </div>
          <p className="muted small pad">
            On 2026-07-28 the server decides which calls run as tasks: mcpscope declares the Tasks extension in every request’s capabilities, and a
            call answered with <code>resultType: "task"</code> is followed here with <code>tasks/get</code>; a task that needs input asks for it here
            and gets it with <code>tasks/update</code>.
          </p>
        </section>
      ) : (
        <RunAsTaskForm session={session} />
      )}
      {listed && extension ? (
        <ExtensionTaskDetail key={listed.taskId} session={session} listed={listed} label={sidebar.taskLabels[listed.taskId]} polling={ready} />
      ) : listed ? (
        <TaskDetail key={listed.taskId} session={session} listed={listed} label={sidebar.taskLabels[listed.taskId]} polling={ready} />
      ) : (
        <section aria-label="Task details" className="pane result-pane">
          <div className="pane-head">
            <h2 className="pane-title">Task</h2>
          </div>
          <p className="muted small pad">Select a task, or run a tool as a task, to follow its status and get its result.</p>
        </section>
      )}
    </div>
  );
}

function TaskDetail({ session, listed, label, polling }: { session: SessionInfo; listed: Task; label?: string; polling: boolean }) {
  const ready = session.status === "ready";
  const { task, error: pollError } = useTask(session.id, listed, polling);
  const queryClient = useQueryClient();
  const [run, setRun] = useState<ToolRun>();
  const result = useMutation({
    mutationFn: async () => {
      const started = performance.now();
      const answer = await restClient.sendRequest(session.id, { method: "tasks/result", params: { taskId: task.taskId } });
      return {
        toolName: label ?? `task ${task.taskId}`,
        elapsedMs: performance.now() - started,
        outcome: "error" in answer ? { error: answer.error } : { result: answer.result },
      } satisfies ToolRun;
    },
    onSuccess: setRun,
  });
  const cancel = useMutation({
    mutationFn: () => mcpRequest<Task>(session.id, "tasks/cancel", { taskId: task.taskId }),
    onSuccess: (cancelled) => {
      queryClient.setQueryData(["task", session.id, task.taskId], cancelled);
      void queryClient.invalidateQueries({ queryKey: ["tasks", session.id] });
    },
  });
  const errors = [pollError, result.error, cancel.error].filter(Boolean).map(describeError);
  const terminal = isTerminal(task.status);

  return (
    <section aria-label="Task details" className="pane result-pane">
      <div className="pane-head">
        <h2 className="pane-title">Task</h2>
        <TaskStatusBadge status={task.status} />
        {!terminal && polling && <span className="muted small">polling every second</span>}
      </div>
      <TaskFacts taskId={task.taskId} label={label} status={task.status} statusMessage={task.statusMessage} createdAt={task.createdAt} lastUpdatedAt={task.lastUpdatedAt} ttlMs={task.ttl} />
      {task.status === "input_required" && (
        <p className="task-note small">
          The server waits for input: “Get result” receives its request (sampling or elicitation), to be answered before the task goes on.
        </p>
      )}
      <div className="task-actions">
        <button type="button" className="primary" disabled={!ready || result.isPending} onClick={() => result.mutate()}>
          {result.isPending ? (terminal ? "Getting result…" : "Waiting for the result…") : "Get result"}
        </button>
        {!terminal && taskCapabilities(session.capabilities).cancel && (
          <button type="button" disabled={!ready || cancel.isPending} onClick={() => cancel.mutate()}>
            {cancel.isPending ? "Cancelling…" : "Cancel"}
          </button>
        )}
      </div>
      {errors.map((e, i) => (
        <ErrorAlert key={i} error={e} />
      ))}
      {run && <ToolResult run={run} />}
    </section>
  );
}
