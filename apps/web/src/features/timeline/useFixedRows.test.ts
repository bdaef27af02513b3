import { describe, expect, it } from "vitest";
import { overscanFor, rowKeys, visibleRows, type RowKeys } from "./useFixedRows";

const ROW = 26;
const OVERSCAN = 4;
const BOTH: [number, number] = [OVERSCAN, OVERSCAN];

describe("visibleRows", () => {
  it("renders the rows in view plus the overscan, positioned by their index", () => {
    const { items, spacer, scale } = visibleRows(1000, ROW, BOTH, 260, 324);
    expect(scale).toBe(1);
    expect(spacer).toBe(26_000);
    expect(items[0]).toEqual({ index: 6, top: 6 * ROW });
    expect(items.at(-1)!.index).toBe(Math.ceil((260 + 324) / ROW) + OVERSCAN);
  });

  it("takes the overscan before and after the viewport separately", () => {
    const { items } = visibleRows(1000, ROW, [1, 6], 260, 324);
    expect(items[0]!.index).toBe(260 / ROW - 1);
    expect(items.at(-1)!.index).toBe(Math.ceil((260 + 324) / ROW) + 6);
  });

  it("scales a million rows into the browser's height limit and still reaches the last one", () => {
    const count = 1_000_000;
    const viewport = 324;
    const { spacer, scale } = visibleRows(count, ROW, BOTH, 0, viewport);
    expect(spacer).toBeLessThan(count * ROW);
    expect(scale).toBeGreaterThan(1);
    const bottom = visibleRows(count, ROW, BOTH, spacer - viewport, viewport).items;
    expect(bottom.at(-1)!.index).toBe(count - 1);
  });
});

describe("overscanFor", () => {
  it("renders nothing beyond the viewport on a jump, ahead of the motion while scrolling, both sides at rest", () => {
    expect(overscanFor("jump", OVERSCAN)).toEqual([0, 0]);
    expect(overscanFor("down", OVERSCAN)).toEqual([1, OVERSCAN]);
    expect(overscanFor("up", OVERSCAN)).toEqual([OVERSCAN, 1]);
    expect(overscanFor("rest", OVERSCAN)).toEqual([OVERSCAN, OVERSCAN]);
  });
});

/**
 * What React does to the DOM when a keyed list changes from `before` to `after`
 * (its reconciliation: an element whose old position is left of the last one kept is moved).
 */
function domChanges(before: number[], after: number[]) {
  const oldIndex = new Map(before.map((key, i) => [key, i]));
  let lastPlaced = -1;
  let moved = 0;
  let created = 0;
  for (const key of after) {
    const i = oldIndex.get(key);
    if (i === undefined) created++;
    else if (i < lastPlaced) moved++;
    else lastPlaced = i;
  }
  const kept = new Set(after);
  return { moved, created, removed: before.filter((key) => !kept.has(key)).length };
}

describe("rowKeys", () => {
  const window = (previous: RowKeys | undefined, first: number, n: number) => rowKeys(previous, first, n);

  it("keeps the key of every row still in view when scrolling by a few rows, and moves no element", () => {
    const a = window(undefined, 100, 20);
    expect(a.keys).toEqual([...Array(20).keys()]);
    const down = window(a, 103, 20);
    expect(down.keys.slice(0, 17)).toEqual(a.keys.slice(3));
    expect(domChanges(a.keys, down.keys)).toEqual({ moved: 0, created: 3, removed: 3 });
    const up = window(down, 101, 20);
    expect(up.keys.slice(2)).toEqual(down.keys.slice(0, 18));
    expect(domChanges(down.keys, up.keys)).toEqual({ moved: 0, created: 2, removed: 2 });
  });

  it("refills the same elements in the same order on a jump: nothing created, moved or removed", () => {
    const a = window(undefined, 100, 20);
    const jump = window(a, 50_000, 20);
    expect(jump.keys).toEqual(a.keys);
    expect(domChanges(a.keys, jump.keys)).toEqual({ moved: 0, created: 0, removed: 0 });
    // A window that shrinks on a jump (no overscan) keeps its first elements.
    const smaller = window(jump, 900_000, 13);
    expect(smaller.keys).toEqual(a.keys.slice(0, 13));
    expect(domChanges(jump.keys, smaller.keys)).toEqual({ moved: 0, created: 0, removed: 7 });
  });

  it("never gives two rendered rows one key and never moves an element, whatever the scrolling", () => {
    let previous: RowKeys | undefined;
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let step = 0; step < 2000; step++) {
      const n = 10 + Math.floor(random() * 14);
      const first = random() < 0.3 ? Math.floor(random() * 1_000_000) : Math.max(0, (previous?.first ?? 0) + Math.floor(random() * 13) - 6);
      const next = window(previous, first, n);
      expect(next.keys).toHaveLength(n);
      expect(new Set(next.keys).size).toBe(n);
      if (previous) {
        const changes = domChanges(previous.keys, next.keys);
        expect(changes.moved).toBe(0);
        // Elements are created only for rows beyond what the previous window had or could reuse.
        const common = Math.max(0, Math.min(first + n, previous.first + previous.keys.length) - Math.max(first, previous.first));
        expect(changes.created).toBeLessThanOrEqual(common * 2 >= n ? n - common : Math.max(0, n - previous.keys.length));
      }
      previous = next;
    }
  });
});
