import { useMutation } from "@tanstack/react-query";
import { useSessionSidebar, useSidebarStore } from "../../stores/sidebarStore";
import { mcpRequest } from "../sidebar/mcpRequest";

/**
 * The subscription to one resource (MCP 2025-11-25 "Resources → Subscriptions"):
 * whether it is subscribed, whether the server reported it updated since the last read,
 * and `toggle` (sends `resources/subscribe` or `resources/unsubscribe`). The state follows
 * the answers on the wire (see `useSidebarNotifications`); `toggle` also sets it at once.
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
        await mcpRequest(sessionId, "resources/subscribe", { uri });
        // The answer's frame may have set it already, and an update marked it since.
        update(sessionId, (s) => ({ subscriptions: { ...s.subscriptions, [uri]: s.subscriptions[uri] ?? { updated: false } } }));
      }
    },
  });
  const clearUpdated = () => {
    if (sub?.updated) update(sessionId, (s) => ({ subscriptions: { ...s.subscriptions, [uri]: { ...sub, updated: false } } }));
  };
  return { subscribed: sub !== undefined, updated: sub?.updated === true, toggle, clearUpdated };
}
