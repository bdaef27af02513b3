import type { ListPage } from "./usePagedList";

/**
 * Whether a list query's data was fetched after a frame (a `list_changed` notification),
 * so it already reflects the change. A paged list knows the newest seq it had seen when
 * it asked (no clocks involved); other lists (tools) compare the frame's `ts` with when
 * the data arrived, both epoch milliseconds.
 */
export function isFetchedAfter(state: { data?: unknown; dataUpdatedAt: number }, frame: { seq: number; ts: number }): boolean {
  if (state.dataUpdatedAt === 0) return false;
  const heldSeq = (state.data as { pages?: ListPage<unknown>[] } | undefined)?.pages?.[0]?.heldSeq;
  return heldSeq !== undefined ? heldSeq >= frame.seq : state.dataUpdatedAt > frame.ts;
}
