import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from "react";

/** Browsers cap element heights (Chromium ~33.5M px, Firefox ~17.9M): scale scrolling beyond this. */
const MAX_SCROLL_PX = 15_000_000;

export interface FixedRow {
  index: number;
  /** Offset from the top of the scroll content, in px. */
  top: number;
}

/** Rows rendered beyond the viewport: `[before, after]` it. */
export type Overscan = readonly [before: number, after: number];

/** How the scroller last moved: more than a viewport at once, down, up, or not for a while. */
export type ScrollMotion = "jump" | "down" | "up" | "rest";

/** After this long without a scroll event (ms) the scroller is at rest. */
const REST_MS = 150;

/**
 * The overscan for a motion, `overscan` rows at most on a side. Overscan covers what the
 * compositor scrolls into view before the rows are rendered, so it goes ahead of the motion.
 * A jump lands far from every rendered row, so rows beyond the viewport would only cost
 * work (each is styled, laid out and painted); at rest both sides are ready.
 */
export function overscanFor(motion: ScrollMotion, overscan: number): Overscan {
  switch (motion) {
    case "jump":
      return [0, 0];
    case "down":
      return [1, overscan];
    case "up":
      return [overscan, 1];
    case "rest":
      return [overscan, overscan];
  }
}

/** Height of the scroll content for `count` rows, in px: their height, capped at `MAX_SCROLL_PX`. */
function spacerHeight(count: number, rowHeight: number): number {
  return Math.min(count * rowHeight, MAX_SCROLL_PX);
}

/**
 * The rows to render for a scroll position: those in view plus the overscan on each side.
 * `scrollTop` and `viewportHeight` are the scroller's, in px; past `MAX_SCROLL_PX` of rows the
 * scroll range is scaled (`scale` > 1 virtual px per scroll px).
 */
export function visibleRows(count: number, rowHeight: number, overscan: Overscan, scrollTop: number, viewportHeight: number) {
  const total = count * rowHeight;
  const spacer = spacerHeight(count, rowHeight);
  const scale = total > spacer && spacer > viewportHeight ? (total - viewportHeight) / (spacer - viewportHeight) : 1;
  const virtualTop = Math.min(scrollTop * scale, Math.max(0, total - viewportHeight));
  const first = Math.max(0, Math.floor(virtualTop / rowHeight) - overscan[0]);
  const last = Math.min(count - 1, Math.ceil((virtualTop + viewportHeight) / rowHeight) + overscan[1]);
  const items: FixedRow[] = [];
  for (let i = first; i <= last; i++) items.push({ index: i, top: scrollTop + (i * rowHeight - virtualTop) });
  return { items, spacer, scale };
}

/** React keys of a rendered window of rows: `keys[p]` is the key of row `first + p`. */
export interface RowKeys {
  first: number;
  keys: number[];
  /** The next key never used in this list. */
  next: number;
}

/**
 * React keys for the rows `first … first + n - 1`, from the keys of the previous window, so
 * that scrolling costs the fewest DOM changes, with the rows kept in DOM order (the order
 * assistive technology and `getByRole("row")` see):
 *
 * - A scroll that keeps at least half the rows in view: those rows keep their keys and
 *   elements; rows coming into view get new keys (created), rows leaving are removed.
 *   Nothing moves (React moves elements that change order, and a moved element's layout
 *   objects are rebuilt).
 * - A jump (less than half the rows in common): row `p` takes the key row `p` had, so the
 *   same elements, in the same order, take the new rows' content: nothing is created,
 *   removed or moved.
 */
export function rowKeys(previous: RowKeys | undefined, first: number, n: number): RowKeys {
  const before = previous ?? { first, keys: [], next: 0 };
  const overlap = Math.max(0, Math.min(first + n, before.first + before.keys.length) - Math.max(first, before.first));
  // Rows in common keep their keys (a scroll), or positions keep theirs (a jump).
  const shift = overlap * 2 >= n ? first - before.first : 0;
  const keys = new Array<number>(n);
  let next = before.next;
  for (let p = 0; p < n; p++) {
    const q = p + shift;
    keys[p] = q >= 0 && q < before.keys.length ? before.keys[q]! : next++;
  }
  return { first, keys, next };
}

/**
 * Virtualizes rows of one fixed height in O(visible rows): no per-row measurement, so a
 * batch of new rows costs nothing beyond the rows on screen (a general virtualizer that
 * re-measures every row is O(n) per count change). Past ~15M px the scroll range is
 * scaled, so millions of rows still scroll end to end.
 *
 * `overscan` is the most rows rendered beyond the viewport on a side (see `overscanFor`:
 * none after a jump, ahead of the motion while scrolling). Each returned item carries the
 * React `key` to render it with (see `rowKeys`): scrolling refills the same elements
 * instead of moving, creating or removing them.
 *
 * With `pinToBottom` the rows are the last ones and the scroller is kept at the bottom:
 * the rows are computed for the bottom before they render, so each batch of new rows costs
 * one render and one layout (scrolling after the render, to rows computed from the old
 * position, would cost a second of each).
 */
export function useFixedRows(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8, pinToBottom = false) {
  const [view, setView] = useState<{ top: number; height: number; motion: ScrollMotion }>({ top: 0, height: 600, motion: "rest" });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let restTimer: ReturnType<typeof setTimeout> | undefined;
    const rest = () => setView((v) => (v.motion === "rest" ? v : { ...v, motion: "rest" }));
    const read = () =>
      setView((v) => {
        const top = el.scrollTop;
        const height = el.clientHeight;
        if (v.top === top && v.height === height) return v;
        const delta = top - v.top;
        const motion: ScrollMotion = delta === 0 ? v.motion : Math.abs(delta) > height ? "jump" : delta > 0 ? "down" : "up";
        return { top, height, motion };
      });
    const onScroll = () => {
      read();
      clearTimeout(restTimer);
      restTimer = setTimeout(rest, REST_MS);
    };
    const observer = new ResizeObserver(read);
    observer.observe(el);
    el.addEventListener("scroll", onScroll, { passive: true });
    read();
    return () => {
      clearTimeout(restTimer);
      observer.disconnect();
      el.removeEventListener("scroll", onScroll);
    };
  }, [scrollRef]);

  const bottom = Math.max(0, spacerHeight(count, rowHeight) - view.height);
  const top = pinToBottom ? bottom : view.top;
  const { items, spacer, scale } = visibleRows(count, rowHeight, overscanFor(view.motion, overscan), top, view.height);
  // Keys follow the keys this grid last committed (a render React discards changes nothing).
  const committed = useRef<RowKeys | undefined>(undefined);
  // eslint-disable-next-line react-hooks/refs -- read here, written only once committed (below), so a discarded render changes nothing
  const keys = rowKeys(committed.current, items[0]?.index ?? 0, items.length);
  useLayoutEffect(() => {
    committed.current = keys;
  });

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

  return { items: items.map((item, p) => ({ ...item, key: keys.keys[p]! })), totalSize: spacer, viewportHeight: view.height, scrollToIndex };
}
