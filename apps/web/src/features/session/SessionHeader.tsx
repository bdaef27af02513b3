import type { SessionInfo } from "@mcpscope/protocol";
import { isOlderProtocol, negotiationLabel } from "../../lib/protocolVersion";
import { targetDescription, targetLabel, transportName } from "../../lib/targetLabel";
import { useSessionsStore } from "../../stores/sessionsStore";
import { Inbox } from "../inbox/Inbox";
import { TapInbox } from "../taps/TapInbox";
import { TappedBadge } from "../taps/TappedBadge";
import { SharingControls } from "../sharing/SharingControls";
import { HeaderTools } from "../workbench/HeaderTools";
import { HandshakeView } from "./HandshakeView";
import { SessionToolbar } from "./SessionToolbar";
import { StatusBadge } from "./StatusBadge";

const LIVE_TEXT = { open: "Live", connecting: "Connecting…", reconnecting: "Reconnecting…" } as const;

/**
 * The page header, two rows: brand, the selected session's identity (status, server, transport,
 * protocol, capabilities) and the page-wide controls (Share, Commands, theme, Live) on the first;
 * the session's handshake, Inbox and actions on the second.
 */
export function SessionHeader({ session }: { session?: SessionInfo }) {
  const liveStatus = useSessionsStore((s) => s.liveStatus);
  const capabilities = Object.keys(session?.capabilities ?? {});

  return (
    <header className="app-header">
      <div className="brand">
        <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="7" cy="7" r="5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M10.5 10.5 15 15" stroke="currentColor" strokeWidth="2" />
        </svg>
        <span>mcpscope</span>
      </div>
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
          <span className="badge transport" title="Transport">
            {transportName(session.transport)}
          </span>
          {session.recorded && <span className="badge recorded">recorded</span>}
          {session.tap && <TappedBadge tap={session.tap} long />}
          {session.protocolVersion && (
            <span className={isOlderProtocol(session.protocolVersion) ? "protocol older" : "muted protocol"} title={session.negotiation?.reason}>
              Protocol {session.protocolVersion}
              {isOlderProtocol(session.protocolVersion) && " (older)"}
              {session.negotiation && ` · ${negotiationLabel(session.negotiation)}`}
            </span>
          )}
          {capabilities.length > 0 && (
            <ul className="capabilities" aria-label="Server capabilities">
              {capabilities.map((c) => (
                <li key={c} className="badge cap">
                  {c}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <div className="session-summary muted">No session</div>
      )}
      <div className="header-global">
        <SharingControls />
        <HeaderTools />
        <span className={`live live-${liveStatus}`} role="status" data-status={liveStatus} title="WebSocket connection to mcpscope">
          <span className="dot" aria-hidden="true" />
          {LIVE_TEXT[liveStatus]}
        </span>
      </div>
      {session && (
        <div className="header-session-actions">
          {/* Sibling keys must differ: two children keyed by the same session id made React keep the
              previous session's Inbox beside the new one when the selection changed. */}
          <HandshakeView key={`handshake:${session.id}`} session={session} />
          {!session.recorded && !session.tap && <Inbox key={`inbox:${session.id}`} session={session} />}
          {session.tap && <TapInbox key={`tap-inbox:${session.id}`} session={session} />}
          <SessionToolbar key={`toolbar:${session.id}`} session={session} />
        </div>
      )}
    </header>
  );
}
