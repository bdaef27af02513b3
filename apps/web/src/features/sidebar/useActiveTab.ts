import type { SessionInfo } from "@mcpscope/protocol";
import { useSessionSidebar, type SidebarTab } from "../../stores/sidebarStore";
import { useReadOnly } from "../sharing/useReadOnly";
import { toolsHaveApps } from "../apps/useAppResources";
import { useTools } from "../tools/useTools";
import { activeTab, availableTabs } from "./availableTabs";

/**
 * The tabs a session's server calls for and the active one (see `availableTabs`; Apps when
 * its tools name an MCP App), Collections, and Auth for a remote session (its OAuth flow,
 * features/oauth). A
 * read-only page or session (a viewer, a recording) can send no request, so it gets the
 * Tools tab alone: its list comes from the recorded `tools/list` answers. A live session
 * also gets Collections.
 */
export function useActiveTab(session: SessionInfo | undefined): { tabs: SidebarTab[]; active: SidebarTab } {
  const chosen = useSessionSidebar(session?.id).tab;
  const readOnly = useReadOnly(session?.id) !== undefined;
  // The Apps tab shows once the server's tools name an MCP App (the Tools pane's cached list).
  const tools = useTools(session?.id, session?.status === "ready" && !readOnly);
  const apps: SidebarTab[] = toolsHaveApps(tools.data) ? ["apps"] : [];
  const features = readOnly ? (["tools"] as SidebarTab[]) : session ? [...availableTabs(session.capabilities), ...apps, "collections" as const] : availableTabs(undefined);
  // Auth: every remote session, connected or not (signing in comes before capabilities).
  const tabs: SidebarTab[] = session && session.transport !== "stdio" ? [...features, "auth"] : features;
  return { tabs, active: activeTab(chosen, tabs) };
}
