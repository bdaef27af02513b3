import { useQueryClient } from "@tanstack/react-query";
import { useSessionSidebar, useSidebarStore, type ChangeableList } from "../../stores/sidebarStore";
import { listQueryKeys } from "./serverNotification";

/**
 * "List changed — Refresh": shown when the server sent `notifications/<list>/list_changed`
 * while auto-refresh was off. Refresh refetches the list and clears the notice.
 */
export function ListChangedNotice({ sessionId, list }: { sessionId: string; list: ChangeableList }) {
  const stale = useSessionSidebar(sessionId).stale[list];
  const update = useSidebarStore((s) => s.update);
  const queryClient = useQueryClient();
  if (!stale) return null;
  const refresh = () => {
    update(sessionId, (s) => ({ stale: { ...s.stale, [list]: undefined } }));
    for (const queryKey of listQueryKeys(list, sessionId)) void queryClient.invalidateQueries({ queryKey });
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
