import type { SessionInfo } from "@mcpscope/protocol";
import type { SidebarTab } from "../../stores/sidebarStore";
import { PromptPanel } from "../prompts/PromptPanel";
import { ResourcePanel } from "../resources/ResourcePanel";
import { TaskPanel } from "../tasks/TaskPanel";

/**
 * The middle column of the Resources, Prompts and Tasks tabs (Tools keeps its ToolPanel):
 * each offered one stays mounted while hidden, so switching tabs keeps forms and results.
 */
export function FeaturePanels({ session, tabs, active }: { session: SessionInfo; tabs: readonly SidebarTab[]; active: SidebarTab }) {
  return (
    <>
      {tabs.includes("resources") && (
        <div className="keep-alive" hidden={active !== "resources"}>
          <ResourcePanel session={session} />
        </div>
      )}
      {tabs.includes("prompts") && (
        <div className="keep-alive" hidden={active !== "prompts"}>
          <PromptPanel session={session} />
        </div>
      )}
      {tabs.includes("tasks") && (
        <div className="keep-alive" hidden={active !== "tasks"}>
          <TaskPanel session={session} visible={active === "tasks"} />
        </div>
      )}
    </>
  );
}
