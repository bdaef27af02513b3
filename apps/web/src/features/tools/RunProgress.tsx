import { useRef } from "react";
import { readProgress } from "@mcpscope/timeline";
import { useSessionTimeline } from "../../stores/useSessionTimeline";
import { CancelButton } from "../timeline/CancelButton";
import { ProgressBar } from "../timeline/ProgressBar";
import { findRunRequest } from "./findRunRequest";

interface Props {
  sessionId: string;
  toolName: string;
  /** The newest seq held when Run was clicked. */
  sinceSeq: number;
  /** True while the call is pending. */
  running: boolean;
}

/**
 * The live progress of a tool run, driven by the `notifications/progress` frames of its
 * request, with "Cancel request" while it runs. After the run, the last progress stays.
 */
export function RunProgress({ sessionId, toolName, sinceSeq, running }: Props) {
  const { index } = useSessionTimeline(sessionId);
  const found = useRef<number | undefined>(undefined);
  if (found.current === undefined) found.current = findRunRequest(index, sinceSeq, toolName)?.seq;
  // eslint-disable-next-line react-hooks/refs -- the request's seq, once found, is kept: the search walks every frame since Run
  const request = found.current === undefined ? undefined : index.get(found.current);
  const progressCount = request ? index.progressCount(request.seq) : 0;
  const state = request ? readProgress(index.lastProgress(request.seq)) : undefined;
  const cancelled = request ? index.cancellationOf(request.seq) !== undefined : false;

  if (!running && progressCount === 0) return null;
  return (
    <div className={`run-progress${running ? " running" : ""}`}>
      <ProgressBar label="Tool progress" state={state} />
      {running && request?.id !== undefined && !cancelled && (
        <CancelButton sessionId={sessionId} requestId={request.id} label="Cancel request" reason={`Cancelled ${toolName} in mcpscope`} />
      )}
      {running && !request && <span className="muted small">Waiting for the request frame…</span>}
      {cancelled && running && <span className="muted small">Cancellation sent…</span>}
      {progressCount > 0 && (
        <span className="muted small">
          {progressCount} progress notification{progressCount === 1 ? "" : "s"}
        </span>
      )}
    </div>
  );
}
