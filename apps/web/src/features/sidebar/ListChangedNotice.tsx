import { useCallback, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useSessionSidebar, useSidebarStore, type ChangeableList } from "../../stores/sidebarStore";
import { listQueryKeys } from "./serverNotification";

/**
 * "List changed — Refresh": shown when the server sent `notifications/<list>/list_changed`
 * while auto-refresh was off, until the list is fetched again (by this Refresh or any other).
 */
export function ListChangedNotice({ sessionId, list }: { sessionId: string; list: ChangeableList }) {
  const changedAt = useSessionSidebar(sessionId).stale[list];
  const update = useSidebarStore((s) => s.update);
  const queryClient = useQueryClient();
  const keys = listQueryKeys(list, sessionId);
  const subscribe = useCallback((onChange: () => void) => queryClient.getQueryCache().subscribe(onChange), [queryClient]);
  // When the list was last fetched (epoch ms), by any of its queries.
  const fetchedAt = useSyncExternalStore(subscribe, () => Math.max(...keys.map((key) => queryClient.getQueryState(key)?.dataUpdatedAt ?? 0)));
  if (changedAt === undefined || fetchedAt > changedAt) return null;
  const refresh = () => {
    update(sessionId, (s) => ({ stale: { ...s.stale, [list]: undefined } }));
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };
  return (
    <div role="status" className="list-changed">
      <span>The server’s {list} list changed.</span>
      <button type="button" className="small" onClick={refresh}>
        Refresh
      </button>
    </div>
  );
}
