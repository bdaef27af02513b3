import type { GroupImperativeHandle } from "react-resizable-panels";
import { useWorkbenchStore } from "../../stores/workbenchStore";

/** The workbench's panel group and its size in pixels, registered while it is mounted. */
interface Registered {
  group: GroupImperativeHandle;
  width: () => number;
  railPx: number;
  sessionsPx: number;
}

let workbench: Registered | undefined;
/** The sessions column's width before it was collapsed, as a percentage. */
let lastSessionsPct: number | undefined;

/** Registers the workbench's group (or unregisters it with `undefined`). */
export function registerWorkbench(registered: Registered | undefined): void {
  workbench = registered;
}

/**
 * Collapses the sessions column to its icon rail or expands it; the timeline takes (or gives
 * back) the difference, so the columns in between keep their widths.
 */
function setSessionsCollapsed(collapse: boolean): void {
  if (!workbench) return;
  const width = workbench.width();
  if (width <= 0) return;
  const layout = { ...workbench.group.getLayout() };
  const sessions = layout["wb-sessions"];
  const timeline = layout["wb-timeline"];
  if (sessions === undefined || timeline === undefined) return;
  const railPct = (workbench.railPx / width) * 100;
  const collapsed = sessions <= railPct + 0.1;
  if (collapse === collapsed) return;
  if (collapse) {
    lastSessionsPct = sessions;
    layout["wb-sessions"] = railPct;
    layout["wb-timeline"] = timeline + sessions - railPct;
  } else {
    const want = lastSessionsPct ?? (workbench.sessionsPx / width) * 100;
    const grow = Math.min(want - sessions, Math.max(0, timeline - 20));
    layout["wb-sessions"] = sessions + grow;
    layout["wb-timeline"] = timeline - grow;
  }
  workbench.group.setLayout(layout);
}

/** Collapses the sessions column to its icon rail, or expands it back to its last width. */
export function toggleSessionsColumn(): void {
  setSessionsCollapsed(!useWorkbenchStore.getState().sessionsCollapsed);
}

/** Expands the sessions column (when it is the icon rail). */
export function expandSessionsColumn(): void {
  setSessionsCollapsed(false);
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
