import { useMutation } from "@tanstack/react-query";
import { useSessionSidebar, useSidebarStore } from "../../stores/sidebarStore";
import { mcpRequest } from "../sidebar/mcpRequest";

/**
 * The subscription to one resource (MCP 2025-11-25 "Resources → Subscriptions"):
 * whether it is subscribed from this page, whether the server reported it updated since,
 * and `toggle` (sends `resources/subscribe` or `resources/unsubscribe`).
 */
export function useSubscription(sessionId: string, uri: string) {
  const sub = useSessionSidebar(sessionId).subscriptions[uri];
  const update = useSidebarStore((s) => s.update);
  const toggle = useMutation({
    mutationFn: async () => {
      if (sub) {
        await mcpRequest(sessionId, "resources/unsubscribe", { uri });
        update(sessionId, (s) => {
          const { [uri]: _gone, ...rest } = s.subscriptions;
          return { subscriptions: rest };
        });
      } else {
        // Before the request: an update may arrive before its answer does.
        const since = Date.now();
        await mcpRequest(sessionId, "resources/subscribe", { uri });
        update(sessionId, (s) => ({ subscriptions: { ...s.subscriptions, [uri]: { since, updated: false } } }));
      }
    },
  });
  const clearUpdated = () => {
    if (sub?.updated) update(sessionId, (s) => ({ subscriptions: { ...s.subscriptions, [uri]: { ...sub, updated: false } } }));
  };
  return { subscribed: sub !== undefined, updated: sub?.updated === true, toggle, clearUpdated };
}
