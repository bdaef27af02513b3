import type { SessionInfo, SubscriptionFilter } from "@mcpscope/protocol/types";

/**
 * The `subscriptions/listen` filter a 2026-07-28 session's page asks for (MCP 2026-07-28
 * "Subscriptions"): list changes of every list the server says changes (`listChanged` in its
 * capabilities), and updates of the watched resource URIs.
 */
export function listenFilter(capabilities: Record<string, unknown> | undefined, watched: readonly string[]): SubscriptionFilter {
  const changes = (list: string) => (capabilities?.[list] as { listChanged?: unknown } | undefined)?.listChanged === true;
  return {
    ...(changes("tools") ? { toolsListChanged: true } : {}),
    ...(changes("prompts") ? { promptsListChanged: true } : {}),
    ...(changes("resources") ? { resourcesListChanged: true } : {}),
    ...(watched.length ? { resourceSubscriptions: [...new Set(watched)] } : {}),
  };
}

/** Whether a filter asks for nothing at all. */
export function isEmptyFilter(filter: SubscriptionFilter): boolean {
  return !filter.toolsListChanged && !filter.promptsListChanged && !filter.resourcesListChanged && !filter.resourceSubscriptions?.length;
}

/** The URIs a session's open (or opening) listen stream watches. */
export function watchedUris(session: Pick<SessionInfo, "subscription"> | undefined): string[] {
  const sub = session?.subscription;
  return sub && (sub.status === "open" || sub.status === "opening") ? (sub.filter.resourceSubscriptions ?? []) : [];
}

/** The session's filter with `uri` watched or not. */
export function toggledFilter(session: Pick<SessionInfo, "subscription" | "capabilities">, uri: string, watch: boolean): SubscriptionFilter {
  const current = watchedUris(session);
  return listenFilter(session.capabilities, watch ? [...current, uri] : current.filter((u) => u !== uri));
}

/** What a filter asks for, in words: "tools, prompts and resources lists; 1 resource". */
export function describeFilter(filter: SubscriptionFilter): string {
  const lists = [filter.toolsListChanged && "tools", filter.promptsListChanged && "prompts", filter.resourcesListChanged && "resources"].filter(Boolean) as string[];
  const parts: string[] = [];
  if (lists.length) parts.push(`${lists.length > 1 ? `${lists.slice(0, -1).join(", ")} and ${lists.at(-1)}` : lists[0]} list changes`);
  const n = filter.resourceSubscriptions?.length ?? 0;
  if (n) parts.push(`updates of ${n} resource${n === 1 ? "" : "s"}`);
  return parts.length ? parts.join("; ") : "nothing";
}
