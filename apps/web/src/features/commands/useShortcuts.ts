import { useEffect } from "react";
import { useWorkbenchStore } from "../../stores/workbenchStore";
import { toggleSessionsColumn, toggleTimelineMaximized } from "../workbench/workbenchActions";
import { shortcutFor } from "./shortcuts";

/**
 * The workbench's keyboard shortcuts, anywhere on the page (see `SHORTCUTS`): Ctrl+K / ⌘K
 * toggles the command palette, Ctrl+\ / ⌘\ maximizes the timeline, Ctrl+B / ⌘B collapses
 * the sessions column. Each is also an option of the palette.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const action = shortcutFor(event);
      if (!action) return;
      const workbench = useWorkbenchStore.getState();
      // While the palette is open, only its own shortcut (to close it) applies.
      if (workbench.paletteOpen && action !== "palette") return;
      event.preventDefault();
      if (action === "palette") workbench.setPaletteOpen(!workbench.paletteOpen);
      else if (action === "maximizeTimeline") toggleTimelineMaximized();
      else toggleSessionsColumn();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
