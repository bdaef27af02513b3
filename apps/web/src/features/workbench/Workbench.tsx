import { useEffect, useRef, useState } from "react";
import { Group, Panel, Separator, useDefaultLayout, useGroupCallbackRef } from "react-resizable-panels";
import type { SessionInfo } from "@mcpscope/protocol";
import { ConnectForm } from "../connect/ConnectForm";
import { ImportRecording } from "../recordings/ImportRecording";
import { ConfiguredServers } from "../servers/ConfiguredServers";
import { TapsPanel } from "../taps/TapsPanel";
import { SessionsSidebar } from "../session/SessionsSidebar";
import { useIsViewer } from "../sharing/useMe";
import { FeaturePanels } from "../sidebar/FeaturePanels";
import { SidebarTabs } from "../sidebar/SidebarTabs";
import { useActiveTab } from "../sidebar/useActiveTab";
import { TimelinePane } from "../timeline/TimelinePane";
import { ToolPanel } from "../tools/ToolPanel";
import { isActive } from "../../stores/sessionsStore";
import { useSessions } from "../../api/sessionsCache";
import { useWorkbenchStore } from "../../stores/workbenchStore";
import { layoutStorage } from "./layoutStorage";
import { SessionsRail } from "./SessionsRail";
import { focusConnectForm, registerWorkbench, toggleSessionsColumn } from "./workbenchActions";
import "./workbench.css";

/** Width of the sessions column collapsed to its icon rail, in pixels. */
export const RAIL_PX = 48;
/** The sessions column's first width, in pixels. */
const SESSIONS_PX = 220;

/**
 * The four resizable columns: sessions (collapsible to an icon rail), server features
 * (tabs and lists), the selected item's panel, and the timeline. Drag a separator (or focus
 * it and use the arrow keys; Enter collapses) to resize; sizes are remembered in this
 * browser. Maximized, the timeline takes the whole width.
 */
export function Workbench({ session }: { session?: SessionInfo }) {
  const sessions = useSessions();
  const viewer = useIsViewer();
  const maximized = useWorkbenchStore((s) => s.maximized);
  const layout = useDefaultLayout({ id: "mcpscope-workbench", storage: layoutStorage });
  const [group, setGroup] = useGroupCallbackRef();
  const element = useRef<HTMLDivElement>(null);
  const railed = useWorkbenchStore((s) => s.sessionsCollapsed);
  const setRailed = useWorkbenchStore((s) => s.setSessionsCollapsed);
  // Tool panels of sessions shown before stay mounted (hidden), so switching sessions keeps
  // each one's form and last result.
  const [visited, setVisited] = useState<string[]>([]);
  const tab = useActiveTab(session).active;
  if (session && !visited.includes(session.id)) setVisited([...visited, session.id]);
  useEffect(() => {
    if (!group) return;
    registerWorkbench({ group, width: () => element.current?.getBoundingClientRect().width ?? 0, railPx: RAIL_PX, sessionsPx: SESSIONS_PX });
    return () => registerWorkbench(undefined);
  }, [group]);
  // The shown panel comes first: hidden panels reuse the same element ids (the tool form's
  // `arg_*`), and a label's `for` resolves to the first element with its id.
  const kept = visited.filter((id) => sessions[id] !== undefined).sort((a, b) => Number(b === session?.id) - Number(a === session?.id));

  return (
    <Group
      id="workbench"
      groupRef={setGroup}
      elementRef={element}
      orientation="horizontal"
      className={`workspace${maximized ? " maximized" : ""}`}
      defaultLayout={layout.defaultLayout}
      onLayoutChanged={layout.onLayoutChanged}
    >
      <Panel
        id="wb-sessions"
        collapsible
        collapsedSize={RAIL_PX}
        minSize={200}
        defaultSize={SESSIONS_PX}
        maxSize="40%"
        groupResizeBehavior="preserve-pixel-size"
        onResize={(size) => setRailed(size.inPixels <= RAIL_PX + 1)}
      >
        {railed ? (
          <SessionsRail onExpand={toggleSessionsColumn} onNewSession={viewer ? undefined : focusConnectForm} />
        ) : (
          <aside className="sessions-column" aria-label="Sessions and connections">
            <SessionsSidebar onCollapse={toggleSessionsColumn} />
            <ImportRecording />
            {!viewer && <ConfiguredServers />}
            {!viewer && <TapsPanel />}
            {!viewer && <ConnectForm prominent={!isActive(session)} />}
          </aside>
        )}
      </Panel>
      <Separator className="resize-handle" aria-label="Resize the sessions column" />
      <Panel id="wb-features" collapsible minSize={170} defaultSize={210} groupResizeBehavior="preserve-pixel-size">
        <div className="sidebar">
          <SidebarTabs session={session} />
        </div>
      </Panel>
      <Separator className="resize-handle" aria-label="Resize the server features column" />
      <Panel id="wb-work" collapsible minSize={260} defaultSize="25%">
        <div className="work-column">
          {kept.map((id) => (
            <div key={id} className="keep-alive" hidden={id !== session?.id || tab !== "tools"}>
              <ToolPanel session={sessions[id]} />
            </div>
          ))}
          {!session && <ToolPanel session={undefined} />}
          {session && <FeaturePanels key={session.id} session={session} active={tab} />}
        </div>
      </Panel>
      <Separator className="resize-handle" aria-label="Resize the timeline" />
      <Panel id="wb-timeline" minSize={360}>
        <TimelinePane session={session} />
      </Panel>
    </Group>
  );
}
