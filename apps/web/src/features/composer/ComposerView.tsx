import { useEffect, useState } from "react";
import type { JsonRpcId, SessionInfo } from "@mcpscope/protocol";
import type { TimelineIndex } from "@mcpscope/timeline";
import { describeError } from "../../api/apiRequestError";
import { requestControl } from "../../api/requestControl";
import { useReadOnly } from "../sharing/useReadOnly";
import { rawTemplate, useComposerStore } from "../../stores/composerStore";
import { useTimelineStore } from "../../stores/timelineStore";
import { findAnswer, rawId } from "./findAnswer";
import { ErrorAlert, type DescribedError } from "../../components/ErrorAlert";

function multiLineJson(text: string): boolean {
  if (!text.includes("\n")) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

interface Props {
  session: SessionInfo;
  index: TimelineIndex;
  version: number;
}

interface Sent {
  seq?: number;
  id?: JsonRpcId;
  answerSeq?: number;
  scanned: number;
}

/**
 * Tab "Composer": the textarea "Raw message" and "Send raw message" (`POST …/raw`). The
 * text goes to the server as one message exactly as typed; the server's answer is selected
 * in the timeline when it arrives.
 */
export function ComposerView({ session, index, version }: Props) {
  const draft = useComposerStore((s) => s.drafts[session.id]);
  const setDraft = useComposerStore((s) => s.setDraft);
  const text = draft ?? rawTemplate(1);
  const select = useTimelineStore((s) => s.select);
  const [sent, setSent] = useState<Sent>();
  const [error, setError] = useState<DescribedError>();
  const [busy, setBusy] = useState(false);
  const readOnly = useReadOnly(session.id);

  // Look for the answer among frames that arrived since the last look (O(new frames)).
  useEffect(() => {
    const s = sent;
    if (!s || s.seq === undefined || s.answerSeq !== undefined) return;
    const from = Math.max(s.scanned, s.seq);
    const answerSeq = findAnswer(index, from, index.lastSeq, s.id);
    if (answerSeq !== undefined) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the frames arrive in the index outside React; `version` says when
      setSent({ ...s, answerSeq, scanned: answerSeq });
      select(session.id, answerSeq, true);
    } else if (index.lastSeq > s.scanned) setSent({ ...s, scanned: index.lastSeq });
  }, [version, sent, index, select, session.id]);

  const send = () => {
    if (readOnly) return;
    setBusy(true);
    setError(undefined);
    const id = rawId(text);
    requestControl
      .sendRaw(session.id, text)
      .then(
        ({ seq }) => {
          setSent({ seq, id, scanned: seq ?? index.lastSeq });
          if (seq !== undefined) select(session.id, seq, true);
          // Next message, next id: "raw-1" becomes "raw-2".
          const m = typeof id === "string" ? /^raw-(\d+)$/.exec(id) : null;
          if (m) setDraft(session.id, text.replace(`"${id}"`, `"raw-${Number(m[1]) + 1}"`));
        },
        (err: unknown) => setError(describeError(err)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form
      className="composer"
      aria-label="Composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor="raw-message" className="composer-label">
        Raw message
      </label>
      <textarea
        id="raw-message"
        className="composer-text"
        spellCheck={false}
        value={text}
        rows={8}
        onChange={(e) => setDraft(session.id, e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      <p className="help">
        Sent to the server as one message exactly as written — invalid JSON or JSON-RPC is sent as is, to see how the server copes. Use string ids
        like <code>"raw-1"</code> so they cannot collide with mcpscope’s numeric ids. On stdio a message is one line: valid JSON written
        over several lines is sent compacted, and other text with line breaks is refused. Ctrl+Enter sends.
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || readOnly !== undefined || session.status !== "ready" || text.length === 0}>
          {busy ? "Sending…" : "Send raw message"}
        </button>
        <button type="button" className="small ghost" onClick={() => setDraft(session.id, rawTemplate(1))}>
          Reset template
        </button>
        <button
          type="button"
          className="small ghost"
          disabled={!multiLineJson(text)}
          title="Rewrite valid JSON on one line"
          onClick={() => setDraft(session.id, JSON.stringify(JSON.parse(text)))}
        >
          Make one line
        </button>
      </div>
      <ErrorAlert error={error} />
      {sent && (
        <p role="status" className="small composer-status">
          {sent.seq !== undefined ? (
            <>
              Sent as{" "}
              <button type="button" className="link" onClick={() => select(session.id, sent.seq!, true)}>
                frame #{sent.seq}
              </button>
              .{" "}
            </>
          ) : (
            "Sent. "
          )}
          {sent.answerSeq !== undefined ? (
            <>
              Answer:{" "}
              <button type="button" className="link" onClick={() => select(session.id, sent.answerSeq!, true)}>
                frame #{sent.answerSeq} ({index.get(sent.answerSeq)?.kind})
              </button>
              , selected below.
            </>
          ) : (
            <span className="muted">Waiting for an answer{sent.id === undefined ? " (the message has no id; a notification gets none)" : ""}…</span>
          )}
        </p>
      )}
    </form>
  );
}
