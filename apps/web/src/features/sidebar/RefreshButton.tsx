import { useId, useState, type MouseEvent } from "react";
import { cacheHintText, freshFor, type HeldHint, useListCacheHint } from "./cacheHint";

/** A list's Refresh that honours the server's cache hint (see `useCachedRefresh`). */
export interface CachedRefresh {
  hint?: HeldHint;
  /** What the last click did, when it kept the cached list. */
  note: string;
  hintId: string;
  onClick: (event: MouseEvent) => void;
}

/**
 * Refresh for a list, honouring the server's cache hint (MCP 2026-07-28 "Caching"): while the
 * list the page holds is fresh (`ttlMs` since it was fetched), a click keeps it and says so;
 * Shift+click fetches anyway. `list` is the react-query key part the hint is held under.
 */
export function useCachedRefresh(sessionId: string, list: string, what: string, refetch: () => unknown): CachedRefresh {
  const hint = useListCacheHint(sessionId, list);
  const [note, setNote] = useState("");
  const hintId = useId();
  const onClick = (event: MouseEvent) => {
    const fresh = freshFor(hint, Date.now());
    if (fresh > 0 && !event.shiftKey) {
      setNote(`Kept the cached ${what}: fresh for ${Math.ceil(fresh / 1000)} s more. Shift+click Refresh to fetch anyway.`);
      return;
    }
    setNote("");
    void refetch();
  };
  return { hint, note, hintId, onClick };
}

/** The "Refresh" button of a list pane's head (its description: the cache hint). */
export function RefreshButton({ refresh, fetching }: { refresh: CachedRefresh; fetching: boolean }) {
  return (
    <button
      type="button"
      className="ghost small"
      onClick={refresh.onClick}
      disabled={fetching}
      aria-describedby={refresh.hint ? refresh.hintId : undefined}
      title={refresh.hint && refresh.hint.ttlMs > 0 ? "Shift+click ignores the cache" : undefined}
    >
      {fetching ? "Loading…" : "Refresh"}
    </button>
  );
}

/** Under a list pane's head: the list's cache hint ("cached for 60 s, scope: public"), and what Refresh did. */
export function CacheHintNote({ refresh }: { refresh: CachedRefresh }) {
  if (!refresh.hint && !refresh.note) return null;
  return (
    <div className="cache-hint muted small">
      {refresh.hint && (
        <span id={refresh.hintId}>
          {cacheHintText(refresh.hint)}
          {refresh.hint.ttlMs > 0 && " · Refresh keeps it while fresh; Shift+click fetches anyway"}
        </span>
      )}
      <span role="status">{refresh.note}</span>
    </div>
  );
}
