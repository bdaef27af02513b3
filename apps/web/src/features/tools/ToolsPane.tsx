import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { useToolSelectionStore } from "../../stores/toolSelectionStore";
import { CacheHintNote, RefreshButton, useCachedRefresh } from "../sidebar/RefreshButton";
import { ToolList } from "./ToolList";
import { useTools } from "./useTools";
import { ErrorAlert } from "../../components/ErrorAlert";

/** Region "Tools": the session's tools from `tools/list`. */
export function ToolsPane({ session }: { session?: SessionInfo }) {
  const ready = session?.status === "ready";
  const hasTools = session?.capabilities === undefined || "tools" in (session.capabilities ?? {});
  const tools = useTools(session?.id, ready && hasTools);
  const selected = useToolSelectionStore((s) => (session ? s.selected[session.id] : undefined));
  const select = useToolSelectionStore((s) => s.select);
  const error = ready && tools.isError ? describeError(tools.error) : undefined;
  const refresh = useCachedRefresh(session?.id ?? "", "tools", "tools", () => tools.refetch());

  return (
    <section aria-label="Tools" className="pane tools-pane">
      <div className="pane-head">
        <h2 className="pane-title">Tools</h2>
        {ready && tools.data && <span className="count">{tools.data.length}</span>}
        {ready && hasTools && <RefreshButton refresh={refresh} fetching={tools.isFetching} />}
      </div>
      {ready && hasTools && <CacheHintNote refresh={refresh} />}
      {!session && <p className="muted small pad">Connect to a server to list its tools.</p>}
      {session && !ready && <p className="muted small pad">The session is {session.status}.</p>}
      {ready && !hasTools && <p className="muted small pad">This server does not offer tools.</p>}
      <ErrorAlert error={error} />
      {tools.isPending && ready && hasTools && <p className="muted small pad">Loading tools…</p>}
      {ready && tools.data && session && (
        <ToolList tools={tools.data} selected={selected} onSelect={(name) => select(session.id, name)} />
      )}
    </section>
  );
}
