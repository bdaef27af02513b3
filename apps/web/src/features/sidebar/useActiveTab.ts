import type { SessionInfo } from "@mcpscope/protocol";
import { useSessionSidebar, type SidebarTab } from "../../stores/sidebarStore";
import { useReadOnly } from "../sharing/useReadOnly";
import { toolsHaveApps } from "../apps/useAppResources";
import { useTools } from "../tools/useTools";
import { activeTab, availableTabs } from "./availableTabs";

/**
 * The tabs a session's server calls for and the active one (see `availableTabs`; Apps when
 * its tools name an MCP App). A
 * read-only page or session (a viewer, a recording) can send no request, so it gets the
 * Tools tab alone: its list comes from the recorded `tools/list` answers.
 */
export function useActiveTab(session: SessionInfo | undefined): { tabs: SidebarTab[]; active: SidebarTab } {
  const chosen = useSessionSidebar(session?.id).tab;
  const readOnly = useReadOnly(session?.id) !== undefined;
  // The Apps tab shows once the server's tools name an MCP App (the Tools pane's cached list).
  const tools = useTools(session?.id, session?.status === "ready" && !readOnly);
  const tabs = readOnly ? (["tools"] as SidebarTab[]) : [...availableTabs(session?.capabilities), ...(toolsHaveApps(tools.data) ? (["apps"] as const) : [])];
  return { tabs, active: activeTab(chosen, tabs) };
}
