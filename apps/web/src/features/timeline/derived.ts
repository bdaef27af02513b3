import { FilteredView, isConsoleFrame, MethodStats, SpanLayout, type TimelineIndex } from "@mcpscope/timeline";

// Derived views live as long as their index and are updated incrementally, so switching
// tabs never recomputes a session from scratch.
const spanLayouts = new WeakMap<TimelineIndex, SpanLayout>();
const methodStats = new WeakMap<TimelineIndex, MethodStats>();
const consoleViews = new WeakMap<TimelineIndex, FilteredView>();

/** The session's span layout (call `update()` before reading). */
export function spanLayoutOf(index: TimelineIndex): SpanLayout {
  let v = spanLayouts.get(index);
  if (!v) spanLayouts.set(index, (v = new SpanLayout(index)));
  return v;
}

/** The session's per-method statistics. */
export function methodStatsOf(index: TimelineIndex): MethodStats {
  let v = methodStats.get(index);
  if (!v) methodStats.set(index, (v = new MethodStats(index)));
  return v;
}

/** Log messages and stderr lines of the session, as a filtered view. */
export function consoleViewOf(index: TimelineIndex): FilteredView {
  let v = consoleViews.get(index);
  if (!v) consoleViews.set(index, (v = new FilteredView(index, (frame) => isConsoleFrame(frame))));
  return v;
}
