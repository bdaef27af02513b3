import { create } from "zustand";
import type { SessionInfo } from "@mcpscope/protocol";
import type { LiveStatus } from "../api/liveClient";
import { useSession } from "../api/sessionsCache";

/**
 * Which session the page shows, and the live stream's state: UI state only. The sessions
 * themselves are in the Query cache (api/sessionsCache.ts: `useSessions`, `useSession`),
 * written by api/sessionsSync.ts, which also moves the selection when sessions come and go.
 */
interface SessionsState {
  /** The session the UI shows; chosen automatically until the user picks one. */
  selectedId?: string;
  liveStatus: LiveStatus;
  /** True once the first session list arrived. */
  loaded: boolean;
  /** A selected session (e.g. from a link) that the session list did not have. */
  missingId?: string;
  select: (id: string | undefined) => void;
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

export const useSessionsStore = create<SessionsState>((set) => ({
  selectedId: undefined,
  liveStatus: "connecting",
  loaded: false,
  missingId: undefined,
  select: (selectedId) => set({ selectedId }),
  setLiveStatus: (liveStatus) => set({ liveStatus }),
  dismissMissing: () => set({ missingId: undefined }),
}));

/** Sessions, newest first. */
export function sortedSessions(sessions: Readonly<Record<string, SessionInfo>>): SessionInfo[] {
  return Object.values(sessions).sort((a, b) => b.createdAt - a.createdAt);
}

/** The selected session's info, if any. */
export function useSelectedSession(): SessionInfo | undefined {
  return useSession(useSessionsStore((s) => s.selectedId));
}
