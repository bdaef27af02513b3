import type { SessionInfo } from "@mcpscope/protocol";

/** The groups of the sessions list, in the order shown. */
export type SessionGroup = "live" | "closed" | "earlier" | "imported";

/** Each group's heading. */
export const GROUP_TITLES: Record<SessionGroup, string> = {
  live: "Live",
  closed: "Closed",
  earlier: "Earlier runs",
  imported: "Imported",
};

/**
 * Which group a session belongs to: live (this run, connected or connecting), closed (this
 * run, closed or failed), an earlier run's recording, or an imported recording.
 */
export function groupOf(session: SessionInfo): SessionGroup {
  if (session.recorded) return session.imported ? "imported" : "earlier";
  return session.status === "ready" || session.status === "connecting" ? "live" : "closed";
}

/** Whether a session matches a search: every word found in its label, target, id, server name or protocol. */
export function matchesSearch(session: SessionInfo, label: string, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const target = session.target.transport === "stdio" ? [session.target.command, ...session.target.args].join(" ") : session.target.url;
  const haystack = [label, target, session.id, session.serverInfo?.name, session.serverInfo?.title, session.protocolVersion, session.status]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Sessions grouped (live first), each group newest first; empty groups left out. */
export function groupSessions(sessions: SessionInfo[]): { group: SessionGroup; sessions: SessionInfo[] }[] {
  const order: SessionGroup[] = ["live", "closed", "earlier", "imported"];
  return order
    .map((group) => ({ group, sessions: sessions.filter((s) => groupOf(s) === group).sort((a, b) => b.createdAt - a.createdAt) }))
    .filter((g) => g.sessions.length > 0);
}

/** Sessions that can be pruned (everything not live), created before `now - ageMs`. */
export function olderThan(sessions: SessionInfo[], ageMs: number, now: number): SessionInfo[] {
  return sessions.filter((s) => groupOf(s) !== "live" && s.createdAt < now - ageMs);
}
