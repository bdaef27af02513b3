import type { SessionInfo } from "@mcpscope/protocol";
import type { SidebarTab } from "../../stores/sidebarStore";
import { AppsPanel } from "../apps/AppsPanel";
import { PromptPanel } from "../prompts/PromptPanel";
import { ResourcePanel } from "../resources/ResourcePanel";
import { TaskPanel } from "../tasks/TaskPanel";

/**
 * The middle column of the active Resources, Prompts, Tasks or Apps tab (Tools keeps its own
 * ToolPanel). Only the active one is mounted, so its labels never collide with hidden
 * ones; what it read stays in react-query's cache.
 */
export function FeaturePanels({ session, active }: { session: SessionInfo; active: SidebarTab }) {
  if (active === "resources") return <ResourcePanel session={session} />;
  if (active === "prompts") return <PromptPanel session={session} />;
  if (active === "tasks") return <TaskPanel session={session} />;
  if (active === "apps") return <AppsPanel session={session} />;
  return null;
}
