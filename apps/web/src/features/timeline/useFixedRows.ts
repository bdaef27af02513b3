import { useCallback, useLayoutEffect, useState, type RefObject } from "react";

/** Browsers cap element heights (Chromium ~33.5M px, Firefox ~17.9M): scale scrolling beyond this. */
const MAX_SCROLL_PX = 15_000_000;

export interface FixedRow {
  index: number;
  /** Offset from the top of the scroll content, in px. */
  top: number;
}

/**
 * Virtualizes rows of one fixed height in O(visible rows): no per-row measurement, so a
 * batch of new rows costs nothing beyond the rows on screen (a general virtualizer that
 * re-measures every row is O(n) per count change). Past ~15M px the scroll range is
 * scaled, so millions of rows still scroll end to end.
 */
export function useFixedRows(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8) {
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

  const total = count * rowHeight;
  const spacer = Math.min(total, MAX_SCROLL_PX);
  const scale = total > spacer && spacer > view.height ? (total - view.height) / (spacer - view.height) : 1;
  const virtualTop = Math.min(view.top * scale, Math.max(0, total - view.height));
  const first = Math.max(0, Math.floor(virtualTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((virtualTop + view.height) / rowHeight) + overscan);
  const items: FixedRow[] = [];
  for (let i = first; i <= last; i++) items.push({ index: i, top: view.top + (i * rowHeight - virtualTop) });

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

  /** Re-reads the scroll position now (after setting `scrollTop` in a layout effect, before paint). */
  const sync = useCallback(() => {
    const el = scrollRef.current;
    if (el) setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, [scrollRef]);

  return { items, totalSize: spacer, viewportHeight: view.height, scrollToIndex, sync };
}
