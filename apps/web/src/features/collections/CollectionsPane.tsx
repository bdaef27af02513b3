import { useQuery } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol/types";
import { describeError } from "../../api/apiRequestError";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSessionSidebar, useSidebarStore } from "../../stores/sidebarStore";
import { collectionsApi } from "./collectionsApi";
import "./collections.css";

/**
 * Region "Collections": the collection files of the collections directory (react-query
 * `['collections']`), each with its item count; selecting one shows it in the middle column.
 * A file that is not a valid collection is listed with the reason.
 */
export function CollectionsPane({ session }: { session: SessionInfo }) {
  const list = useQuery({ queryKey: ["collections"], queryFn: collectionsApi.list });
  const selected = useSessionSidebar(session.id).collection;
  const update = useSidebarStore((s) => s.update);
  const collections = list.data?.collections ?? [];
  return (
    <section aria-label="Collections" className="pane feature-pane">
      <div className="pane-head">
        <h2 className="pane-title">Collections</h2>
        {list.data && <span className="count">{collections.length}</span>}
        <button type="button" className="ghost small" onClick={() => void list.refetch()} disabled={list.isFetching}>
          {list.isFetching ? "Loading…" : "Refresh"}
        </button>
      </div>
      {list.isError && <ErrorAlert error={describeError(list.error)} />}
      {list.isPending && <p className="muted small pad">Loading collections…</p>}
      {list.data && collections.length === 0 && (
        <p className="muted small pad">
          No collections yet. “Save to collection…” beside a tool result, a resource, a prompt’s messages or a request frame starts one.
        </p>
      )}
      <ul className="item-list" aria-label="Collection list">
        {collections.map((c, i) => (
          <li key={c.id} className={c.id === selected ? "selected" : undefined}>
            <button
              type="button"
              className="item-name"
              aria-current={c.id === selected ? "true" : undefined}
              aria-describedby={`collection-desc-${i}`}
              onClick={() => update(session.id, () => ({ collection: c.id }))}
            >
              {c.name}
            </button>
            <span id={`collection-desc-${i}`} className={`item-detail${c.error ? " invalid-reason" : ""}`}>
              {c.error ? `Not a valid collection: ${c.error}` : `${c.items.length} item${c.items.length === 1 ? "" : "s"} · ${c.id}.json`}
            </span>
          </li>
        ))}
      </ul>
      {list.data && <p className="help pad collections-dir">In {list.data.dir}</p>}
    </section>
  );
}
