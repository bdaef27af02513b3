import { TASKS_EXTENSION } from "@mcpscope/protocol/types";
import type { SidebarTab } from "../../stores/sidebarStore";

/** The label of each sidebar tab. */
export const TAB_LABELS: Record<SidebarTab, string> = { tools: "Tools", resources: "Resources", prompts: "Prompts", tasks: "Tasks", apps: "Apps", collections: "Collections", auth: "Auth" };

/**
 * The sidebar tabs a server's declared capabilities call for (MCP 2025-11-25
 * "Lifecycle → Capability Negotiation"): `tools`, `resources`, `prompts`, and `tasks`
 * (experimental). Tools is always shown while the capabilities are unknown (no session yet),
 * so its pane can say why it is empty.
 */
export function availableTabs(capabilities: Record<string, unknown> | undefined): SidebarTab[] {
  if (capabilities === undefined) return ["tools"];
  const tabs: SidebarTab[] = [];
  for (const tab of ["tools", "resources", "prompts", "tasks"] as const) if (capabilities[tab] !== undefined && capabilities[tab] !== null) tabs.push(tab);
  // 2026-07-28 moved tasks into an extension (SEP-2663): `extensions["io.modelcontextprotocol/tasks"]`.
  const extensions = capabilities.extensions as Record<string, unknown> | undefined;
  if (!tabs.includes("tasks") && extensions?.[TASKS_EXTENSION] !== undefined) tabs.push("tasks");
  return tabs.length ? tabs : ["tools"];
}

/** The active tab: the chosen one while the server offers it, else the first offered. */
export function activeTab(chosen: SidebarTab | undefined, tabs: readonly SidebarTab[]): SidebarTab {
  return chosen !== undefined && tabs.includes(chosen) ? chosen : (tabs[0] ?? "tools");
}
