import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { summarizeFrame, type TimelineIndex } from "@mcpscope/timeline";
import { useTimelineStore } from "../../stores/timelineStore";
import { FrameRow } from "./FrameRow";

const ROW_HEIGHT = 26;
const PAGE = 20;

interface Props {
  sessionId: string;
  index: TimelineIndex;
  /** Changes whenever frames were added to `index`. */
  version: number;
  startTs: number;
}

/**
 * The virtualized `role="grid"` of frames: only visible rows are in the DOM. Follows the
 * newest frame while scrolled to the bottom; arrows, Home/End, PageUp/PageDown and Enter
 * move the selection.
 */
export function FramesGrid({ sessionId, index, version, startTs }: Props) {
  const count = index.frames.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const selected = useTimelineStore((s) => s.selected[sessionId]);
  const follow = useTimelineStore((s) => s.follow);
  const reveal = useTimelineStore((s) => s.reveal);
  const select = useTimelineStore((s) => s.select);
  const setFollow = useTimelineStore((s) => s.setFollow);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [follow, count, version]);

  useEffect(() => {
    if (reveal && reveal.sessionId === sessionId && reveal.seq <= count) {
      virtualizer.scrollToIndex(reveal.seq - 1, { align: "auto" });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT / 2);
  };

  const onSelect = useCallback((seq: number) => select(sessionId, seq), [select, sessionId]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (count === 0) return;
    const current = selected ?? 0;
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
    select(sessionId, next, true);
  };

  const items = virtualizer.getVirtualItems();
  const activeRendered = selected !== undefined && items.some((i) => i.index === selected - 1);

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
        <div role="rowgroup" className="frames-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const frame = index.frames[item.index]!;
            const summary = summarizeFrame(frame, index);
            return (
              <FrameRow
                key={frame.seq}
                frame={frame}
                label={summary.label}
                jsonRpcId={summary.id}
                latencyMs={summary.latencyMs}
                startTs={startTs}
                rowIndex={item.index + 2}
                top={item.start}
                selected={frame.seq === selected}
                onSelect={onSelect}
              />
            );
          })}
        </div>
        {count === 0 && <p className="muted small pad">No frames yet.</p>}
      </div>
    </div>
  );
}
