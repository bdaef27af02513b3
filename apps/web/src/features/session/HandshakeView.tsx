import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { LATEST_PROTOCOL_VERSION, isOlderProtocol } from "../../lib/protocolVersion";
import { transportName } from "../../lib/targetLabel";

function Json({ value, label }: { value: unknown; label: string }) {
  if (value === undefined) return <p className="muted small">Not reported.</p>;
  return (
    <pre className="json" aria-label={label} tabIndex={0}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** How the transport was chosen: asked for, or found by trying Streamable HTTP then SSE. */
function transportNote(session: SessionInfo): string | undefined {
  if (session.target.transport !== "auto") return undefined;
  return session.transport === "sse" ? "auto: Streamable HTTP was refused, fell back to SSE" : "auto: Streamable HTTP answered";
}

/**
 * Disclosure button and region "Initialize handshake": what `initialize` negotiated (MCP 2025-11-25
 * "Lifecycle → Initialization"): protocol version, server info, instructions, both sides'
 * capabilities, and the transport used. Server text is rendered as text, never as HTML.
 */
export function HandshakeView({ session }: { session: SessionInfo }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open) {
      setOpen(false);
      button.current?.focus();
    }
  };
  const info = session.serverInfo;
  const note = transportNote(session);
  const older = isOlderProtocol(session.protocolVersion);

  return (
    <div className="handshake" onKeyDown={onKeyDown}>
      <button
        type="button"
        ref={button}
        className="disclosure"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
      >
        Initialize handshake
      </button>
      <section id={`${id}-panel`} className="handshake-panel" aria-label="Initialize handshake" hidden={!open}>
        <dl className="handshake-facts">
          <dt>Transport</dt>
          <dd>
            {transportName(session.transport)}
            {note && <span className="muted"> ({note})</span>}
          </dd>
          <dt>Protocol version</dt>
          <dd>
            {session.protocolVersion ?? <span className="muted">not negotiated</span>}
            {older && (
              <span className="badge badge-warn">
                older than {LATEST_PROTOCOL_VERSION}: server speaks {session.protocolVersion}
              </span>
            )}
          </dd>
          {session.negotiation && (
            <>
              <dt>Chosen by</dt>
              <dd>
                {session.negotiation.mode === "pinned" ? "pinned" : "auto"}, {session.negotiation.outcome === "discover" ? "server/discover" : session.negotiation.outcome === "fallback" ? "fallback to initialize" : "initialize"}
                {session.era && <span className="muted"> ({session.era} era)</span>}
                {session.negotiation.reason && <span className="muted">: {session.negotiation.reason}</span>}
              </dd>
            </>
          )}
          <dt>Server</dt>
          <dd>
            {info ? (
              <>
                <code>{info.name}</code>
                {info.title && <> · {info.title}</>} · v{info.version}
              </>
            ) : (
              <span className="muted">no initialize result</span>
            )}
          </dd>
          {session.pid !== undefined && (
            <>
              <dt>Process</dt>
              <dd>pid {session.pid}</dd>
            </>
          )}
        </dl>
        <h3>Instructions</h3>
        {session.instructions ? <pre className="instructions-text">{session.instructions}</pre> : <p className="muted small">None.</p>}
        <h3>Server capabilities</h3>
        <Json value={session.capabilities} label="Server capabilities JSON" />
        <h3>Client capabilities</h3>
        <Json value={session.clientCapabilities} label="Client capabilities JSON" />
      </section>
    </div>
  );
}
