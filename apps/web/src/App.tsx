import { Unauthorized } from "./features/auth/Unauthorized";
import { MissingSessionNotice } from "./features/session/MissingSessionNotice";
import { AuthPrompt } from "./features/oauth/AuthPrompt";
import { SessionBanner } from "./features/session/SessionBanner";
import { SessionHeader } from "./features/session/SessionHeader";
import { useLiveSync } from "./features/session/useLiveSync";
import { ExposedBanner } from "./features/sharing/ExposedBanner";
import { ReadOnlyBanner } from "./features/sharing/ReadOnlyBanner";
import { CommandPaletteHost } from "./features/commands/CommandPaletteHost";
import { useShortcuts } from "./features/commands/useShortcuts";
import { Workbench } from "./features/workbench/Workbench";
import { useAuthStore } from "./stores/authStore";
import { useSelectedSession } from "./stores/sessionsStore";

/**
 * The mcpscope inspector: header (selected session), banners, and the workbench — sessions
 * column, feature tabs (tools, resources, prompts, tasks), the selected item's panel,
 * timeline — with the command palette (Ctrl+K / ⌘K) over it.
 */
export function App() {
  useLiveSync();
  useShortcuts();
  const unauthorized = useAuthStore((s) => s.unauthorized);
  const session = useSelectedSession();
  if (unauthorized) return <Unauthorized />;

  return (
    <div className="app">
      <SessionHeader session={session} />
      <div className="app-banners">
        <ExposedBanner />
        <MissingSessionNotice />
        <SessionBanner session={session} />
        <AuthPrompt session={session} />
        <ReadOnlyBanner sessionId={session?.id} />
      </div>
      <main className="workbench-main">
        <Workbench session={session} />
      </main>
      <CommandPaletteHost session={session} />
    </div>
  );
}
