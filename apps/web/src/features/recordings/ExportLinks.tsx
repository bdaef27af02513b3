import type { SessionInfo } from "@mcpscope/protocol";
import "./recordings.css";

const enc = encodeURIComponent;

/**
 * Download links for a session: its JSON Lines recording (`GET /api/sessions/:id/export`,
 * the format `mcpscope view`, import and `replay` read) and, for Streamable HTTP and SSE
 * sessions, its HTTP exchanges as HAR 1.2 (`…/export.har`). Same-origin GETs, so the auth cookie goes along.
 */
export function ExportLinks({ session }: { session: SessionInfo }) {
  const base = `/api/sessions/${enc(session.id)}`;
  return (
    <span className="export-links" role="group" aria-label="Export session">
      <a className="button-link small" href={`${base}/export`} download={`mcpscope-${session.id}.jsonl`}>
        Export JSONL
      </a>
      {/* HAR holds HTTP exchanges: a stdio session has none. */}
      {session.transport !== "stdio" && (
        <a className="button-link small" href={`${base}/export.har`} download={`mcpscope-${session.id}.har`}>
          Export HAR
        </a>
      )}
    </span>
  );
}
