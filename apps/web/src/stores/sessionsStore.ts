import { create } from "zustand";
import type { SessionInfo } from "@mcpscope/protocol";
import type { LiveStatus } from "../api/liveClient";

interface SessionsState {
  sessions: Record<string, SessionInfo>;
  /** The session the UI shows; chosen automatically until the user picks one. */
  selectedId?: string;
  liveStatus: LiveStatus;
  /** True once the first session list arrived. */
  loaded: boolean;
  /** A selected session (e.g. from a link) that the session list did not have. */
  missingId?: string;
  setAll: (sessions: SessionInfo[]) => void;
  upsert: (session: SessionInfo) => void;
  select: (id: string) => void;
  /** Forgets a deleted session; selects another when it was the selected one. */
  remove: (id: string) => void;
  setLiveStatus: (status: LiveStatus) => void;
  dismissMissing: () => void;
}

/** True while a session can still do work. */
export function isActive(session: SessionInfo | undefined): boolean {
  return session !== undefined && session.status !== "closed" && session.status !== "failed";
}

/** The newest session that is neither closed nor failed. */
export function pickDefaultSession(sessions: SessionInfo[]): SessionInfo | undefined {
  return sessions.filter(isActive).sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** Ids of sessions deleted from this page: late WebSocket events must not bring them back. */
const deleted = new Set<string>();

const STATUS_RANK = { connecting: 0, ready: 1, closed: 2, failed: 2 } as const;

export const useSessionsStore = create<SessionsState>((set, get) => ({
  sessions: {},
  selectedId: undefined,
  liveStatus: "connecting",
  loaded: false,
  missingId: undefined,
  setAll: (list) => {
    const sessions = Object.fromEntries(list.filter((s) => !deleted.has(s.id)).map((s) => [s.id, s]));
    const { selectedId, missingId } = get();
    const keep = selectedId !== undefined && sessions[selectedId] !== undefined;
    set({
      sessions,
      loaded: true,
      selectedId: keep ? selectedId : pickDefaultSession(Object.values(sessions))?.id,
      missingId: keep || selectedId === undefined ? missingId : selectedId,
    });
  },
  upsert: (session) => {
    const { sessions, selectedId } = get();
    if (deleted.has(session.id)) return;
    const known = sessions[session.id];
    // The POST answer and WebSocket events travel separately: never step a status back.
    if (known && STATUS_RANK[known.status] > STATUS_RANK[session.status]) return;
    const current = selectedId === undefined ? undefined : sessions[selectedId];
    const adopt = !isActive(current) && isActive(session) && session.id !== selectedId && !sessions[session.id];
    set({
      sessions: { ...sessions, [session.id]: session },
      selectedId: selectedId === undefined || adopt ? session.id : selectedId,
    });
  },
  select: (id) => set({ selectedId: id }),
  remove: (id) => {
    const { sessions, selectedId } = get();
    deleted.add(id);
    if (!sessions[id]) return;
    const rest = { ...sessions };
    delete rest[id];
    const list = sortedSessions(rest);
    set({ sessions: rest, selectedId: selectedId === id ? (pickDefaultSession(list) ?? list[0])?.id : selectedId });
  },
  setLiveStatus: (liveStatus) => set({ liveStatus }),
  dismissMissing: () => set({ missingId: undefined }),
}));

/** Sessions, newest first. */
export function sortedSessions(sessions: Record<string, SessionInfo>): SessionInfo[] {
  return Object.values(sessions).sort((a, b) => b.createdAt - a.createdAt);
}

/** The selected session's info, if any. */
export function useSelectedSession(): SessionInfo | undefined {
  return useSessionsStore((s) => (s.selectedId === undefined ? undefined : s.sessions[s.selectedId]));
}
