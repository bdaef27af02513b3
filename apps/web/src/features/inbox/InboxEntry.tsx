import { useReadOnly } from "../sharing/useReadOnly";
import { useId } from "react";
import type { InboxItem } from "@mcpscope/protocol";
import { AppRequestEntry, APP_REQUEST_TITLES } from "../apps/AppRequestEntry";
import { ElicitationRequest } from "./ElicitationRequest";
import { SamplingRequest } from "./SamplingRequest";

const TITLES: Record<string, string> = {
  "sampling/createMessage": "Sampling request",
  "elicitation/create": "Elicitation request",
};

/** What kind of request an inbox item is, in the spec's words ("URL elicitation request", …). */
export function inboxItemTitle(item: InboxItem): string {
  if (item.app) return APP_REQUEST_TITLES[item.method] ?? "App request";
  if (item.method === "elicitation/create" && item.params.mode === "url") return "URL elicitation request";
  return TITLES[item.method] ?? "Server request";
}

/** The clock time an item arrived, e.g. "20:14:03". */
function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}

/**
 * One pending server request (or an MCP App's request for approval): an article headed by its
 * kind, method and time received, and the view that answers it. Methods mcpscope cannot
 * answer by hand are shown as JSON.
 */
export function InboxEntry({ item, index }: { item: InboxItem; index: number }) {
  const headingId = useId();
  const viewer = useReadOnly(item.sessionId)?.kind === "viewer";
  return (
    <article className="inbox-item" aria-labelledby={headingId}>
      <header className="inbox-item-head">
        <h3 id={headingId}>{inboxItemTitle(item)}</h3>
        <code className="inbox-method">{item.method}</code>
        <span className="muted small">
          received <time dateTime={new Date(item.receivedAt).toISOString()}>{clock(item.receivedAt)}</time>
        </span>
        {item.inputRequest ? (
          <span className="muted small" title="MCP 2026-07-28: the server answered the call input_required; mcpscope retries it with your answer">
            input request <code>{item.inputRequest.key}</code> of request {JSON.stringify(item.inputRequest.requestId ?? "?")} (input_required)
          </span>
        ) : (
          <span className="muted small">request id {JSON.stringify(item.requestId)}</span>
        )}
        {item.params.task !== undefined && <span className="badge">as a task</span>}
      </header>
      {viewer && <p className="muted small">You are watching through a viewer link: only the presenter can answer this request.</p>}
      {item.app ? (
        <AppRequestEntry item={item} />
      ) : item.method === "sampling/createMessage" ? (
        <SamplingRequest item={item} />
      ) : item.method === "elicitation/create" ? (
        <ElicitationRequest item={item} idPrefix={index === 0 ? "elicit" : `elicit${index + 1}`} />
      ) : (
        <pre className="json">{JSON.stringify(item.params, null, 2)}</pre>
      )}
    </article>
  );
}
