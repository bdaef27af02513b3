import { useState } from "react";
import { ConnectForm } from "./features/connect/ConnectForm";
import { Unauthorized } from "./features/auth/Unauthorized";
import { ConfiguredServers } from "./features/servers/ConfiguredServers";
import { SessionBanner } from "./features/session/SessionBanner";
import { SessionHeader } from "./features/session/SessionHeader";
import { SessionsSidebar } from "./features/session/SessionsSidebar";
import { useLiveSync } from "./features/session/useLiveSync";
import { TimelinePane } from "./features/timeline/TimelinePane";
import { FeaturePanels } from "./features/sidebar/FeaturePanels";
import { SidebarTabs } from "./features/sidebar/SidebarTabs";
import { useActiveTab } from "./features/sidebar/useActiveTab";
import { ToolPanel } from "./features/tools/ToolPanel";
import { ImportRecording } from "./features/recordings/ImportRecording";
import { ExposedBanner } from "./features/sharing/ExposedBanner";
import { ReadOnlyBanner } from "./features/sharing/ReadOnlyBanner";
import { useIsViewer } from "./features/sharing/useMe";
import { useAuthStore } from "./stores/authStore";
import { useSessions } from "./api/sessionsCache";
import { isActive, useSelectedSession } from "./stores/sessionsStore";

/**
 * The mcpscope inspector: header (selected session), sessions column (sessions, configured
 * servers, connect), feature tabs (tools, resources, prompts, tasks), the selected item's
 * panel, timeline.
 */
export function App() {
  useLiveSync();
  const unauthorized = useAuthStore((s) => s.unauthorized);
  const session = useSelectedSession();
  const sessions = useSessions();
  const viewer = useIsViewer();
  // Tool panels of sessions shown before stay mounted (hidden), so switching sessions keeps
  // each one's form and last result.
  const [visited, setVisited] = useState<string[]>([]);
  const tab = useActiveTab(session).active;
  if (session && !visited.includes(session.id)) setVisited([...visited, session.id]);
  if (unauthorized) return <Unauthorized />;
  const active = isActive(session);
  // The shown panel comes first: hidden panels reuse the same element ids (the tool form's
  // `arg_*`), and a label's `for` resolves to the first element with its id.
  const kept = visited.filter((id) => sessions[id] !== undefined).sort((a, b) => Number(b === session?.id) - Number(a === session?.id));

  return (
    <div className="app">
      <SessionHeader session={session} />
      <div className="app-banners">
        <ExposedBanner />
        <SessionBanner session={session} />
        <ReadOnlyBanner sessionId={session?.id} />
      </div>
      <main className="workspace">
        <aside className="sessions-column" aria-label="Sessions and connections">
          <SessionsSidebar />
          <ImportRecording />
          {!viewer && <ConfiguredServers />}
          {!viewer && <ConnectForm prominent={!active} />}
        </aside>
        <div className="sidebar">
          <SidebarTabs session={session} />
        </div>
        {kept.map((id) => (
          <div key={id} className="keep-alive" hidden={id !== session?.id || tab !== "tools"}>
            <ToolPanel session={sessions[id]} />
          </div>
        ))}
        {!session && <ToolPanel session={undefined} />}
        {session && <FeaturePanels key={session.id} session={session} active={tab} />}
        <TimelinePane session={session} />
      </main>
    </div>
  );
}
