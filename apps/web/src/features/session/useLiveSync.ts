import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { frameSync } from "../../api/frameSync";
import { LiveClient } from "../../api/liveClient";
import { getSession } from "../../api/sessionsCache";
import { removeSession, replaceSessions, setInbox, setSessionError, updateSession } from "../../api/sessionsSync";
import { usePresenceStore } from "../../stores/presenceStore";
import { useSessionsStore } from "../../stores/sessionsStore";

/**
 * Runs the live WebSocket for the page's lifetime: sessions and inboxes go to the Query
 * cache (api/sessionsSync.ts), frames to the frames worker and from it to the selected
 * session's timeline (api/frameSync.ts), and the selected session is the one followed.
 */
export function useLiveSync(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    const client = new LiveClient({
      onSessions: replaceSessions,
      onSession: (session) => {
        const before = getSession(session.id);
        updateSession(session);
        if (before && before.status !== "ready" && session.status === "ready") {
          void queryClient.invalidateQueries({ queryKey: ["tools", session.id] });
        }
      },
      onFrameLines: (data) => frameSync.lines(data),
      onInbox: setInbox,
      onPresence: (presence) => usePresenceStore.getState().setPresence(presence),
      onSessionRemoved: (sessionId) => {
        removeSession(sessionId);
        frameSync.forget(sessionId);
      },
      // Why a session's frames stopped: shown in its banner.
      onServerError: (code, message, sessionId) => {
        if (sessionId !== undefined) setSessionError(sessionId, code, message);
      },
      onStatus: (status) => useSessionsStore.getState().setLiveStatus(status),
      // A refused upgrade looks like any close; a REST call tells whether the token is why.
      onClosed: () => void queryClient.refetchQueries({ queryKey: ["sessions"] }).catch(() => undefined),
      lastSeq: (sessionId) => frameSync.heldSeq(sessionId),
    });
    frameSync.onFailure = setSessionError;
    frameSync.attach(client);
    client.start();
    return () => client.stop();
  }, [queryClient]);

  // The selected session is followed the moment it is selected (a store subscription, not an
  // effect after the render): its recording is fetched and read while React draws the view.
  useEffect(() => {
    let followed: string | undefined;
    const follow = (id: string | undefined) => {
      if (id === followed) return;
      if (followed !== undefined) frameSync.unfollow(followed);
      followed = id;
      if (id !== undefined) frameSync.follow(id, getSession(id)?.lastSeq);
    };
    follow(useSessionsStore.getState().selectedId);
    const unsubscribe = useSessionsStore.subscribe((state) => follow(state.selectedId));
    return () => {
      unsubscribe();
      follow(undefined);
    };
  }, []);
}
