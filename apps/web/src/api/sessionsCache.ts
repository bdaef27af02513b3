import { queryOptions, useQuery } from "@tanstack/react-query";
import type { InboxItem, SessionInfo } from "@mcpscope/protocol";
import { queryClient } from "./queryClient";
import { restClient } from "./restClient";

/** Sessions by id, as the proxy last said. */
export type SessionsById = Readonly<Record<string, SessionInfo>>;

const NO_SESSIONS: SessionsById = {};
const NO_ITEMS: InboxItem[] = [];

/**
 * The session list in the Query cache (key `["sessions"]`): fetched once over REST
 * (`GET /api/sessions`), then kept current by the WebSocket (see sessionsSync.ts), never
 * refetched on its own.
 */
export const sessionsQuery = queryOptions({
  queryKey: ["sessions"] as const,
  queryFn: async (): Promise<SessionsById> => byId(await restClient.listSessions()),
  staleTime: Infinity,
  refetchOnMount: false,
  refetchOnReconnect: false,
});

/** A session's pending server requests (key `["inbox", sessionId]`), pushed by the WebSocket. */
export function inboxQuery(sessionId: string, fetchOnce: boolean) {
  return queryOptions({
    queryKey: ["inbox", sessionId] as const,
    queryFn: () => restClient.getInbox(sessionId),
    enabled: fetchOnce,
    staleTime: Infinity,
    refetchOnMount: false,
    refetchOnReconnect: false,
  });
}

export function byId(list: readonly SessionInfo[]): SessionsById {
  return Object.fromEntries(list.map((s) => [s.id, s]));
}

/** Every session, by id. */
export function useSessions(): SessionsById {
  return useQuery(sessionsQuery).data ?? NO_SESSIONS;
}

/** One session, re-rendering only when it changes. */
export function useSession(id: string | undefined): SessionInfo | undefined {
  return useQuery({ ...sessionsQuery, select: (sessions) => (id === undefined ? undefined : sessions[id]) }).data;
}

/** A session's protocol era, re-rendering only when it changes (not with every new frame count). */
export function useSessionEra(id: string): SessionInfo["era"] {
  return useQuery({ ...sessionsQuery, select: (sessions) => sessions[id]?.era }).data;
}

/** Every session, outside React. */
export function getSessions(): SessionsById {
  return queryClient.getQueryData(sessionsQuery.queryKey) ?? NO_SESSIONS;
}

/** One session, outside React. */
export function getSession(id: string): SessionInfo | undefined {
  return getSessions()[id];
}

/**
 * The pending server requests of one session (a stable empty array when there are none).
 * With `fetchOnce` (a live session), they are read over REST if the WebSocket has not
 * pushed them yet (a reload).
 */
export function useInbox(sessionId: string | undefined, fetchOnce = false): InboxItem[] {
  return useQuery({ ...inboxQuery(sessionId ?? "", fetchOnce && sessionId !== undefined) }).data ?? NO_ITEMS;
}
