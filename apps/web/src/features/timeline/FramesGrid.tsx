import { useCallback, useEffect, useRef, type KeyboardEvent } from "react";
import { readProgress, summarizeFrame, type TimelineIndex } from "@mcpscope/timeline";
import { useSessionEra } from "../../api/sessionsCache";
import { useTimelineStore } from "../../stores/timelineStore";
import { FrameRow } from "./FrameRow";
import { useFixedRows } from "./useFixedRows";

const ROW_HEIGHT = 26;
/** Rows rendered beyond the viewport on a side at most (none after a jump: see `overscanFor`). */
const OVERSCAN = 4;
const PAGE = 20;

/** The rows the grid shows: every frame, or a filtered view's matches, by position. */
export interface FrameRows {
  count: number;
  seqAt(position: number): number;
  /** Position of a frame among the rows, -1 when not shown. */
  positionOf(seq: number): number;
}

/** All frames of an index, in seq order. */
export function allRows(index: TimelineIndex): FrameRows {
  return {
    count: index.lastSeq,
    seqAt: (i) => i + 1,
    positionOf: (seq) => (seq >= 1 && seq <= index.lastSeq ? seq - 1 : -1),
  };
}

interface Props {
  sessionId: string;
  index: TimelineIndex;
  rows: FrameRows;
  startTs: number;
  /** A filter is still looking through the frames. */
  filtering?: boolean;
}

/**
 * The virtualized `role="grid"` of frames: only visible rows are in the DOM. Follows the
 * newest frame while scrolled to the bottom; arrows, Home/End, PageUp/PageDown and Enter
 * move the selection.
 */
export function FramesGrid({ sessionId, index, rows, startTs, filtering = false }: Props) {
  const count = rows.count;
  const scrollRef = useRef<HTMLDivElement>(null);
  const selected = useTimelineStore((s) => s.selected[sessionId]);
  const follow = useTimelineStore((s) => s.follow);
  const reveal = useTimelineStore((s) => s.reveal);
  const select = useTimelineStore((s) => s.select);
  const setFollow = useTimelineStore((s) => s.setFollow);
  const pinnedList = useTimelineStore((s) => s.pinned[sessionId]);
  const era = useSessionEra(sessionId);

  // While following, the rows are the newest ones and the grid stays scrolled to the bottom.
  const virtualizer = useFixedRows(scrollRef, count, ROW_HEIGHT, OVERSCAN, follow);

  useEffect(() => {
    if (reveal && reveal.sessionId === sessionId) {
      const position = rows.positionOf(reveal.seq);
      if (position >= 0) virtualizer.scrollToIndex(position);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scroll once per reveal request, not again as rows arrive
  }, [reveal]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    setFollow(virtualizer.totalSize - el.scrollTop - virtualizer.viewportHeight < ROW_HEIGHT / 2);
  };

  const onSelect = useCallback((seq: number) => select(sessionId, seq), [select, sessionId]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (count === 0) return;
    // Positions among the rows, 1-based; 0 when the selection is not shown.
    const current = selected === undefined ? 0 : rows.positionOf(selected) + 1;
    let next: number | undefined;
    switch (event.key) {
      case "ArrowDown":
        next = current === 0 ? 1 : current + 1;
        break;
      case "ArrowUp":
        next = current === 0 ? count : current - 1;
        break;
      case "PageDown":
        next = current + PAGE;
        break;
      case "PageUp":
        next = current - PAGE;
        break;
      case "Home":
        next = 1;
        break;
      case "End":
        next = count;
        break;
      case "Enter":
      case " ":
        next = current === 0 ? count : current;
        break;
      default:
        return;
    }
    event.preventDefault();
    next = Math.min(Math.max(next, 1), count);
    select(sessionId, rows.seqAt(next - 1), true);
  };

  const items = virtualizer.items;
  const selectedPosition = selected === undefined ? -1 : rows.positionOf(selected);
  const activeRendered = selectedPosition >= 0 && items.some((i) => i.index === selectedPosition);
  const pinned = new Set(pinnedList ?? []);

  return (
    <div
      role="grid"
      aria-label="Frames"
      aria-rowcount={count + 1}
      aria-colcount={8}
      aria-activedescendant={activeRendered ? `frame-row-${selected}` : undefined}
      tabIndex={0}
      className="frames-grid"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="frames-head">
        <div role="row" aria-rowindex={1} className="frame-row head">
          <span role="columnheader" className="c-seq">#</span>
          <span role="columnheader" className="c-time">Time (ms)</span>
          <span role="columnheader" className="c-dir">
            <span aria-hidden="true">⇄</span>
            <span className="sr-only">Direction</span>
          </span>
          <span role="columnheader" className="c-kind">Kind</span>
          <span role="columnheader" className="c-label">Method</span>
          <span role="columnheader" className="c-id">ID</span>
          <span role="columnheader" className="c-latency">Latency</span>
          <span role="columnheader" className="c-size">Size</span>
        </div>
      </div>
      <div ref={scrollRef} className="frames-scroll" onScroll={onScroll}>
        <div role="rowgroup" className="frames-body" style={{ height: virtualizer.totalSize }}>
          {items.map((item) => {
            const frame = index.get(rows.seqAt(item.index))!;
            const summary = summarizeFrame(frame, index);
            const isRequest = frame.kind === "request";
            const cancelled = isRequest && index.cancellationOf(frame.seq) !== undefined;
            const inFlight = isRequest && !cancelled && index.responseSeqOf(frame.seq) === undefined;
            const progressCount = isRequest ? index.progressCount(frame.seq) : 0;
            return (
              <FrameRow
                key={item.key}
                sessionId={sessionId}
                pinned={pinned.has(frame.seq)}
                progressCount={progressCount}
                inFlight={inFlight}
                cancelled={cancelled}
                progress={inFlight && progressCount > 0 ? readProgress(index.lastProgress(frame.seq)) : undefined}
                frame={frame}
                label={summary.label}
                jsonRpcId={summary.id}
                latencyMs={summary.latencyMs}
                startTs={startTs}
                rowIndex={item.index + 2}
                top={item.top}
                selected={frame.seq === selected}
                onSelect={onSelect}
                era={era}
              />
            );
          })}
        </div>
        {count === 0 && <p className="muted small pad">{index.lastSeq === 0 ? "No frames yet." : filtering ? "Filtering…" : "No frames match the filters."}</p>}
      </div>
    </div>
  );
}
