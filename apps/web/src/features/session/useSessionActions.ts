import { useMutation } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { restClient } from "../../api/restClient";
import { frameSync } from "../../api/frameSync";
import { getSessions } from "../../api/sessionsCache";
import { addSession, removeSession, updateSession } from "../../api/sessionsSync";
import { useSessionsStore } from "../../stores/sessionsStore";

/** True while a session's connection is open or opening (Close applies). */
export function isLive(session: SessionInfo): boolean {
  return !session.recorded && (session.status === "ready" || session.status === "connecting");
}

/** "Restart" for stdio (a fresh process), "Reconnect" for remote servers. */
export function reconnectVerb(session: SessionInfo): "Restart" | "Reconnect" {
  return session.transport === "stdio" ? "Restart" : "Reconnect";
}

/**
 * Close, reconnect and delete for sessions. Reconnecting selects the new session when the
 * old one was selected; deleting forgets the session in the store.
 */
export function useSessionActions() {
  const close = useMutation({
    mutationFn: (id: string) => restClient.closeSession(id),
    // The stream says the session closed; its answer may come first.
    onSuccess: (_, id) => void restClient.getSession(id).then((s) => (s.status === "closed" || s.status === "failed" ? updateSession(s) : undefined), () => undefined),
  });
  const reconnect = useMutation({
    mutationFn: (id: string) => restClient.reconnectSession(id),
    onSuccess: (session, oldId) => {
      addSession(session);
      const store = useSessionsStore.getState();
      if (store.selectedId === oldId || store.selectedId === undefined) store.select(session.id);
    },
    // A failed reconnect still made a (failed) session: show it, and with it the reason.
    onError: (_, oldId) => {
      const store = useSessionsStore.getState();
      const successor = Object.values(getSessions())
        .filter((s) => s.previousId === oldId)
        .sort((a, b) => b.createdAt - a.createdAt)[0];
      if (successor && store.selectedId === oldId) store.select(successor.id);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => restClient.deleteSession(id),
    onSuccess: (_, id) => {
      removeSession(id);
      frameSync.forget(id);
    },
  });
  return { close, reconnect, remove };
}
