import { create } from "zustand";
import type { InboxItem } from "@mcpscope/protocol";

interface InboxState {
  /** Pending server→client requests per session, as the proxy last pushed them. */
  items: Record<string, InboxItem[]>;
  set(sessionId: string, items: InboxItem[]): void;
}

/** The inbox: server requests (sampling, elicitation) waiting for an answer, per session. */
export const useInboxStore = create<InboxState>((set, get) => ({
  items: {},
  set: (sessionId, items) => set({ items: { ...get().items, [sessionId]: items } }),
}));

const none: InboxItem[] = [];

/** The pending server requests of one session (a stable empty array when there are none). */
export function useInbox(sessionId: string | undefined): InboxItem[] {
  return useInboxStore((s) => (sessionId === undefined ? none : (s.items[sessionId] ?? none)));
}
