import { useCallback, useLayoutEffect, useState, type RefObject } from "react";

/** Browsers cap element heights (Chromium ~33.5M px, Firefox ~17.9M): scale scrolling beyond this. */
const MAX_SCROLL_PX = 15_000_000;

export interface FixedRow {
  index: number;
  /** Offset from the top of the scroll content, in px. */
  top: number;
}

/**
 * The rows to render for a scroll position: those in view plus `overscan` on each side.
 * `scrollTop` and `viewportHeight` are the scroller's, in px; past `MAX_SCROLL_PX` of rows the
 * scroll range is scaled (`scale` > 1 virtual px per scroll px).
 */
export function visibleRows(count: number, rowHeight: number, overscan: number, scrollTop: number, viewportHeight: number) {
  const total = count * rowHeight;
  const spacer = Math.min(total, MAX_SCROLL_PX);
  const scale = total > spacer && spacer > viewportHeight ? (total - viewportHeight) / (spacer - viewportHeight) : 1;
  const virtualTop = Math.min(scrollTop * scale, Math.max(0, total - viewportHeight));
  const first = Math.max(0, Math.floor(virtualTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((virtualTop + viewportHeight) / rowHeight) + overscan);
  const items: FixedRow[] = [];
  for (let i = first; i <= last; i++) items.push({ index: i, top: scrollTop + (i * rowHeight - virtualTop) });
  return { items, spacer, scale };
}

/**
 * How many element slots rows are keyed by (`index % slots`): more than `visibleRows` ever
 * returns for this viewport, so the rows rendered at once never share a slot, a row that
 * stays in view keeps its element, and a jump refills the same elements instead of removing
 * and creating them (React keys).
 */
export function rowSlots(rowHeight: number, overscan: number, viewportHeight: number): number {
  return Math.ceil(viewportHeight / rowHeight) + 2 * overscan + 2;
}

/**
 * Virtualizes rows of one fixed height in O(visible rows): no per-row measurement, so a
 * batch of new rows costs nothing beyond the rows on screen (a general virtualizer that
 * re-measures every row is O(n) per count change). Past ~15M px the scroll range is
 * scaled, so millions of rows still scroll end to end.
 *
 * With `pinToBottom` the rows are the last ones and the scroller is kept at the bottom:
 * the rows are computed for the bottom before they render, so each batch of new rows costs
 * one render and one layout (scrolling after the render, to rows computed from the old
 * position, would cost a second of each).
 */
export function useFixedRows(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8, pinToBottom = false) {
  const [view, setView] = useState({ top: 0, height: 600 });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () => setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    const observer = new ResizeObserver(read);
    observer.observe(el);
    el.addEventListener("scroll", read, { passive: true });
    read();
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", read);
    };
  }, [scrollRef]);

  const bottom = Math.max(0, Math.min(count * rowHeight, MAX_SCROLL_PX) - view.height);
  const top = pinToBottom ? bottom : view.top;
  const { items, spacer, scale } = visibleRows(count, rowHeight, overscan, top, view.height);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    // The bottom, from the fixed row height: reading scrollHeight would force a layout.
    if (pinToBottom && el) el.scrollTop = bottom;
  }, [scrollRef, pinToBottom, bottom]);

  /** Scrolls so that row `index` is in view (the least movement). */
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const h = el.clientHeight;
      const t = el.scrollTop * scale;
      const y = index * rowHeight;
      let next: number | undefined;
      if (y < t) next = y;
      else if (y + rowHeight > t + h) next = y + rowHeight - h;
      if (next !== undefined) el.scrollTop = next / scale;
    },
    [scrollRef, scale, rowHeight],
  );

  return { items, slots: rowSlots(rowHeight, overscan, view.height), totalSize: spacer, viewportHeight: view.height, scrollToIndex };
}
