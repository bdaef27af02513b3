import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { LATEST_PROTOCOL_VERSION, isOlderProtocol } from "../../lib/protocolVersion";
import { transportName } from "../../lib/targetLabel";
import { cacheHintText, readCacheHint } from "../sidebar/cacheHint";

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

/** What a 2026-07-28 server said to `server/discover` (MCP 2026-07-28 "Discovery"). */
function DiscoverFacts({ discover, chosen }: { discover: Record<string, unknown>; chosen?: string }) {
  const versions = Array.isArray(discover.supportedVersions) ? discover.supportedVersions.map(String) : [];
  const extensions = Object.keys(((discover.capabilities as { extensions?: unknown } | undefined)?.extensions ?? {}));
  const hint = readCacheHint(discover);
  return (
    <>
      <dt>Supported versions</dt>
      <dd>
        {versions.map((v, i) => (
          <span key={v}>
            {i > 0 && ", "}
            <code>{v}</code>
            {v === chosen && <span className="muted"> (chosen)</span>}
          </span>
        ))}
      </dd>
      {extensions.length > 0 && (
        <>
          <dt>Extensions</dt>
          <dd>
            {extensions.map((e, i) => (
              <span key={e}>
                {i > 0 && ", "}
                <code>{e}</code>
              </span>
            ))}
          </dd>
        </>
      )}
      {hint && (
        <>
          <dt>Cache hint</dt>
          <dd>{cacheHintText(hint)}</dd>
        </>
      )}
    </>
  );
}

/**
 * Disclosure button and region "Initialize handshake" (a 2026-07-28 session: "Server
 * discovery"): what `initialize` negotiated (MCP 2025-11-25 "Lifecycle → Initialization") or
 * what `server/discover` answered (MCP 2026-07-28 "Discovery": the versions the server speaks,
 * its capabilities and extensions, the result's cache hint): protocol version, server info,
 * instructions, both sides' capabilities, and the transport used. Server text is rendered as
 * text, never as HTML.
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
  const discover = session.era === "modern" ? session.discover : undefined;
  const title = session.era === "modern" ? "Server discovery" : "Initialize handshake";

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
        {title}
      </button>
      <section id={`${id}-panel`} className="handshake-panel" aria-label={title} hidden={!open}>
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
          {discover && <DiscoverFacts discover={discover} chosen={session.protocolVersion} />}
          <dt>Server</dt>
          <dd>
            {info ? (
              <>
                <code>{info.name}</code>
                {info.title && <> · {info.title}</>} · v{info.version}
              </>
            ) : (
              <span className="muted">{session.era === "modern" ? "no server/discover result" : "no initialize result"}</span>
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
        <h3>Client capabilities{session.era === "modern" && <span className="muted small"> (sent in every request’s _meta)</span>}</h3>
        <Json value={session.clientCapabilities} label="Client capabilities JSON" />
        {discover && (
          <>
            <h3>server/discover result</h3>
            <Json value={discover} label="server/discover result JSON" />
          </>
        )}
      </section>
    </div>
  );
}
