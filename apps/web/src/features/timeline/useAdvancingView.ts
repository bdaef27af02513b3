import { useEffect, useReducer } from "react";
import type { FilteredView } from "@mcpscope/timeline";

const SLICE = 4096;
const BUDGET_MS = 8;

/**
 * Scans a filtered view for a few milliseconds per animation frame until it caught up with
 * its index, re-rendering once per slice: filtering a million frames never blocks the page,
 * and a live batch only costs its own frames.
 */
export function useAdvancingView(view: FilteredView | undefined, version: number): void {
  const [tick, force] = useReducer((x: number) => x + 1, 0);
  if (view && !view.done) {
    /* eslint-disable react-hooks/purity -- scanning in render is bounded by time, and what a slice found is kept by the view */
    const t0 = performance.now();
    while (view.advance(SLICE) > 0 && performance.now() - t0 < BUDGET_MS);
    /* eslint-enable react-hooks/purity */
  }
  useEffect(() => {
    if (!view || view.done) return;
    const id = requestAnimationFrame(force);
    return () => cancelAnimationFrame(id);
  }, [view, version, tick]);
}
