import { create } from "zustand";
import type { AppTheme } from "./appHostContext";

/** A size preset of the Apps view: a device width in CSS pixels, or the pane's width. */
export type AppSize = "mobile" | "tablet" | "desktop" | "fill";

/** The widths of the size presets (CSS pixels). */
export const APP_SIZE_WIDTHS: Record<Exclude<AppSize, "fill">, number> = { mobile: 375, tablet: 768, desktop: 1280 };

interface AppsState {
  /** The app (its `ui://` URI) selected in the Apps view, per session. */
  selected: Record<string, string>;
  size: AppSize;
  /** The Apps view's theme for the app; undefined: mcpscope's own. */
  theme?: AppTheme;
  select: (sessionId: string, uri: string) => void;
  setSize: (size: AppSize) => void;
  setTheme: (theme: AppTheme) => void;
}

/** State of the Apps view: the selected app per session, and the preview's size and theme. */
export const useAppsStore = create<AppsState>((set) => ({
  selected: {},
  size: "fill",
  select: (sessionId, uri) => set((s) => ({ selected: { ...s.selected, [sessionId]: uri } })),
  setSize: (size) => set({ size }),
  setTheme: (theme) => set({ theme }),
}));
