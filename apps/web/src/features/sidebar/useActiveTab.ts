import type { SessionInfo } from "@mcpscope/protocol";
import { useSessionSidebar, type SidebarTab } from "../../stores/sidebarStore";
import { activeTab, availableTabs } from "./availableTabs";

/** The tabs a session's server calls for and the active one (see `availableTabs`). */
export function useActiveTab(session: SessionInfo | undefined): { tabs: SidebarTab[]; active: SidebarTab } {
  const chosen = useSessionSidebar(session?.id).tab;
  const tabs = availableTabs(session?.capabilities);
  return { tabs, active: activeTab(chosen, tabs) };
}
