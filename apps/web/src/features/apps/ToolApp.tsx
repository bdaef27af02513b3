import type { SessionInfo } from "@mcpscope/protocol/types";
import type { Tool } from "../tools/toolTypes";
import type { AppToolOutcome } from "./appTypes";
import { LazyAppView } from "./LazyAppView";
import { sessionDeclaresApps } from "./sessionDeclaresApps";
import { toolUiResourceUri } from "./uiMeta";
import { useResolvedTheme } from "./useResolvedTheme";
import "./apps.css";

interface Props {
  session: SessionInfo;
  tool: Tool;
  /** The arguments of the call to render, once it started; undefined before any. */
  args?: Record<string, unknown>;
  /** The call's outcome once it is known. */
  outcome?: AppToolOutcome;
  /** Changes with each call: every call gets a fresh app instance. */
  runKey: number;
}

/**
 * Region "App": the MCP App of a tool whose `_meta.ui.resourceUri` names one, rendered with
 * the call's arguments and then its result (MCP Apps SEP-1865 "Lifecycle"), in mcpscope's
 * theme. Nothing for other tools, before the first call, or when the session did not
 * declare the MCP Apps extension.
 */
export function ToolApp({ session, tool, args, outcome, runKey }: Props) {
  const theme = useResolvedTheme();
  const uri = toolUiResourceUri(tool);
  if (!uri || args === undefined || !sessionDeclaresApps(session)) return null;
  return (
    <section aria-label="App" className="tool-app">
      <div className="pane-head">
        <h3 className="pane-title">App</h3>
        <span className="muted small">rendered by mcpscope as an MCP Apps host</span>
      </div>
      <LazyAppView
        key={`${session.id}:${tool.name}:${runKey}`}
        sessionId={session.id}
        resourceUri={uri}
        tool={tool}
        toolInput={args}
        outcome={outcome}
        theme={theme}
        serverResources={session.capabilities?.resources !== undefined}
      />
    </section>
  );
}
