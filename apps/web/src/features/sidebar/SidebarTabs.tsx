import { lazy, Suspense, useRef, type KeyboardEvent } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { useSidebarStore, type SidebarTab } from "../../stores/sidebarStore";
import { AppsPane } from "../apps/AppsPane";
import { CollectionsPane } from "../collections/CollectionsPane";
import { AuthPane } from "../oauth/AuthPane";
import { PromptsPane } from "../prompts/PromptsPane";
import { ResourcesPane } from "../resources/ResourcesPane";

import { TaskToolHint } from "../tasks/TaskToolHint";
import { ToolsPane } from "../tools/ToolsPane";
import { TAB_LABELS } from "./availableTabs";
import { ListChangedNotice } from "./ListChangedNotice";
import { ListenStatus, useListenStream } from "./ListenStatus";
import { useActiveTab } from "./useActiveTab";
import { useSidebarNotifications } from "./useSidebarNotifications";
import "./sidebar.css";

const TasksPane = lazy(() => import("../tasks/TasksPane").then((m) => ({ default: m.TasksPane })));

/**
 * The sidebar column: a tab list (WAI-ARIA Tabs pattern, automatic activation: arrow keys,
 * Home and End move and select) with one tab per feature the server declares (Tools,
 * Resources, Prompts, Tasks; Apps when its tools name MCP Apps), and the active tab's panel alone, with the feature's list
 * (a hidden panel's label would collide with shown ones). Also reacts to the session's
 * list-change, resource-update and task-status notifications, and holds "Auto-refresh lists".
 */
export function SidebarTabs({ session }: { session?: SessionInfo }) {
  const { tabs, active } = useActiveTab(session);
  const update = useSidebarStore((s) => s.update);
  const autoRefresh = useSidebarStore((s) => s.autoRefresh);
  const setAutoRefresh = useSidebarStore((s) => s.setAutoRefresh);
  const refs = useRef(new Map<SidebarTab, HTMLButtonElement>());
  useSidebarNotifications(session?.status === "ready" ? session.id : undefined);
  useListenStream(session);

  const choose = (tab: SidebarTab) => {
    if (session) update(session.id, () => ({ tab }));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const at = tabs.indexOf(active);
    const next =
      e.key === "ArrowRight" ? (at + 1) % tabs.length
      : e.key === "ArrowLeft" ? (at - 1 + tabs.length) % tabs.length
      : e.key === "Home" ? 0
      : e.key === "End" ? tabs.length - 1
      : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const tab = tabs[next]!;
    choose(tab);
    refs.current.get(tab)?.focus();
  };

  return (
    <div className="sidebar-tabs">
      {tabs.length > 1 && (
        <div role="tablist" aria-label="Server features" className="tab-list" onKeyDown={onKeyDown}>
          {tabs.map((tab) => (
            <button
              key={tab}
              ref={(el) => {
                if (el) refs.current.set(tab, el);
                else refs.current.delete(tab);
              }}
              type="button"
              role="tab"
              id={`sidebar-tab-${tab}`}
              aria-selected={tab === active}
              aria-controls={tab === active ? `sidebar-panel-${tab}` : undefined}
              tabIndex={tab === active ? 0 : -1}
              onClick={() => choose(tab)}
            >
              {TAB_LABELS[tab]}
            </button>
          ))}
        </div>
      )}
      {/* Only the active tab's panel is in the DOM: a hidden tabpanel still carries its tab's
          name, and `getByLabel("prompt")` in a user's Playwright suite would match "Prompts". */}
      <div
        role={tabs.length > 1 ? "tabpanel" : undefined}
        id={`sidebar-panel-${active}`}
        aria-labelledby={tabs.length > 1 ? `sidebar-tab-${active}` : undefined}
        className="tab-panel"
      >
        {session && active !== "tasks" && active !== "apps" && active !== "collections" && active !== "auth" && <ListChangedNotice sessionId={session.id} list={active} />}
        {active === "tools" && <ToolsPane session={session} />}
        {active === "tools" && session && <TaskToolHint session={session} />}
        {active === "resources" && session && <ResourcesPane session={session} />}
        {active === "prompts" && session && <PromptsPane session={session} />}
        {active === "tasks" && session && (
          <Suspense fallback={<p className="muted small pad">Loading…</p>}>
            <TasksPane session={session} />
          </Suspense>
        )}
        {active === "apps" && session && <AppsPane session={session} />}
        {active === "collections" && session && <CollectionsPane session={session} />}
        {active === "auth" && session && <AuthPane session={session} />}
      </div>
      {session?.status === "ready" && session.era === "modern" && <ListenStatus session={session} />}
      {session?.status === "ready" && (
        <label className="checkbox-label auto-refresh">
          <input type="checkbox" checked={autoRefresh} onChange={(e) => setAutoRefresh(e.target.checked)} />
          Auto-refresh lists
        </label>
      )}
    </div>
  );
}
