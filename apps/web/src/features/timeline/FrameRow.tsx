import { memo } from "react";
import type { Frame } from "@mcpscope/protocol";
import { messageId, type ProgressState } from "@mcpscope/timeline";
import type { ProtocolEra } from "@mcpscope/protocol/types";
import { formatBytes, formatMs } from "../../lib/format";
import { CancelButton } from "./CancelButton";
import { DIRECTION } from "./frameText";
import { ProgressBar } from "./ProgressBar";
import { rowChip } from "./rowChip";
import "./messageFacts.css";

interface Props {
  sessionId: string;
  frame: Frame;
  label: string;
  jsonRpcId?: string;
  latencyMs?: number;
  startTs: number;
  rowIndex: number;
  top: number;
  selected: boolean;
  pinned: boolean;
  /** Progress notifications grouped under this request. */
  progressCount: number;
  /** Set on requests mcpscope sent that are still in flight. */
  inFlight: boolean;
  progress?: ProgressState;
  /** Set on requests withdrawn with notifications/cancelled. */
  cancelled: boolean;
  onSelect: (seq: number) => void;
  /** The session's protocol era (names error codes); read once by the grid, not per row. */
  era: ProtocolEra | undefined;
}

/**
 * Whether a row's props are unchanged, comparing `frame` by `seq`: the index hands out a new
 * view of a frame on every read (see `StoredFrame`), and a recorded frame never changes.
 */
function sameRowProps(a: Props, b: Props): boolean {
  if (a.frame.seq !== b.frame.seq) return false;
  for (const key in a) if (key !== "frame" && a[key as keyof Props] !== b[key as keyof Props]) return false;
  for (const key in b) if (!(key in a)) return false;
  return true;
}

/** One `role="row"` of the Frames grid. */
export const FrameRow = memo(function FrameRow(props: Props) {
  const { sessionId, frame, label, jsonRpcId, latencyMs, startTs, rowIndex, top, selected, pinned, progressCount, inFlight, progress, cancelled, onSelect, era } = props;
  const dir = DIRECTION[frame.dir];
  const rpcId = inFlight ? messageId(frame) : undefined;
  const chip = rowChip(frame, era);
  return (
    <div
      role="row"
      id={`frame-row-${frame.seq}`}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      className={`frame-row kind-${frame.kind} dir-${frame.dir}${selected ? " selected" : ""}${inFlight ? " in-flight" : ""}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(frame.seq)}
    >
      <span role="gridcell" className="c-seq">
        {pinned && (
          <span className="pin-mark" title="Pinned">
            <span aria-hidden="true" className="pin-mark">●</span>
            <span className="sr-only">pinned </span>
          </span>
        )}
        {frame.seq}
      </span>
      <span role="gridcell" className="c-time">
        {(frame.ts - startTs).toFixed(1)}
      </span>
      <span role="gridcell" className="c-dir" title={dir.text} aria-label={dir.text}>
        {dir.arrow}
      </span>
      <span role="gridcell" className={`c-kind kind-badge kind-${frame.kind}`}>
        {frame.kind}
      </span>
      <span role="gridcell" className="c-label" title={label}>
        <span className="c-label-text">{label}</span>
        {/* In flight, the progress bar says it (the cell has room for one of the two). */}
        {progressCount > 0 && !inFlight && <span className="row-chip">{progressCount} progress</span>}
        {cancelled && <span className="row-chip chip-cancelled">cancelled</span>}
        {chip && (
          <span className={chip.className} title={chip.title}>
            {chip.text}
          </span>
        )}
        {inFlight && (
          <span className="row-inflight">
            <ProgressBar compact label={`Progress of request ${jsonRpcId ?? frame.seq}`} state={progress} />
            {frame.dir === "out" && rpcId !== undefined && <CancelButton sessionId={sessionId} requestId={rpcId} className="row-cancel" compact />}
          </span>
        )}
      </span>
      <span role="gridcell" className="c-id">
        {jsonRpcId ?? ""}
      </span>
      <span role="gridcell" className="c-latency">
        {inFlight ? <span className="muted">…</span> : formatMs(latencyMs)}
      </span>
      <span role="gridcell" className="c-size">
        {formatBytes(frame.bytes)}
      </span>
    </div>
  );
}, sameRowProps);
