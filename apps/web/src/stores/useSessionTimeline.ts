import { useSyncExternalStore } from "react";
import { type TimelineSnapshot, timelineOf } from "./sessionTimeline";

const noSession = { subscribe: () => () => undefined, getSnapshot: () => undefined };

/**
 * The frames of a session as a snapshot (see `SessionTimeline`), re-rendering when frames
 * arrive (at most once per animation frame); `undefined` without a session.
 */
export function useSessionTimeline(sessionId: string): TimelineSnapshot;
export function useSessionTimeline(sessionId: string | undefined): TimelineSnapshot | undefined;
export function useSessionTimeline(sessionId: string | undefined): TimelineSnapshot | undefined {
  const store = sessionId === undefined ? noSession : timelineOf(sessionId);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
