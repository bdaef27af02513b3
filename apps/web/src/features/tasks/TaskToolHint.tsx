import type { SessionInfo } from "@mcpscope/protocol";
import { useSidebarStore } from "../../stores/sidebarStore";
import { useToolSelectionStore } from "../../stores/toolSelectionStore";
import { useTools } from "../tools/useTools";
import { taskSupport } from "./taskTypes";
import "./tasks.css";

/**
 * Under the Tools tab: when the selected tool can run as a task (`execution.taskSupport`
 * "optional" or "required"), says so and offers "Run as task…", which opens the Tasks tab
 * with the tool picked. A "required" tool fails as a plain call.
 */
export function TaskToolHint({ session }: { session: SessionInfo }) {
  const ready = session.status === "ready";
  const hasTasks = session.capabilities?.tasks !== undefined;
  const tools = useTools(session.id, ready && hasTasks);
  const selected = useToolSelectionStore((s) => s.selected[session.id]);
  const update = useSidebarStore((s) => s.update);
  const tool = tools.data?.find((t) => t.name === selected);
  const support = tool ? taskSupport(tool as { execution?: unknown }) : "forbidden";
  if (!ready || !hasTasks || !tool || support === "forbidden") return null;
  return (
    <div role="note" className="task-tool-hint">
      <span>
        <code>{tool.name}</code> {support === "required" ? "runs only as a task." : "can run as a task."}
      </span>
      <button type="button" className="small" onClick={() => update(session.id, () => ({ tab: "tasks" }))}>
        Run as task…
      </button>
    </div>
  );
}
