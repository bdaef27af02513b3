import type { ReactElement } from "react";
import type { Frame } from "@mcpscope/protocol";
import { readProgress, type TimelineIndex } from "@mcpscope/timeline";
import { asText, formatMs } from "../../lib/format";
import { useSession } from "../../api/sessionsCache";
import { useTimelineStore } from "../../stores/timelineStore";
import { McpHeaders, MessageFacts } from "./MessageFacts";

interface Props {
  sessionId: string;
  index: TimelineIndex;
  frame: Frame;
  startTs: number;
}

const MAX_PROGRESS_LISTED = 500;

function Headers({ title, headers }: { title: string; headers: unknown }) {
  if (!headers || typeof headers !== "object") return null;
  const entries = Object.entries(headers as Record<string, unknown>);
  if (entries.length === 0) return null;
  return (
    <details className="detail-headers">
      <summary>
        {title} ({entries.length})
      </summary>
      <table className="kv-table">
        <tbody>
          {entries.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{Array.isArray(v) ? v.join(", ") : String(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/**
 * What the detail adds beyond the JSON: the message's facts (`_meta` envelope, result type,
 * cache hint, error name: see `MessageFacts`), progress notifications grouped under their request,
 * the cancellation of a request (and the request a cancellation withdrew), log message
 * fields, HTTP exchanges and lifecycle events spelled out.
 */
export function FrameExtras({ sessionId, index, frame, startTs }: Props) {
  const select = useTimelineStore((s) => s.select);
  const go = (seq: number) => select(sessionId, seq, true);
  const era = useSession(sessionId)?.era;
  const msg = frame.msg;
  const parts: ReactElement[] = [<MessageFacts key="facts" frame={frame} era={era} />];

  if (frame.kind === "request") {
    const progress = index.pairOf(frame)?.progress ?? [];
    if (progress.length > 0) {
      const shown = progress.slice(-MAX_PROGRESS_LISTED);
      parts.push(
        <div key="progress" className="detail-block">
          <h3 className="sub-title">Progress notifications ({progress.length})</h3>
          {shown.length < progress.length && <p className="muted small">The last {shown.length} of {progress.length}.</p>}
          <ol className="progress-list" aria-label="Progress notifications">
            {shown.map((p) => {
              const state = readProgress(p);
              return (
                <li key={p.seq}>
                  <button type="button" className="link" onClick={() => go(p.seq)}>
                    #{p.seq}
                  </button>{" "}
                  <span className="mono">+{(p.ts - frame.ts).toFixed(1)} ms</span>{" "}
                  <strong>
                    {state?.progress ?? "?"}
                    {state?.total !== undefined ? ` / ${state.total}` : ""}
                  </strong>
                  {state?.message && <span> — {state.message}</span>}
                </li>
              );
            })}
          </ol>
        </div>,
      );
    }
    const cancel = index.cancellationOf(frame.seq);
    if (cancel) {
      const reason = (cancel.msg?.params as { reason?: unknown } | undefined)?.reason;
      parts.push(
        <div key="cancel" className="detail-block cancel-block">
          <strong>Cancelled</strong> after {formatMs(cancel.ts - frame.ts)}
          {typeof reason === "string" && <> — “{reason}”</>}{" "}
          <button type="button" className="small" onClick={() => go(cancel.seq)}>
            Go to cancellation
          </button>
        </div>,
      );
    }
  }

  if (frame.kind === "notification" && msg?.method === "notifications/cancelled") {
    const params = (msg.params ?? {}) as { requestId?: unknown; reason?: unknown };
    const requestSeq = index.cancelledRequestSeq(frame);
    const request = requestSeq === undefined ? undefined : index.get(requestSeq);
    parts.push(
      <div key="cancelled" className="detail-block cancel-block">
        <p>
          Cancels request <strong>{String(params.requestId)}</strong>
          {request?.msg?.method && (
            <>
              {" "}
              (<code>{request.msg.method}</code>, sent {formatMs(frame.ts - request.ts)} earlier)
            </>
          )}
          {typeof params.reason === "string" && <> — reason: “{params.reason}”</>}
        </p>
        {request ? (
          <button type="button" className="small" onClick={() => go(request.seq)}>
            Go to cancelled request
          </button>
        ) : (
          <p className="muted small">The cancelled request is not in flight in this session’s record.</p>
        )}
      </div>,
    );
  }

  if (frame.kind === "notification" && msg?.method === "notifications/progress") {
    const requestSeq = index.requestSeqOf(frame);
    const state = readProgress(frame);
    parts.push(
      <div key="progress-of" className="detail-block">
        <p>
          Progress {state?.progress ?? "?"}
          {state?.total !== undefined ? ` of ${state.total}` : ""}
          {state?.message ? ` — ${state.message}` : ""}
        </p>
        {requestSeq !== undefined && (
          <button type="button" className="small" onClick={() => go(requestSeq)}>
            Go to request
          </button>
        )}
      </div>,
    );
  }

  if (frame.kind === "notification" && msg?.method === "notifications/message") {
    const params = (msg.params ?? {}) as { level?: unknown; logger?: unknown };
    parts.push(
      <dl key="log" className="detail-facts">
        <div>
          <dt>Level</dt>
          <dd className={`log-level level-${String(params.level)}`}>{asText(params.level ?? "?")}</dd>
        </div>
        {typeof params.logger === "string" && (
          <div>
            <dt>Logger</dt>
            <dd>{params.logger}</dd>
          </div>
        )}
      </dl>,
    );
  }

  const meta = frame.meta ?? {};
  if (frame.kind === "http") {
    const fact = (k: string, label: string, fmt: (v: unknown) => string = String) =>
      meta[k] !== undefined ? (
        <div key={k}>
          <dt>{label}</dt>
          <dd>{fmt(meta[k])}</dd>
        </div>
      ) : null;
    parts.push(
      <div key="http" className="detail-block">
        <dl className="detail-facts">
          {fact("exchange", "Exchange")}
          {fact("method", "Method")}
          {fact("url", "URL")}
          {fact("status", "Status")}
          {fact("durationMs", "Duration", (v) => formatMs(Number(v)))}
          {meta.error !== undefined && (
            <div>
              <dt>Error</dt>
              <dd className="invalid-reason">{asText(meta.error)}</dd>
            </div>
          )}
        </dl>
        <McpHeaders headers={meta.requestHeaders} />
        <Headers title="Request headers" headers={meta.requestHeaders} />
        <Headers title="Response headers" headers={meta.responseHeaders} />
      </div>,
    );
  } else if (frame.kind === "lifecycle") {
    parts.push(
      <dl key="lifecycle" className="detail-facts">
        <div>
          <dt>Event</dt>
          <dd>{asText(meta.event ?? "?")}</dd>
        </div>
        <div>
          <dt>At</dt>
          <dd>+{(frame.ts - startTs).toFixed(1)} ms</dd>
        </div>
      </dl>,
    );
  } else if (meta.exchange !== undefined) {
    parts.push(
      <dl key="exchange" className="detail-facts">
        <div>
          <dt>HTTP exchange</dt>
          <dd>{asText(meta.exchange)}</dd>
        </div>
      </dl>,
    );
  }

  return parts.length ? <>{parts}</> : null;
}
