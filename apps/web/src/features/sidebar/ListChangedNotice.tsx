import { useCallback, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useSessionSidebar, useSidebarStore, type ChangeableList } from "../../stores/sidebarStore";
import { isFetchedAfter } from "./isFetchedAfter";
import { listQueryKeys } from "./serverNotification";

/**
 * "List changed — Refresh": shown when the server sent `notifications/<list>/list_changed`
 * while auto-refresh was off, until the list is fetched again (by this Refresh or any other).
 */
export function ListChangedNotice({ sessionId, list }: { sessionId: string; list: ChangeableList }) {
  const change = useSessionSidebar(sessionId).stale[list];
  const update = useSidebarStore((s) => s.update);
  const queryClient = useQueryClient();
  const keys = listQueryKeys(list, sessionId);
  const subscribe = useCallback((onChange: () => void) => queryClient.getQueryCache().subscribe(onChange), [queryClient]);
  // Answered once any of the list's queries fetched after the change.
  const answered = useSyncExternalStore(subscribe, () =>
    keys.some((key) => {
      const state = queryClient.getQueryState(key);
      return change !== undefined && state !== undefined && isFetchedAfter(state, change);
    }),
  );
  if (change === undefined || answered) return null;
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
