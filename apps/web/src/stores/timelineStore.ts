import { create } from "zustand";

interface TimelineState {
  /** Selected frame seq per session. */
  selected: Record<string, number | undefined>;
  /** Keep the newest frame in view as frames arrive. */
  follow: boolean;
  /** A request to scroll a frame into view; `nonce` changes on every request. */
  reveal?: { sessionId: string; seq: number; nonce: number };
  select(sessionId: string, seq: number, reveal?: boolean): void;
  setFollow(follow: boolean): void;
}

export const useTimelineStore = create<TimelineState>((set, get) => ({
  selected: {},
  follow: true,
  reveal: undefined,
  select: (sessionId, seq, reveal = false) =>
    set({
      selected: { ...get().selected, [sessionId]: seq },
      ...(reveal ? { reveal: { sessionId, seq, nonce: (get().reveal?.nonce ?? 0) + 1 } } : {}),
    }),
  setFollow: (follow) => {
    if (get().follow !== follow) set({ follow });
  },
}));
