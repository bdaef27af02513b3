import { useCallback } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AnswerBody, InboxItem, SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AnswerSenderContext } from "../inbox/answerSender";
import { ElicitationRequest } from "../inbox/ElicitationRequest";
import { SamplingRequest } from "../inbox/SamplingRequest";
import { useReadOnly } from "../sharing/useReadOnly";
import { mcpRequest } from "../sidebar/mcpRequest";
import { ToolResult } from "../tools/ToolResult";
import { TaskStatusBadge } from "./TaskStatusBadge";
import { isTerminal, type Task } from "./taskTypes";
import { pollEvery, useTask } from "./useTask";
import "./tasks.css";
import { TaskFacts } from "./TaskFacts";

interface Props {
  session: SessionInfo;
  listed: Task;
  label?: string;
  polling: boolean;
}

/** A task's input request as an inbox-shaped item, so the inbox's answer views can show it. */
function asItem(sessionId: string, taskId: string, key: string, request: { method?: string; params?: Record<string, unknown> }): InboxItem {
  return { id: `${taskId}:${key}`, sessionId, requestId: key, method: request.method ?? "?", params: request.params ?? {}, receivedAt: Date.now(), inputRequest: { key } };
}

/**
 * Region "Task details" of a Tasks-extension task (MCP 2026-07-28 with io.modelcontextprotocol/tasks,
 * SEP-2663): its state by `tasks/get`, polled every `pollIntervalMs` until it ends; while it is
 * `input_required`, its input requests with the inbox's answer views, each answer sent with
 * `tasks/update`; the result or error inline once it ends; and Cancel (`tasks/cancel`).
 */
export function ExtensionTaskDetail({ session, listed, label, polling }: Props) {
  const ready = session.status === "ready";
  const readOnly = useReadOnly(session.id) !== undefined;
  const { task, error: pollError } = useTask(session.id, listed, polling);
  const queryClient = useQueryClient();
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: ["task", session.id, task.taskId] }), [queryClient, session.id, task.taskId]);
  const send = useCallback(
    async (item: InboxItem, body: AnswerBody) => {
      if ("error" in body) throw new Error("A task's input request is answered or declined, not refused with an error: decline it, or cancel the task.");
      await mcpRequest(session.id, "tasks/update", { taskId: task.taskId, inputResponses: { [item.inputRequest!.key]: body.result } });
      await refresh();
    },
    [session.id, task.taskId, refresh],
  );
  const cancel = useMutation({ mutationFn: () => mcpRequest(session.id, "tasks/cancel", { taskId: task.taskId }), onSuccess: refresh });
  const terminal = isTerminal(task.status);
  const inputs = task.status === "input_required" ? Object.entries(task.inputRequests ?? {}) : [];
  const errors = [pollError, cancel.error].filter(Boolean).map(describeError);

  return (
    <section aria-label="Task details" className="pane result-pane">
      <div className="pane-head">
        <h2 className="pane-title">Task</h2>
        <TaskStatusBadge status={task.status} />
        {!terminal && polling && <span className="muted small">polling tasks/get every {pollEvery(task)} ms</span>}
      </div>
      <TaskFacts taskId={task.taskId} label={label} status={task.status} statusMessage={task.statusMessage} lastUpdatedAt={task.lastUpdatedAt} ttlMs={task.ttlMs} />
      {inputs.length > 0 && (
        <AnswerSenderContext.Provider value={send}>
          <div className="task-inputs" role="group" aria-label="Task input requests">
            <p className="task-note small">The task waits for input: each answer goes to the server with tasks/update.</p>
            {inputs.map(([key, request], i) => {
              const item = asItem(session.id, task.taskId, key, request);
              return (
                <article key={key} className="inbox-item" aria-label={`Task input request ${i + 1}`}>
                  <header className="inbox-item-head">
                    <h3>
                      Input request <code>{key}</code>
                    </h3>
                    <code className="inbox-method">{item.method}</code>
                  </header>
                  {item.method === "sampling/createMessage" ? (
                    <SamplingRequest item={item} />
                  ) : item.method === "elicitation/create" ? (
                    <ElicitationRequest item={item} idPrefix={`task-input${i ? i + 1 : ""}`} />
                  ) : (
                    <pre className="json">{JSON.stringify(request, null, 2)}</pre>
                  )}
                </article>
              );
            })}
          </div>
        </AnswerSenderContext.Provider>
      )}
      <div className="task-actions">
        {!terminal && (
          <button type="button" disabled={!ready || readOnly || cancel.isPending} onClick={() => cancel.mutate()}>
            {cancel.isPending ? "Cancelling…" : "Cancel task"}
          </button>
        )}
      </div>
      {errors.map((e, i) => (
        <ErrorAlert key={i} error={e} />
      ))}
      {task.status === "completed" && task.result && (
        <ToolResult run={{ toolName: label ?? `task ${task.taskId}`, elapsedMs: Number.NaN, outcome: { result: task.result } }} sessionId={session.id} era={session.era} />
      )}
      {task.status === "failed" && task.error && (
        <ToolResult
          run={{ toolName: label ?? `task ${task.taskId}`, elapsedMs: Number.NaN, outcome: { error: { code: task.error.code ?? -32603, message: task.error.message ?? "", data: task.error.data } } }}
          era={session.era}
        />
      )}
    </section>
  );
}
