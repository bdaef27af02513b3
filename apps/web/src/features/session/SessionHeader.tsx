import { useMutation } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { targetDescription, targetLabel } from "../../lib/targetLabel";
import { isActive, useSessionsStore } from "../../stores/sessionsStore";
import { SessionPicker } from "./SessionPicker";
import { StatusBadge } from "./StatusBadge";

const LIVE_TEXT = { open: "Live", connecting: "Connecting…", reconnecting: "Reconnecting…" } as const;

/** The page header: brand, session switcher, server identity, capabilities, Disconnect. */
export function SessionHeader({ session }: { session?: SessionInfo }) {
  const liveStatus = useSessionsStore((s) => s.liveStatus);
  const disconnect = useMutation({ mutationFn: (id: string) => restClient.closeSession(id) });
  const capabilities = Object.keys(session?.capabilities ?? {});
  const error = disconnect.isError ? describeError(disconnect.error) : undefined;

  return (
    <header className="app-header">
      <div className="brand">
        <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="7" cy="7" r="5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M10.5 10.5 15 15" stroke="currentColor" strokeWidth="2" />
        </svg>
        <span>mcpscope</span>
      </div>
      <SessionPicker />
      {session ? (
        <div className="session-summary">
          <StatusBadge status={session.status} />
          <span className="server-name" title={targetDescription(session)}>
            {session.serverInfo ? (
              <>
                <strong>{session.serverInfo.title ?? session.serverInfo.name}</strong>{" "}
                <span className="muted">v{session.serverInfo.version}</span>
              </>
            ) : (
              <strong>{targetLabel(session)}</strong>
            )}
          </span>
          {session.protocolVersion && <span className="muted">Protocol {session.protocolVersion}</span>}
          {capabilities.length > 0 && (
            <ul className="capabilities" aria-label="Server capabilities">
              {capabilities.map((c) => (
                <li key={c} className="badge cap">
                  {c}
                </li>
              ))}
            </ul>
          )}
          {session.instructions && (
            <details className="instructions">
              <summary>Instructions</summary>
              <pre>{session.instructions}</pre>
            </details>
          )}
          {session.error && <span className="session-error">{session.error}</span>}
        </div>
      ) : (
        <div className="session-summary muted">No session</div>
      )}
      <div className="header-actions">
        {error && (
          <span role="alert" className="session-error">
            {error.message}
            {error.hint ? ` ${error.hint}` : ""}
          </span>
        )}
        <span className={`live live-${liveStatus}`} role="status" title="WebSocket connection to mcpscope">
          <span className="dot" aria-hidden="true" />
          {LIVE_TEXT[liveStatus]}
        </span>
        {session && isActive(session) && (
          <button type="button" onClick={() => disconnect.mutate(session.id)} disabled={disconnect.isPending}>
            Disconnect
          </button>
        )}
      </div>
    </header>
  );
}
