import { create } from "zustand";

/** A result's cache hint (MCP 2026-07-28 "Caching", SEP-2549): how long it stays fresh, and who may share it. */
export interface CacheHint {
  /** Milliseconds the result stays fresh; 0: do not serve it from a cache. */
  ttlMs: number;
  /** `public` (any cache may keep it) or `private` (only this caller's). */
  cacheScope?: string;
}

/** The cache hint of a result, if it carries a `ttlMs`. */
export function readCacheHint(result: unknown): CacheHint | undefined {
  const r = result as { ttlMs?: unknown; cacheScope?: unknown } | undefined;
  if (typeof r?.ttlMs !== "number" || !(r.ttlMs >= 0)) return undefined;
  return { ttlMs: r.ttlMs, ...(typeof r.cacheScope === "string" ? { cacheScope: r.cacheScope } : {}) };
}

/** A duration in words: "60 s", "5 min", "1.5 h", "250 ms". */
function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 6_000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

/** "cached for 60 s, scope: public", or "not to be cached (ttlMs 0), scope: private". */
export function cacheHintText(hint: CacheHint): string {
  const scope = hint.cacheScope ? `, scope: ${hint.cacheScope}` : "";
  return hint.ttlMs > 0 ? `cached for ${duration(hint.ttlMs)}${scope}` : `not to be cached (ttlMs 0)${scope}`;
}

/** A list's hint and when it was fetched (epoch ms). */
export interface HeldHint extends CacheHint {
  fetchedAt: number;
}

interface CacheHintState {
  /** By `${sessionId}|${list}` (list: the react-query key's first part, e.g. `tools`). */
  hints: Record<string, HeldHint>;
  record(sessionId: string, list: string, result: unknown): void;
}

/** The cache hints of the lists the page fetched, per session and list. */
export const useCacheHintStore = create<CacheHintState>((set) => ({
  hints: {},
  record: (sessionId, list, result) => {
    const hint = readCacheHint(result);
    set((s) => {
      const { [`${sessionId}|${list}`]: _old, ...rest } = s.hints;
      return { hints: hint ? { ...rest, [`${sessionId}|${list}`]: { ...hint, fetchedAt: Date.now() } } : rest };
    });
  },
}));

/** The hint the server gave with a session's list, if any. */
export function useListCacheHint(sessionId: string | undefined, list: string): HeldHint | undefined {
  return useCacheHintStore((s) => (sessionId === undefined ? undefined : s.hints[`${sessionId}|${list}`]));
}

/** Milliseconds a held list stays fresh at `now` (0 when stale or never cacheable). */
export function freshFor(hint: HeldHint | undefined, now: number): number {
  return hint && hint.ttlMs > 0 ? Math.max(0, hint.fetchedAt + hint.ttlMs - now) : 0;
}
