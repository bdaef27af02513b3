import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "./apiRequestError";

/**
 * The page's one TanStack Query client: what the proxy says over REST, and what it pushes
 * over the WebSocket (sessions, inboxes: see sessionsSync.ts), cached by query key.
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiRequestError && error.statusCode < 500) && failures < 2,
    },
  },
});
