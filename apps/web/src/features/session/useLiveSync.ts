import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { LiveClient } from "../../api/liveClient";
import { restClient } from "../../api/restClient";
import { useFramesStore } from "../../stores/framesStore";
import { useInboxStore } from "../../stores/inboxStore";
import { usePresenceStore } from "../../stores/presenceStore";
import { useSessionsStore } from "../../stores/sessionsStore";

/**
 * Runs the live WebSocket for the page's lifetime: session events go to the sessions store,
 * frame batches to the frames store (applied per animation frame), and the selected session
 * is the one subscribed.
 */
export function useLiveSync(): void {
  const selectedId = useSessionsStore((s) => s.selectedId);
  const queryClient = useQueryClient();

  useEffect(() => {
    const sessions = useSessionsStore.getState();
    const frames = useFramesStore.getState();
    const client = new LiveClient({
      onSessions: (list) => useSessionsStore.getState().setAll(list),
      onSession: (session) => {
        const before = useSessionsStore.getState().sessions[session.id];
        useSessionsStore.getState().upsert(session);
        if (before && before.status !== "ready" && session.status === "ready") {
          void queryClient.invalidateQueries({ queryKey: ["tools", session.id] });
        }
      },
      onFrames: (sessionId, batch) => frames.enqueue(sessionId, batch),
      onInbox: (sessionId, items) => useInboxStore.getState().set(sessionId, items),
      onPresence: (presence) => usePresenceStore.getState().setPresence(presence),
      onSessionRemoved: (sessionId) => useSessionsStore.getState().remove(sessionId),
      // Why a session's frames stopped (e.g. its recording has a bad line): shown in its banner.
      onServerError: (code, message, sessionId) => {
        const session = sessionId === undefined ? undefined : useSessionsStore.getState().sessions[sessionId];
        if (session) useSessionsStore.getState().upsert({ ...session, error: message, errorCode: code });
      },
      onStatus: (status) => sessions.setLiveStatus(status),
      // A refused upgrade looks like any close; a REST call tells whether the token is why.
      onClosed: () => void restClient.listSessions().catch(() => undefined),
      lastSeq: (sessionId) => useFramesStore.getState().lastSeqHeld(sessionId),
    });
    useFramesStore.setState({ onGap: (sessionId) => client.resync(sessionId) });
    liveClientRef.current = client;
    client.start();
    restClient
      .listSessions()
      .then((list) => {
        if (Object.keys(useSessionsStore.getState().sessions).length === 0) useSessionsStore.getState().setAll(list);
      })
      .catch(() => undefined);
    return () => {
      client.stop();
      liveClientRef.current = undefined;
    };
  }, [queryClient]);

  useEffect(() => {
    const client = liveClientRef.current;
    if (!client || selectedId === undefined) return;
    client.subscribe(selectedId);
    return () => client.unsubscribe(selectedId);
  }, [selectedId]);
}

const liveClientRef: { current?: LiveClient } = {};
