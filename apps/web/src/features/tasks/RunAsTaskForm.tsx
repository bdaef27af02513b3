import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { useSidebarStore } from "../../stores/sidebarStore";
import { useToolSelectionStore } from "../../stores/toolSelectionStore";
import { SchemaForm, type FormValue } from "../schemaForm/LazySchemaForm";
import { mcpRequest } from "../sidebar/mcpRequest";
import { useTools } from "../tools/useTools";
import { taskSupport, type Task } from "./taskTypes";
import { ErrorAlert } from "../../components/ErrorAlert";

const DEFAULT_TTL_MS = 60_000;

/**
 * Region "Run as task": calls a tool whose `execution.taskSupport` is "optional" or
 * "required" as a task (`tools/call` with `params.task.ttl`, MCP 2025-11-25 "Utilities →
 * Tasks → Creating Tasks"); the created task is selected and the task list refreshed.
 */
export function RunAsTaskForm({ session }: { session: SessionInfo }) {
  const ready = session.status === "ready";
  const tools = useTools(session.id, ready);
  const candidates = (tools.data ?? []).filter((t) => taskSupport(t as { execution?: unknown }) !== "forbidden");
  const [toolName, setToolName] = useState<string>();
  // The tool picked in the Tools tab comes first, when it can run as a task.
  const picked = useToolSelectionStore((s) => s.selected[session.id]);
  const tool = candidates.find((t) => t.name === (toolName ?? picked)) ?? candidates[0];
  const [values, setValues] = useState<Record<string, FormValue | undefined>>({});
  const [ttl, setTtl] = useState(String(DEFAULT_TTL_MS));
  const update = useSidebarStore((s) => s.update);
  const queryClient = useQueryClient();

  const run = useMutation({
    mutationFn: async ({ name, args, ttlMs }: { name: string; args: FormValue; ttlMs: number }) => {
      const result = await mcpRequest<{ task?: Task }>(session.id, "tools/call", { name, arguments: args, task: { ttl: ttlMs } });
      if (!result.task?.taskId) throw new Error(`${name} answered without creating a task: the server ran it as a plain call.`);
      return { name, task: result.task };
    },
    onSuccess: ({ name, task }) => {
      update(session.id, (s) => ({ task: task.taskId, taskLabels: { ...s.taskLabels, [task.taskId]: name } }));
      queryClient.setQueryData(["task", session.id, task.taskId], task);
      void queryClient.invalidateQueries({ queryKey: ["tasks", session.id] });
    },
  });
  const error = run.isError ? describeError(run.error) : undefined;
  const ttlMs = Number(ttl);

  return (
    <section aria-label="Run as task" className="pane tool-panel run-as-task">
      <div className="pane-head">
        <h2 className="pane-title">Run a tool as a task</h2>
      </div>
      {tools.data && candidates.length === 0 && (
        <p className="muted small pad">No tool of this server supports tasks (its execution.taskSupport is "optional" or "required").</p>
      )}
      {tool && (
        <>
          <div className="field">
            <label htmlFor="task-tool">Tool</label>
            <select id="task-tool" value={tool.name} onChange={(e) => setToolName(e.target.value)}>
              {candidates.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} ({taskSupport(t as { execution?: unknown })})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="task-ttl">TTL (ms)</label>
            <input id="task-ttl" type="number" min={1} value={ttl} onChange={(e) => setTtl(e.target.value)} />
          </div>
          <SchemaForm
            key={tool.name}
            className="tool-form"
            schema={tool.inputSchema}
            value={values[tool.name]}
            onChange={(v) => setValues({ ...values, [tool.name]: v })}
            onSubmit={(args) => run.mutate({ name: tool.name, args, ttlMs })}
            idPrefix="task"
          >
            <ErrorAlert error={error} />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={!ready || run.isPending || !(ttlMs > 0)}>
                {run.isPending ? "Creating task…" : "Run as task"}
              </button>
            </div>
          </SchemaForm>
        </>
      )}
    </section>
  );
}
