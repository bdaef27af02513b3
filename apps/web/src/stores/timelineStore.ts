import { create } from "zustand";
import type { FrameFilter } from "@mcpscope/timeline";

/** The views of the Timeline region. */
export type TimelineTab = "frames" | "spans" | "summary" | "console" | "composer" | "settings";

interface TimelineState {
  /** Selected frame seq per session. */
  selected: Record<string, number | undefined>;
  /** Keep the newest frame in view as frames arrive. */
  follow: boolean;
  /** A request to scroll a frame into view; `nonce` changes on every request. */
  reveal?: { sessionId: string; seq: number; nonce: number };
  tab: TimelineTab;
  /** The Frames filter (shared by sessions). */
  filter: FrameFilter;
  /** Pinned frame seqs per session, in pin order. */
  pinned: Record<string, number[] | undefined>;
  select: (sessionId: string, seq: number, reveal?: boolean) => void;
  /** Selects no frame in a session. */
  deselect: (sessionId: string) => void;
  setFollow: (follow: boolean) => void;
  setTab: (tab: TimelineTab) => void;
  setFilter: (filter: FrameFilter) => void;
  togglePin: (sessionId: string, seq: number) => void;
}

/** User Timing mark of the latest filter change (see useFilteredView). */
export const FILTER_MARK = "mcpscope:filter-set";

export const useTimelineStore = create<TimelineState>((set, get) => ({
  selected: {},
  follow: true,
  reveal: undefined,
  tab: "frames",
  filter: {},
  pinned: {},
  select: (sessionId, seq, reveal = false) =>
    set({
      selected: { ...get().selected, [sessionId]: seq },
      ...(reveal ? { reveal: { sessionId, seq, nonce: (get().reveal?.nonce ?? 0) + 1 } } : {}),
    }),
  deselect: (sessionId) => {
    if (get().selected[sessionId] !== undefined) set({ selected: { ...get().selected, [sessionId]: undefined } });
  },
  setFollow: (follow) => {
    if (get().follow !== follow) set({ follow });
  },
  setTab: (tab) => set({ tab }),
  setFilter: (filter) => {
    // User Timing: useFilteredView measures from here to the last match found.
    performance.mark(FILTER_MARK);
    set({ filter });
  },
  togglePin: (sessionId, seq) => {
    const list = get().pinned[sessionId] ?? [];
    const next = list.includes(seq) ? list.filter((s) => s !== seq) : [...list, seq];
    set({ pinned: { ...get().pinned, [sessionId]: next } });
  },
}));
