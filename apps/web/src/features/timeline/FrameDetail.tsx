import { useMemo, useState } from "react";
import { readProgress, type TimelineIndex } from "@mcpscope/timeline";
import { formatBytes, formatMs } from "../../lib/format";
import { useTimelineStore } from "../../stores/timelineStore";
import { SaveToCollection } from "../collections/SaveToCollection";
import { requestFrameSource } from "../collections/requestFrameSource";
import { CancelButton } from "./CancelButton";
import { DIRECTION, frameBody } from "./frameText";
import { FrameExtras } from "./FrameExtras";
import { ProgressBar } from "./ProgressBar";

interface Props {
  sessionId: string;
  index: TimelineIndex;
  startTs: number;
}

/** Region "Frame detail": the selected frame's full JSON, its paired frame and latency. */
export function FrameDetail({ sessionId, index, startTs }: Props) {
  const seq = useTimelineStore((s) => s.selected[sessionId]);
  const select = useTimelineStore((s) => s.select);
  const [copied, setCopied] = useState<"json" | "raw">();
  const pinned = useTimelineStore((s) => (seq === undefined ? false : (s.pinned[sessionId] ?? []).includes(seq)));
  const togglePin = useTimelineStore((s) => s.togglePin);
  const frame = seq === undefined ? undefined : index.get(seq);
  // A recorded frame never changes: its text is made once per selection, not again with every frame that arrives
  // (a frame selected before it arrived, e.g. the composer's "Sent as frame #n", gets its text when it does).
  const held = frame !== undefined;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `frame` is a new view of the same frame on each render: seq and index identify it
  const body = useMemo(() => (frame ? frameBody(frame) : ""), [index, seq, held]);

  if (!frame) {
    return (
      <section aria-label="Frame detail" className="pane frame-detail">
        <div className="pane-head">
          <h2 className="pane-title">Frame detail</h2>
        </div>
        <p className="muted small pad">Select a frame in the timeline (click, or focus it and use ↑ ↓).</p>
      </section>
    );
  }

  const method = index.methodOf(frame);
  const rpcId = frame.id;
  const pair = index.pairOf(frame);
  const counterpart = index.counterpartSeq(frame);
  const copy = (what: "json" | "raw") => {
    void navigator.clipboard?.writeText(what === "json" ? body : frame.raw).then(() => {
      setCopied(what);
      setTimeout(() => setCopied(undefined), 1200);
    });
  };
  const cancellation = frame.kind === "request" ? index.cancellationOf(frame.seq) : undefined;
  const inFlight = frame.kind === "request" && !cancellation && index.responseSeqOf(frame.seq) === undefined;
  const saveSource = requestFrameSource(frame, method, pair);

  return (
    <section aria-label="Frame detail" className="pane frame-detail">
      <div className="pane-head">
        <h2 className="pane-title">
          Frame #{frame.seq} <span className={`kind-badge kind-${frame.kind}`}>{frame.kind}</span>
          {method && <code className="method">{method}</code>}
        </h2>
        <div className="detail-actions">
          {counterpart !== undefined && (
            <button type="button" className="small" onClick={() => select(sessionId, counterpart, true)}>
              {frame.kind === "request" ? "Go to response" : "Go to request"}
            </button>
          )}
          {saveSource && <SaveToCollection source={saveSource} />}
          <button type="button" className="small ghost" aria-pressed={pinned} onClick={() => togglePin(sessionId, frame.seq)}>
            Pin frame
          </button>
          <button type="button" className="small ghost" onClick={() => copy("json")}>
            {copied === "json" ? "Copied" : "Copy JSON"}
          </button>
          <button type="button" className="small ghost" aria-label="Copy raw" title="Copy the exact text on the wire" onClick={() => copy("raw")}>
            {copied === "raw" ? "Copied" : "Copy raw"}
          </button>
        </div>
      </div>
      <dl className="detail-facts">
        <div>
          <dt>Direction</dt>
          <dd>
            {DIRECTION[frame.dir].arrow} {DIRECTION[frame.dir].text}
          </dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>
            +{(frame.ts - startTs).toFixed(1)} ms · {new Date(frame.ts).toLocaleTimeString()}
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(frame.bytes)}</dd>
        </div>
        {rpcId !== undefined && (
          <div>
            <dt>ID</dt>
            <dd>{String(rpcId)}</dd>
          </div>
        )}
        {pair && (frame.kind === "request" || frame.kind === "response" || frame.kind === "error") && (
          <div>
            <dt>Latency</dt>
            <dd>{pair.latencyMs !== undefined ? formatMs(pair.latencyMs) : cancellation ? "cancelled" : "in flight"}</dd>
          </div>
        )}
        {pair && pair.progress.length > 0 && (
          <div>
            <dt>Progress</dt>
            <dd>{pair.progress.length} notifications</dd>
          </div>
        )}
        {frame.reason && (
          <div>
            <dt>Reason</dt>
            <dd className="invalid-reason">{frame.reason}</dd>
          </div>
        )}
      </dl>
      {inFlight && rpcId !== undefined && (
        <div className="detail-inflight">
          <ProgressBar label={`Progress of request ${String(rpcId)}`} state={readProgress(index.lastProgress(frame.seq))} />
          {frame.dir === "out" && <CancelButton sessionId={sessionId} requestId={rpcId} />}
        </div>
      )}
      <FrameExtras sessionId={sessionId} index={index} frame={frame} startTs={startTs} />
      <pre className="json frame-json" tabIndex={0} aria-label={`Frame ${frame.seq} content`}>
        {body}
      </pre>
    </section>
  );
}
