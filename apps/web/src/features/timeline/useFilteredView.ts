import { useEffect, useMemo, useState } from "react";
import { FilteredView, isEmptyFilter, type FrameFilter, type TimelineIndex } from "@mcpscope/timeline";
import { frameSync } from "../../api/frameSync";
import { FILTER_MARK } from "../../stores/timelineStore";
import { useAdvancingView } from "./useAdvancingView";

/** Sessions at least this long are filtered in the frames worker first. */
const WORKER_FILTER_FRAMES = 20_000;

/** Views whose first scan the worker does, and those measured (User Timing). */
const inWorker = new WeakSet<FilteredView>();
const measured = new WeakSet<FilteredView>();

/**
 * The frames of a session a filter lets through, as a view that keeps up with new frames.
 * A long session is filtered in the frames worker (all of its frames at once, off the main
 * thread: the page stays responsive while a million frames are searched); the view takes
 * its answer and scans only the frames that arrive after. A short one is scanned here, a
 * few milliseconds per animation frame (see `useAdvancingView`).
 */
export function useFilteredView(sessionId: string, index: TimelineIndex, filter: FrameFilter, version: number): FilteredView | undefined {
  const view = useMemo(() => {
    if (isEmptyFilter(filter)) return undefined;
    const v = FilteredView.of(index, filter);
    if (index.lastSeq >= WORKER_FILTER_FRAMES) inWorker.add(v);
    return v;
  }, [index, filter]);
  const [answered, setAnswered] = useState<FilteredView>();

  useEffect(() => {
    if (!view || !inWorker.has(view)) return;
    let current = true;
    void frameSync.filter(sessionId, filter, index.lastSeq).then(({ seqs, to }) => {
      if (!current) return;
      view.seed(seqs, to);
      setAnswered(view);
    });
    return () => {
      current = false;
    };
  }, [view, sessionId, filter, index]);

  const waiting = view !== undefined && inWorker.has(view) && answered !== view;
  useAdvancingView(waiting ? undefined : view, version);

  // User Timing "mcpscope:filter": from the filter change to every match found (DevTools, benchmarks).
  const done = view?.done === true;
  useEffect(() => {
    if (!done || !view || measured.has(view)) return;
    measured.add(view);
    const start = performance.getEntriesByName(FILTER_MARK, "mark").at(-1);
    if (start) performance.measure("mcpscope:filter", { start: start.startTime, detail: { frames: view.scanned, matches: view.count, worker: inWorker.has(view) } });
  }, [done, view]);
  return view;
}
