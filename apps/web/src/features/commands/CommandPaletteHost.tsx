import { lazy, Suspense } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { useWorkbenchStore } from "../../stores/workbenchStore";

// The palette (cmdk and its dialog) loads on first use: it stays out of the first paint.
const CommandPalette = lazy(() => import("./CommandPalette").then((m) => ({ default: m.CommandPalette })));

/** Mounts the command palette while it is open. */
export function CommandPaletteHost({ session }: { session?: SessionInfo }) {
  const open = useWorkbenchStore((s) => s.paletteOpen);
  const setOpen = useWorkbenchStore((s) => s.setPaletteOpen);
  const sessionsCollapsed = useWorkbenchStore((s) => s.sessionsCollapsed);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <CommandPalette session={session} sessionsCollapsed={sessionsCollapsed} onClose={() => setOpen(false)} />
    </Suspense>
  );
}
