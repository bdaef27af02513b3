import { create } from "zustand";

/**
 * A tab of the sidebar column: one per server feature (MCP 2025-11-25 "Server Features"),
 * `apps` for the server's MCP Apps (extension `io.modelcontextprotocol/ui`), mcpscope's own
 * Collections (saved requests with assertions), and Auth (OAuth of a remote session).
 */
export type SidebarTab = "tools" | "resources" | "prompts" | "tasks" | "apps" | "collections" | "auth";

/** A list a server can announce as changed with `notifications/<list>/list_changed`. */
export type ChangeableList = "tools" | "resources" | "prompts";

/** What the Resources tab has selected: a resource by URI, or a resource template. */
export type ResourceSelection = { kind: "resource"; uri: string } | { kind: "template"; uriTemplate: string };

/**
 * A resource subscription (`resources/subscribe`), as the wire shows it: made from this
 * page or by anyone else driving the session.
 */
export interface Subscription {
  /** True once a `notifications/resources/updated` for the URI arrived since the last read. */
  updated: boolean;
}

interface SessionSidebar {
  tab?: SidebarTab;
  resource?: ResourceSelection;
  prompt?: string;
  task?: string;
  /** The selected collection's id (Collections tab). */
  collection?: string;
  /** Subscribed resource URIs. */
  subscriptions: Record<string, Subscription>;
  /** Lists announced as changed while auto-refresh was off: the notification frame's seq and ts. */
  stale: Partial<Record<ChangeableList, { seq: number; ts: number }>>;
  /** What started a task from this page (the tool's name), by task id. */
  taskLabels: Record<string, string>;
  /** The URI last expanded from a resource template, to read, by template. */
  templateUris: Record<string, string>;
  /** The last `prompts/get` answer: its result or the error shown for it. */
  promptRun?: { name: string; arguments?: Record<string, string>; result?: unknown; error?: { message: string; hint?: string } };
}

interface SidebarState {
  sessions: Record<string, SessionSidebar>;
  /** Refresh a list on its `list_changed` notification (else show a notice). Default on. */
  autoRefresh: boolean;
  of: (sessionId: string) => SessionSidebar;
  update: (sessionId: string, patch: (s: SessionSidebar) => Partial<SessionSidebar>) => void;
  setAutoRefresh: (on: boolean) => void;
}

const EMPTY: SessionSidebar = { subscriptions: {}, stale: {}, taskLabels: {}, templateUris: {} };

/** Per-session state of the sidebar tabs: active tab, selections, subscriptions, stale lists. */
export const useSidebarStore = create<SidebarState>((set, get) => ({
  sessions: {},
  autoRefresh: true,
  of: (sessionId) => get().sessions[sessionId] ?? EMPTY,
  update: (sessionId, patch) =>
    set((s) => {
      const current = s.sessions[sessionId] ?? EMPTY;
      return { sessions: { ...s.sessions, [sessionId]: { ...current, ...patch(current) } } };
    }),
  setAutoRefresh: (on) => set({ autoRefresh: on }),
}));

/** The sidebar state of one session (a stable empty state when it has none). */
export function useSessionSidebar(sessionId: string | undefined): SessionSidebar {
  return useSidebarStore((s) => (sessionId ? (s.sessions[sessionId] ?? EMPTY) : EMPTY));
}
