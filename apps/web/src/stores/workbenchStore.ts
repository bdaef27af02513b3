import { create } from "zustand";

interface WorkbenchState {
  /** "Compare with…" is open; `with` is the session picked to compare against. */
  compare: { open: boolean; with?: string };
  /** A configured server to highlight in the list (from a link's `server=`); never connected from here. */
  server?: string;
  /** The timeline takes the whole width of the workbench. */
  maximized: boolean;
  /** The command palette is open. */
  paletteOpen: boolean;
  /** "Share this mcpscope" is open. */
  shareOpen: boolean;
  /** The sessions column is collapsed to its icon rail. */
  sessionsCollapsed: boolean;
  setCompare: (compare: { open: boolean; with?: string }) => void;
  setServer: (name: string | undefined) => void;
  setMaximized: (maximized: boolean) => void;
  setPaletteOpen: (open: boolean) => void;
  setShareOpen: (open: boolean) => void;
  setSessionsCollapsed: (collapsed: boolean) => void;
}

/** State of the workbench's frame: dialogs, the maximized timeline, the highlighted server. */
export const useWorkbenchStore = create<WorkbenchState>((set) => ({
  compare: { open: false },
  server: undefined,
  maximized: false,
  paletteOpen: false,
  shareOpen: false,
  sessionsCollapsed: false,
  setCompare: (compare) => set({ compare }),
  setServer: (server) => set({ server }),
  setMaximized: (maximized) => set({ maximized }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setShareOpen: (shareOpen) => set({ shareOpen }),
  setSessionsCollapsed: (sessionsCollapsed) => set({ sessionsCollapsed }),
}));
