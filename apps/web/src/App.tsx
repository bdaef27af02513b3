import { ConnectForm } from "./features/connect/ConnectForm";
import { Unauthorized } from "./features/auth/Unauthorized";
import { SessionHeader } from "./features/session/SessionHeader";
import { useLiveSync } from "./features/session/useLiveSync";
import { TimelinePane } from "./features/timeline/TimelinePane";
import { ToolPanel } from "./features/tools/ToolPanel";
import { ToolsPane } from "./features/tools/ToolsPane";
import { useAuthStore } from "./stores/authStore";
import { isActive, useSelectedSession } from "./stores/sessionsStore";

/** The mcpscope inspector: header, sidebar (connect, tools), tool form and result, timeline. */
export function App() {
  useLiveSync();
  const unauthorized = useAuthStore((s) => s.unauthorized);
  const session = useSelectedSession();
  if (unauthorized) return <Unauthorized />;
  const active = isActive(session);

  return (
    <div className="app">
      <SessionHeader session={session} />
      <main className="workspace">
        <aside className="sidebar" aria-label="Sessions and tools">
          {active ? (
            <>
              <ToolsPane session={session} />
              <ConnectForm />
            </>
          ) : (
            <>
              <ConnectForm prominent />
              <ToolsPane session={session} />
            </>
          )}
        </aside>
        <ToolPanel key={session?.id} session={session} />
        <TimelinePane session={session} />
      </main>
    </div>
  );
}
