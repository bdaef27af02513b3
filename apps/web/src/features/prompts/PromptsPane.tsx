import type { SessionInfo } from "@mcpscope/protocol";
import { useSessionSidebar, useSidebarStore } from "../../stores/sidebarStore";
import { LoadMore } from "../sidebar/LoadMore";
import { PaneStatus } from "../sidebar/PaneStatus";
import { CacheHintNote, RefreshButton, useCachedRefresh } from "../sidebar/RefreshButton";
import { pagedItems, usePagedList } from "../sidebar/usePagedList";
import type { Prompt } from "./promptTypes";

/** Region "Prompts": the server's `prompts/list` (paginated; "Load more" follows `nextCursor`). */
export function PromptsPane({ session }: { session: SessionInfo }) {
  const ready = session.status === "ready";
  const prompts = usePagedList<Prompt>("prompts", session.id, "prompts/list", "prompts", ready);
  const selected = useSessionSidebar(session.id).prompt;
  const update = useSidebarStore((s) => s.update);
  const items = pagedItems(prompts.data);
  const refresh = useCachedRefresh(session.id, "prompts", "prompts", () => prompts.refetch());

  return (
    <section aria-label="Prompts" className="pane feature-pane">
      <div className="pane-head">
        <h2 className="pane-title">Prompts</h2>
        {prompts.data && <span className="count">{items.length}</span>}
        {ready && <RefreshButton refresh={refresh} fetching={prompts.isFetching} />}
      </div>
      {ready && <CacheHintNote refresh={refresh} />}
      <PaneStatus session={session} what="prompts" query={prompts} />
      {prompts.data && items.length === 0 && <p className="muted small pad">The server lists no prompts.</p>}
      <ul className="item-list" aria-label="Prompt list">
        {items.map((p, i) => (
          <li key={`${p.name}#${i}`} className={p.name === selected ? "selected" : undefined}>
            <button
              type="button"
              className="item-name"
              aria-current={p.name === selected ? "true" : undefined}
              aria-describedby={p.title || p.description ? `prompt-desc-${i}` : undefined}
              onClick={() => update(session.id, () => ({ prompt: p.name }))}
            >
              {p.name}
            </button>
            {(p.title || p.description) && (
              <span id={`prompt-desc-${i}`} className="item-detail">
                {p.title && p.title !== p.name ? `${p.title}. ` : ""}
                {p.description}
              </span>
            )}
          </li>
        ))}
      </ul>
      <LoadMore count={items.length} what="prompts" query={prompts} />
    </section>
  );
}
