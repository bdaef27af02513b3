/** "Load more" for a paginated list, with how many items are loaded so far. */
export function LoadMore({ count, what, query }: { count: number; what: string; query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage(): unknown } }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="load-more">
      <span className="muted small">
        {count} {what} loaded; the server has more.
      </span>
      <button type="button" className="small" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {query.isFetchingNextPage ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}
