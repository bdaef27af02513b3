import { useEffect } from "react";
import { usePresenceStore } from "../../stores/presenceStore";
import { useSession } from "../../api/sessionsCache";
import { useSessionsStore } from "../../stores/sessionsStore";
import { useTimelineStore } from "../../stores/timelineStore";
import { useToolSelectionStore } from "../../stores/toolSelectionStore";

/**
 * While `follow` is on, switches this page to the presenter's session, tool and frame as
 * `presence` events arrive (and at once when turned on). A session the page does not know
 * yet is selected as soon as its `session` event arrives.
 */
export function useFollowPresenter(follow: boolean): void {
  const presence = usePresenceStore((s) => s.presence);
  const known = useSession(presence?.sessionId) !== undefined;

  useEffect(() => {
    const sessionId = presence?.sessionId;
    if (!follow || !presence || sessionId === undefined || !known) return;
    const sessions = useSessionsStore.getState();
    if (sessions.selectedId !== sessionId) sessions.select(sessionId);
    if (presence.selectedTool !== undefined && useToolSelectionStore.getState().selected[sessionId] !== presence.selectedTool) {
      useToolSelectionStore.getState().select(sessionId, presence.selectedTool);
    }
    if (presence.selectedFrame !== undefined && useTimelineStore.getState().selected[sessionId] !== presence.selectedFrame) {
      useTimelineStore.getState().select(sessionId, presence.selectedFrame, true);
    }
  }, [follow, presence, known]);
}
