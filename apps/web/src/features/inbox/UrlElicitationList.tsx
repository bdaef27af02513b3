import type { UrlElicitation } from "@mcpscope/timeline";

function statusOf(e: UrlElicitation): string {
  if (e.completedSeq !== undefined) return "completed: the server reported the flow done (notifications/elicitation/complete)";
  if (e.via === "error") return "named by a -32042 error: open it, finish there, then run the call again";
  if (e.action === "accept") return "accepted: waiting for the server to report completion";
  if (e.action === "decline") return "declined";
  if (e.action === "cancel") return "cancelled";
  return "waiting for an answer (above)";
}

/**
 * Region "URL elicitations": every URL-mode elicitation of the session and where it stands,
 * from asked to answered to reported complete (MCP 2025-11-25 "Client Features →
 * Elicitation → URL mode"). Links open only on click, in a new tab, and only for http(s).
 */
export function UrlElicitationList({ items }: { items: UrlElicitation[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-label="URL elicitations" className="url-elicitations">
      <h3 className="pane-title">URL elicitations</h3>
      <ul>
        {items.map((e) => (
          <li key={e.elicitationId} className={e.completedSeq !== undefined ? "done" : undefined}>
            {/^https?:\/\//i.test(e.url) ? (
              <a href={e.url} target="_blank" rel="noopener noreferrer">
                {e.url}
              </a>
            ) : (
              <code>{e.url}</code>
            )}
            {e.message && <span className="small"> — {e.message}</span>}
            <div className="muted small">
              <span>{statusOf(e)}</span> · id <code>{e.elicitationId}</code> · frame #{e.completedSeq ?? e.seq}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
