import type { SessionInfo } from "@mcpscope/protocol";
import { useSessionSidebar, useSidebarStore } from "../../stores/sidebarStore";
import { isMethodNotFound } from "../sidebar/mcpRequest";
import { LoadMore } from "../sidebar/LoadMore";
import { PaneStatus } from "../sidebar/PaneStatus";
import { pagedItems, usePagedList } from "../sidebar/usePagedList";
import type { Resource, ResourceTemplate } from "./resourceTypes";
import { CacheHintNote, RefreshButton, useCachedRefresh } from "../sidebar/RefreshButton";
import { SubscribeButton } from "./SubscribeButton";
import { WatchButton } from "./WatchButton";

/**
 * Regions "Resources" and "Resource templates": the server's `resources/list` and
 * `resources/templates/list` (paginated, "Load more" follows `nextCursor`), with
 * Subscribe/Unsubscribe per resource when the server declares `resources.subscribe` (on a
 * 2026-07-28 session, which removed `resources/subscribe`: Watch, through the session's
 * `subscriptions/listen` stream), and each list's cache hint.
 */
export function ResourcesPane({ session }: { session: SessionInfo }) {
  const ready = session.status === "ready";
  const resources = usePagedList<Resource>("resources", session.id, "resources/list", "resources", ready);
  const templates = usePagedList<ResourceTemplate>("resourceTemplates", session.id, "resources/templates/list", "resourceTemplates", ready);
  const sidebar = useSessionSidebar(session.id);
  const update = useSidebarStore((s) => s.update);
  const canSubscribe = (session.capabilities?.resources as { subscribe?: boolean } | undefined)?.subscribe === true;
  const items = pagedItems(resources.data);
  const templateItems = pagedItems(templates.data);
  const selected = sidebar.resource;
  const modern = session.era === "modern";
  const refreshResources = useCachedRefresh(session.id, "resources", "resources", () => resources.refetch());
  const refreshTemplates = useCachedRefresh(session.id, "resourceTemplates", "resource templates", () => templates.refetch());

  return (
    <div className="feature-pane">
      <section aria-label="Resources" className="pane">
        <div className="pane-head">
          <h2 className="pane-title">Resources</h2>
          {resources.data && <span className="count">{items.length}</span>}
          {ready && <RefreshButton refresh={refreshResources} fetching={resources.isFetching} />}
        </div>
        {ready && <CacheHintNote refresh={refreshResources} />}
        <PaneStatus session={session} what="resources" query={resources} />
        {resources.data && items.length === 0 && <p className="muted small pad">The server lists no resources.</p>}
        <ul className="item-list" aria-label="Resource list">
          {items.map((r, i) => {
            const label = r.title ?? r.name;
            const isSelected = selected?.kind === "resource" && selected.uri === r.uri;
            const updated = sidebar.subscriptions[r.uri]?.updated;
            return (
              <li key={`${r.uri}#${i}`} className={isSelected ? "selected" : undefined}>
                <button
                  type="button"
                  className="item-name"
                  aria-current={isSelected ? "true" : undefined}
                  aria-describedby={`resource-uri-${i}`}
                  onClick={() => update(session.id, () => ({ resource: { kind: "resource", uri: r.uri } }))}
                >
                  {label}
                </button>
                {updated && <span className="badge updated">updated</span>}
                {canSubscribe && ready && !modern && <SubscribeButton sessionId={session.id} uri={r.uri} label={label} />}
                {canSubscribe && ready && modern && !session.recorded && <WatchButton session={session} uri={r.uri} label={label} />}
                <span id={`resource-uri-${i}`} className="item-detail">
                  {r.uri}
                  {r.mimeType ? ` · ${r.mimeType}` : ""}
                </span>
              </li>
            );
          })}
        </ul>
        <LoadMore count={items.length} what="resources" query={resources} />
      </section>
      <section aria-label="Resource templates" className="pane">
        <div className="pane-head">
          <h2 className="pane-title">Resource templates</h2>
          {templates.data && <span className="count">{templateItems.length}</span>}
          {ready && !isMethodNotFound(templates.error) && <RefreshButton refresh={refreshTemplates} fetching={templates.isFetching} />}
        </div>
        {ready && <CacheHintNote refresh={refreshTemplates} />}
        {isMethodNotFound(templates.error) ? (
          <p className="muted small pad">The server has no resource templates (it does not implement resources/templates/list).</p>
        ) : (
          <PaneStatus session={session} what="resource templates" query={templates} />
        )}
        {templates.data && templateItems.length === 0 && <p className="muted small pad">The server lists no resource templates.</p>}
        <ul className="item-list" aria-label="Resource template list">
          {templateItems.map((t, i) => {
            const isSelected = selected?.kind === "template" && selected.uriTemplate === t.uriTemplate;
            return (
              <li key={`${t.uriTemplate}#${i}`} className={isSelected ? "selected" : undefined}>
                <button
                  type="button"
                  className="item-name"
                  aria-current={isSelected ? "true" : undefined}
                  aria-describedby={`template-uri-${i}`}
                  onClick={() => update(session.id, () => ({ resource: { kind: "template", uriTemplate: t.uriTemplate } }))}
                >
                  {t.title ?? t.name}
                </button>
                <span id={`template-uri-${i}`} className="item-detail">
                  {t.uriTemplate}
                </span>
              </li>
            );
          })}
        </ul>
        <LoadMore count={templateItems.length} what="resource templates" query={templates} />
      </section>
    </div>
  );
}
