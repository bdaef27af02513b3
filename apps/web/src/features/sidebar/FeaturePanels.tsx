import { lazy, Suspense } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import type { SidebarTab } from "../../stores/sidebarStore";
import { AppsPanel } from "../apps/AppsPanel";
import { CollectionPanel } from "../collections/CollectionPanel";
import { AuthDebugger } from "../oauth/AuthDebugger";
import { PromptPanel } from "../prompts/PromptPanel";
import { ResourcePanel } from "../resources/ResourcePanel";

// Tasks load on first use: most servers declare none.
const TaskPanel = lazy(() => import("../tasks/TaskPanel").then((m) => ({ default: m.TaskPanel })));

/**
 * The middle column of the active Resources, Prompts, Tasks, Apps, Collections or Auth tab (Tools keeps its own
 * ToolPanel). Only the active one is mounted, so its labels never collide with hidden
 * ones; what it read stays in react-query's cache.
 */
export function FeaturePanels({ session, active }: { session: SessionInfo; active: SidebarTab }) {
  if (active === "resources") return <ResourcePanel session={session} />;
  if (active === "prompts") return <PromptPanel session={session} />;
  if (active === "tasks") {
    return (
      <Suspense fallback={<p className="muted small pad">Loading…</p>}>
        <TaskPanel session={session} />
      </Suspense>
    );
  }
  if (active === "apps") return <AppsPanel session={session} />;
  if (active === "collections") return <CollectionPanel session={session} />;
  if (active === "auth") return <AuthDebugger session={session} />;
  return null;
}
