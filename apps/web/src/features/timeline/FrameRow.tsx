import { memo } from "react";
import type { Frame } from "@mcpscope/protocol";
import { formatBytes, formatMs } from "../../lib/format";
import { DIRECTION } from "./frameText";

interface Props {
  frame: Frame;
  label: string;
  jsonRpcId?: string;
  latencyMs?: number;
  startTs: number;
  rowIndex: number;
  top: number;
  selected: boolean;
  onSelect(seq: number): void;
}

/** One `role="row"` of the Frames grid. */
export const FrameRow = memo(function FrameRow({ frame, label, jsonRpcId, latencyMs, startTs, rowIndex, top, selected, onSelect }: Props) {
  const dir = DIRECTION[frame.dir];
  return (
    <div
      role="row"
      id={`frame-row-${frame.seq}`}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      className={`frame-row kind-${frame.kind} dir-${frame.dir}${selected ? " selected" : ""}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(frame.seq)}
    >
      <span role="gridcell" className="c-seq">
        {frame.seq}
      </span>
      <span role="gridcell" className="c-time">
        {(frame.ts - startTs).toFixed(1)}
      </span>
      <span role="gridcell" className="c-dir" title={dir.text}>
        <span aria-hidden="true">{dir.arrow}</span>
        <span className="sr-only">{dir.text}</span>
      </span>
      <span role="gridcell" className="c-kind">
        <span className={`kind-badge kind-${frame.kind}`}>{frame.kind}</span>
      </span>
      <span role="gridcell" className="c-label" title={label}>
        {label}
      </span>
      <span role="gridcell" className="c-id">
        {jsonRpcId ?? ""}
      </span>
      <span role="gridcell" className="c-latency">
        {formatMs(latencyMs)}
      </span>
      <span role="gridcell" className="c-size">
        {formatBytes(frame.bytes)}
      </span>
    </div>
  );
});
