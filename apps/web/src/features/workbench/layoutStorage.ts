import type { LayoutStorage } from "react-resizable-panels";

/**
 * Where pane sizes are remembered: this browser's localStorage (per origin, so per mcpscope
 * port). Storage that throws (disabled, full, a sandboxed frame) remembers nothing instead.
 */
export const layoutStorage: LayoutStorage = {
  getItem: (key) => {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  setItem: (key, value) => {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Not remembered; the layout still works.
    }
  },
};
