import type { SessionInfo } from "@mcpscope/protocol/types";
import { PaneStatus } from "../sidebar/PaneStatus";
import { useAppsStore } from "./appsStore";
import { useAppResources } from "./useAppResources";
import "./apps.css";

/**
 * Region "Apps": the server's MCP Apps (its `ui://` resources, from tool metadata and
 * `resources/list`), each with the tools that render with it. Selecting one opens it in
 * the Apps view beside.
 */
export function AppsPane({ session }: { session: SessionInfo }) {
  const { apps, tools } = useAppResources(session);
  const selected = useAppsStore((s) => s.selected[session.id]) ?? apps[0]?.uri;
  const select = useAppsStore((s) => s.select);
  return (
    <div className="feature-pane">
      <section aria-label="Apps" className="pane">
        <div className="pane-head">
          <h2 className="pane-title">Apps</h2>
          <span className="count">{apps.length}</span>
        </div>
        <PaneStatus session={session} what="tools" query={tools} />
        {!tools.isPending && apps.length === 0 && <p className="muted small pad">The server declares no MCP App (no tool names a ui:// resource).</p>}
        <ul className="apps-list" aria-label="App list">
          {apps.map((app) => (
            <li key={app.uri}>
              <button type="button" aria-current={app.uri === selected ? "true" : undefined} onClick={() => select(session.id, app.uri)}>
                <code className="app-uri">{app.uri}</code>
                {(app.listed?.title ?? app.listed?.name ?? app.uri) !== app.uri && <span>{app.listed?.title ?? app.listed?.name}</span>}
                {app.listed?.description && <span className="muted small">{app.listed.description}</span>}
                {app.tools.length > 0 && <span className="muted small">tools: {app.tools.map((t) => t.name).join(", ")}</span>}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
