import { create } from "zustand";
import type { Presence } from "@mcpscope/protocol";

interface PresenceState {
  /** What the presenter looks at, as last pushed over the WebSocket. */
  presence?: Presence;
  setPresence(presence: Presence): void;
}

/** The presenter's focus in a team demo (`presence` WebSocket events). */
export const usePresenceStore = create<PresenceState>((set) => ({
  presence: undefined,
  setPresence: (presence) => set({ presence }),
}));
