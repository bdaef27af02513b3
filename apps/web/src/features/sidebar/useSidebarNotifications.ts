import { useQueryClient } from "@tanstack/react-query";
import { getSession } from "../../api/sessionsCache";
import { useSidebarStore } from "../../stores/sidebarStore";
import { listQueryKeys } from "./serverNotification";
import { isFetchedAfter } from "./isFetchedAfter";
import { useSidebarEvents } from "./useSidebarEvents";

/**
 * What the sidebar does on server notifications of a session: a `list_changed` refreshes
 * the list (or, with auto-refresh off, marks it stale for a "List changed" notice); a
 * `resources/updated` for a subscribed URI (on 2026-07-28: any, since only watched URIs are
 * sent on the session's `subscriptions/listen` stream) marks it updated until the next answered read;
 * answered subscribes and unsubscribes (from anyone) set the subscriptions; a task handle
 * (2026-07-28 Tasks extension) lists its task under the tool's name; a task status
 * refreshes the task list and that task. List changes older than the shown list are not news.
 */
export function useSidebarNotifications(sessionId: string | undefined): void {
  const queryClient = useQueryClient();
  useSidebarEvents(sessionId, (n, frame) => {
    if (!sessionId) return;
    const store = useSidebarStore.getState();
    if (n.type === "listChanged") {
      const keys = listQueryKeys(n.list, sessionId);
      const news = keys.some((key) => {
        const state = queryClient.getQueryState(key);
        return state !== undefined && state.dataUpdatedAt > 0 && !isFetchedAfter(state, frame);
      });
      if (!news) return;
      if (store.autoRefresh) for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
      else store.update(sessionId, (s) => ({ stale: { ...s.stale, [n.list]: { seq: frame.seq, ts: frame.ts } } }));
    } else if (n.type === "resourceUpdated") {
      const sub = store.of(sessionId).subscriptions[n.uri];
      // On 2026-07-28 an update comes only for a URI the listen stream watches: any is news.
      const modern = getSession(sessionId)?.era === "modern";
      if ((!sub && !modern) || sub?.updated) return;
      store.update(sessionId, (s) => ({ subscriptions: { ...s.subscriptions, [n.uri]: { updated: true } } }));
    } else if (n.type === "subscribed") {
      if (store.of(sessionId).subscriptions[n.uri]) return;
      store.update(sessionId, (s) => ({ subscriptions: { ...s.subscriptions, [n.uri]: { updated: false } } }));
    } else if (n.type === "unsubscribed") {
      if (!store.of(sessionId).subscriptions[n.uri]) return;
      store.update(sessionId, (s) => {
        const { [n.uri]: _gone, ...rest } = s.subscriptions;
        return { subscriptions: rest };
      });
    } else if (n.type === "read") {
      if (!store.of(sessionId).subscriptions[n.uri]?.updated) return;
      store.update(sessionId, (s) => ({ subscriptions: { ...s.subscriptions, [n.uri]: { updated: false } } }));
    } else if (n.type === "taskCreated") {
      if (store.of(sessionId).taskLabels[n.taskId]) return;
      store.update(sessionId, (s) => ({ taskLabels: { ...s.taskLabels, [n.taskId]: n.toolName } }));
    } else if (n.type === "taskStatus") {
      void queryClient.invalidateQueries({ queryKey: ["tasks", sessionId] });
      void queryClient.invalidateQueries({ queryKey: ["task", sessionId, n.taskId] });
    }
  });
}
