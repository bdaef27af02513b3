import type { PanelImperativeHandle } from "react-resizable-panels";
import { useWorkbenchStore } from "../../stores/workbenchStore";

let sessionsPanel: PanelImperativeHandle | null = null;

/** The sessions column's panel, registered by the workbench while it is mounted. */
export function registerSessionsPanel(panel: PanelImperativeHandle | null): void {
  sessionsPanel = panel;
}

/** Collapses the sessions column to its icon rail, or expands it back to its last width. */
export function toggleSessionsColumn(): void {
  if (!sessionsPanel) return;
  if (sessionsPanel.isCollapsed()) sessionsPanel.expand();
  else sessionsPanel.collapse();
}

/** Expands the sessions column (when it is the icon rail). */
export function expandSessionsColumn(): void {
  if (sessionsPanel?.isCollapsed()) sessionsPanel.expand();
}

/** Gives the timeline the whole width, or brings the other panes back. */
export function toggleTimelineMaximized(): void {
  const store = useWorkbenchStore.getState();
  store.setMaximized(!store.maximized);
}

/**
 * Shows the Connect form (restoring the layout and expanding the sessions column if needed)
 * and puts the focus in its first field. Connects nothing.
 */
export function focusConnectForm(): void {
  useWorkbenchStore.getState().setMaximized(false);
  expandSessionsColumn();
  const focus = (tries: number) => {
    const field = document.querySelector<HTMLElement>(".connect-form select, .connect-form input, .connect-form textarea");
    if (field) {
      field.scrollIntoView({ block: "nearest" });
      field.focus();
    } else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
  };
  requestAnimationFrame(() => focus(10));
}
