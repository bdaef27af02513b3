import type { InboxItem, SessionInfo } from "@mcpscope/protocol";
import { isActive, pickDefaultSession, sortedSessions, useSessionsStore } from "../stores/sessionsStore";
import { queryClient } from "./queryClient";
import { getSessions, inboxQuery, type SessionsById, sessionsQuery } from "./sessionsCache";

/**
 * Writes what the proxy says about sessions into the Query cache, and keeps the selection
 * (stores/sessionsStore.ts) on a session that exists. The WebSocket is the source of
 * truth: its messages arrive in order, so an event never steps a session back, and a
 * REST answer only adds a session the stream has not told about yet.
 */

/** Ids of sessions deleted from this page: late WebSocket events must not bring them back. */
const deleted = new Set<string>();

function write(sessions: SessionsById): void {
  // A REST read still in flight would overwrite newer news with older.
  void queryClient.cancelQueries({ queryKey: sessionsQuery.queryKey, exact: true });
  queryClient.setQueryData(sessionsQuery.queryKey, sessions);
}

/**
 * Keeps the selection on a session in the list: the newest active one when it is not. A
 * selected session the list does not have (a link to a deleted one) is remembered as
 * `missingId`, for the page to say so.
 */
function selectFromList(sessions: SessionsById): void {
  const { selectedId, select, missingId } = useSessionsStore.getState();
  const keep = selectedId !== undefined && sessions[selectedId] !== undefined;
  useSessionsStore.setState({ loaded: true, missingId: keep || selectedId === undefined ? missingId : selectedId });
  if (!keep) {
    const next = pickDefaultSession(Object.values(sessions))?.id;
    if (next !== selectedId) select(next);
  }
}

/** The full list (the WebSocket sends it on every connect). */
export function replaceSessions(list: readonly SessionInfo[]): void {
  const sessions = Object.fromEntries(list.filter((s) => !deleted.has(s.id)).map((s) => [s.id, s]));
  write(sessions);
  selectFromList(sessions);
}

// The list read over REST (before the WebSocket's, or when it cannot connect) selects too.
queryClient.getQueryCache().subscribe((event) => {
  if (event.type !== "updated" || event.action.type !== "success" || event.action.manual) return;
  const key = event.query.queryKey as readonly unknown[];
  if (key.length === 1 && key[0] === sessionsQuery.queryKey[0]) selectFromList(event.action.data as SessionsById);
});

/** A session's new state (a WebSocket event). A new active session is selected when the selected one is done. */
export function updateSession(session: SessionInfo): void {
  if (deleted.has(session.id)) return;
  const sessions = getSessions();
  const known = sessions[session.id] !== undefined;
  write({ ...sessions, [session.id]: session });
  const { selectedId, select } = useSessionsStore.getState();
  const current = selectedId === undefined ? undefined : sessions[selectedId];
  if (selectedId === undefined || (!known && !isActive(current) && isActive(session) && session.id !== selectedId)) select(session.id);
}

/** A session this page opened (a REST answer): shown at once, unless the stream told about it already. */
export function addSession(session: SessionInfo): void {
  if (getSessions()[session.id] === undefined) updateSession(session);
}

/** Forgets a deleted session; selects another when it was the selected one. */
export function removeSession(id: string): void {
  deleted.add(id);
  const sessions = getSessions();
  if (sessions[id] === undefined) return;
  const rest = { ...sessions };
  delete rest[id];
  write(rest);
  queryClient.removeQueries({ queryKey: inboxQuery(id, false).queryKey });
  const { selectedId, select } = useSessionsStore.getState();
  if (selectedId === id) {
    const list = sortedSessions(rest);
    select((pickDefaultSession(list) ?? list[0])?.id);
  }
}

/** Why a session's frames stopped, shown in its banner (e.g. a recording with a bad line). */
export function setSessionError(id: string, code: string, message: string): void {
  const session = getSessions()[id];
  if (session) write({ ...getSessions(), [id]: { ...session, error: message, errorCode: code } });
}

/** Changes a session's info in place (e.g. its roots, as this page just set them). */
export function patchSession(id: string, patch: Partial<SessionInfo>): void {
  const session = getSessions()[id];
  if (session) write({ ...getSessions(), [id]: { ...session, ...patch } });
}

/** A session's pending server requests, as the WebSocket pushed them (or after answering one). */
export function setInbox(sessionId: string, items: InboxItem[]): void {
  const key = inboxQuery(sessionId, false).queryKey;
  void queryClient.cancelQueries({ queryKey: key, exact: true });
  queryClient.setQueryData(key, items);
}
