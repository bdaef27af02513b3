import { useEffect } from "react";
import { restClient } from "../../api/restClient";
import { useSessionsStore } from "../../stores/sessionsStore";
import { useTimelineStore } from "../../stores/timelineStore";
import { useToolSelectionStore } from "../../stores/toolSelectionStore";

/** Quiet time before publishing, so a burst of clicks is one `POST /api/presence`. */
export const PRESENCE_DEBOUNCE_MS = 150;

/**
 * Publishes what the presenter looks at — the selected session, its selected tool and its
 * selected frame — with `POST /api/presence` (debounced); viewers who follow switch to it.
 * Does nothing unless `enabled` (the page is the presenter's). Failures are ignored: presence
 * is a courtesy, and the next change publishes again.
 */
export function usePresencePublisher(enabled: boolean): void {
  const sessionId = useSessionsStore((s) => s.selectedId);
  const selectedTool = useToolSelectionStore((s) => (sessionId === undefined ? undefined : s.selected[sessionId]));
  const selectedFrame = useTimelineStore((s) => (sessionId === undefined ? undefined : s.selected[sessionId]));

  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => {
      restClient.setPresence({ sessionId, selectedTool, selectedFrame }).catch(() => undefined);
    }, PRESENCE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, sessionId, selectedTool, selectedFrame]);
}
