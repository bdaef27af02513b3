import type { InboxItem } from "@mcpscope/protocol/types";
import { AnswerFailure } from "../inbox/AnswerFailure";
import { useAnswer } from "../inbox/useAnswer";
import { ContentItem } from "../tools/ContentItem";
import type { ContentBlock } from "../tools/toolTypes";

/** The error a person's "Deny" sends the app (SEP-1865's implementation-defined -32000). */
export const APP_REQUEST_DENIED = { code: -32000, message: "Denied by the user in mcpscope's inbox" } as const;

/** What each app request asks, in words. */
export const APP_REQUEST_TITLES: Record<string, string> = {
  "ui/open-link": "App wants to open a link",
  "ui/message": "App wants to send a message",
  "ui/download-file": "App wants to download a file",
};

/** Links mcpscope opens for an app: http and https only (never `javascript:`, `data:`, `file:` …). */
function openableUrl(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

interface DownloadItem {
  type?: string;
  uri?: string;
  name?: string;
  mimeType?: string;
  resource?: { uri?: string; mimeType?: string; text?: string; blob?: string };
}

/** Saves an embedded resource through a download link (within the person's click). */
function download(item: DownloadItem): void {
  const res = item.resource;
  if (!res) return;
  const bytes = typeof res.blob === "string" ? Uint8Array.from(atob(res.blob), (c) => c.charCodeAt(0)) : new TextEncoder().encode(res.text ?? "");
  const url = URL.createObjectURL(new Blob([bytes], { type: res.mimeType ?? "application/octet-stream" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = (res.uri ?? "download").split("/").pop() || "download";
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * An MCP App's request that waits for a person (MCP Apps SEP-1865 "Requests (View → Host)"),
 * answered Approve or Deny: `ui/open-link` ("Open link" opens it in a new tab, http and
 * https only, and approves), `ui/message` (the message the app would add to the
 * conversation; mcpscope has no model, so approving only tells the app it was accepted),
 * `ui/download-file` (embedded resources are saved on approval; linked ones are named, not
 * fetched).
 */
export function AppRequestEntry({ item }: { item: InboxItem }) {
  const { answer, disabled, error } = useAnswer(item);
  const approve = () => answer({ result: {} });
  const deny = <button type="button" className="small" disabled={disabled} onClick={() => answer({ error: { ...APP_REQUEST_DENIED } })}>Deny</button>;
  const from = item.app && (
    <p className="muted small">
      From the app <code>{item.app.resourceUri}</code>
      {item.app.toolName && (
        <>
          {" "}
          of tool <code>{item.app.toolName}</code>
        </>
      )}
      .
    </p>
  );

  if (item.method === "ui/open-link") {
    const url = openableUrl(item.params.url);
    return (
      <div className="app-request">
        {from}
        <p>
          Link: <code className="break">{String(item.params.url)}</code>
        </p>
        {!url && <p className="muted small">mcpscope opens only http and https links for an app.</p>}
        <div className="form-actions">
          {url && !disabled && (
            <a className="app-open-link" href={url} target="_blank" rel="noopener noreferrer" onClick={approve}>
              Open link
            </a>
          )}
          {deny}
        </div>
        <AnswerFailure error={error} />
      </div>
    );
  }

  if (item.method === "ui/download-file") {
    const contents = Array.isArray(item.params.contents) ? (item.params.contents as DownloadItem[]) : [];
    return (
      <div className="app-request">
        {from}
        <ul aria-label="Files">
          {contents.map((c, i) => (
            <li key={i}>
              <code>{c.resource?.uri ?? c.uri ?? "(no uri)"}</code> {c.type === "resource_link" && <span className="muted small">(a link: not fetched)</span>}
            </li>
          ))}
        </ul>
        <div className="form-actions">
          <button
            type="button"
            className="primary small"
            disabled={disabled}
            onClick={() => {
              contents.forEach(download);
              approve();
            }}
          >
            Download and approve
          </button>
          {deny}
        </div>
        <AnswerFailure error={error} />
      </div>
    );
  }

  const content = Array.isArray(item.params.content) ? (item.params.content as ContentBlock[]) : [];
  return (
    <div className="app-request">
      {from}
      <p className="muted small">
        The app would add this {typeof item.params.role === "string" ? item.params.role : "user"} message to the conversation. mcpscope has no model: approving tells the app it was accepted.
      </p>
      <ol className="content-list" aria-label="Message content">
        {content.map((block, i) => (
          <li key={i}>
            <ContentItem item={block} sessionId={item.sessionId} />
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button type="button" className="primary small" disabled={disabled} onClick={approve}>
          Approve
        </button>
        {deny}
      </div>
      <AnswerFailure error={error} />
    </div>
  );
}
