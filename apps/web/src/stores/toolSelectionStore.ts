import { create } from "zustand";

interface ToolSelectionState {
  /** Selected tool name per session. */
  selected: Record<string, string | undefined>;
  /** Selects a tool by name, or none with `undefined`. */
  select: (sessionId: string, toolName: string | undefined) => void;
}

export const useToolSelectionStore = create<ToolSelectionState>((set, get) => ({
  selected: {},
  select: (sessionId, toolName) => set({ selected: { ...get().selected, [sessionId]: toolName } }),
}));
