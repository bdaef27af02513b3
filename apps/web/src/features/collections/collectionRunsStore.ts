import { create } from "zustand";
import type { ItemRun } from "@mcpscope/protocol/types";

/** The verdicts of one collection on one session: each item's last run, and what runs now. */
export interface CollectionRuns {
  items: Record<string, ItemRun>;
  /** Names of the items running now. */
  running: string[];
}

interface State {
  runs: Record<string, CollectionRuns>;
  start: (key: string, names: string[]) => void;
  finish: (key: string, names: string[], results: ItemRun[]) => void;
}

const EMPTY: CollectionRuns = { items: {}, running: [] };

/** The key of a collection's verdicts on a session. */
export const runsKey = (sessionId: string, collectionId: string) => `${sessionId}\n${collectionId}`;

/** Verdicts of collection runs per session, kept while the page lives (switching tabs keeps them). */
export const useCollectionRunsStore = create<State>((set) => ({
  runs: {},
  start: (key, names) =>
    set((s) => {
      const current = s.runs[key] ?? EMPTY;
      return { runs: { ...s.runs, [key]: { ...current, running: [...new Set([...current.running, ...names])] } } };
    }),
  finish: (key, names, results) =>
    set((s) => {
      const current = s.runs[key] ?? EMPTY;
      const items = { ...current.items };
      for (const r of results) items[r.name] = r;
      return { runs: { ...s.runs, [key]: { items, running: current.running.filter((n) => !names.includes(n)) } } };
    }),
}));

/** The verdicts of a collection on a session (a stable empty value when none). */
export function useCollectionRuns(key: string): CollectionRuns {
  return useCollectionRunsStore((s) => s.runs[key] ?? EMPTY);
}
