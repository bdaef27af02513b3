import { useInfiniteQuery } from "@tanstack/react-query";
import { frameSync } from "../../api/frameSync";
import { useCacheHintStore } from "./cacheHint";
import { mcpRequest } from "./mcpRequest";

/** One page of a paginated MCP list (MCP 2025-11-25 "Utilities → Pagination"). */
export interface ListPage<T> {
  items: T[];
  nextCursor?: string;
  /** The newest frame seq the page held when the request was sent: later changes are news. */
  heldSeq: number;
}

/**
 * A paginated MCP list (`resources/list`, `resources/templates/list`, `prompts/list`,
 * `tasks/list`) as a react-query infinite query under `[key, sessionId]`: the first page
 * loads at once, `fetchNextPage()` follows `nextCursor`. `field` names the result's array.
 */
export function usePagedList<T>(key: string, sessionId: string | undefined, method: string, field: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [key, sessionId],
    queryFn: async ({ pageParam }): Promise<ListPage<T>> => {
      const heldSeq = frameSync.heldSeq(sessionId!);
      const result = await mcpRequest<Record<string, unknown>>(sessionId!, method, pageParam ? { cursor: pageParam } : undefined);
      if (!pageParam) useCacheHintStore.getState().record(sessionId!, key, result);
      const items = Array.isArray(result[field]) ? (result[field] as T[]) : [];
      const next = typeof result.nextCursor === "string" && result.nextCursor !== "" ? result.nextCursor : undefined;
      return { items, heldSeq, ...(next ? { nextCursor: next } : {}) };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    enabled: enabled && sessionId !== undefined,
    staleTime: Infinity,
  });
}

/** Every item of the pages loaded so far. */
export function pagedItems<T>(data: { pages: ListPage<T>[] } | undefined): T[] {
  return data ? data.pages.flatMap((p) => p.items) : [];
}
