import { describe, expect, it } from "vitest";
import { rowSlots, visibleRows } from "./useFixedRows";

const ROW = 26;
const OVERSCAN = 4;

describe("visibleRows", () => {
  it("renders the rows in view plus the overscan, positioned by their index", () => {
    const { items, spacer, scale } = visibleRows(1000, ROW, OVERSCAN, 260, 324);
    expect(scale).toBe(1);
    expect(spacer).toBe(26_000);
    expect(items[0]).toEqual({ index: 6, top: 6 * ROW });
    expect(items.at(-1)!.index).toBe(Math.ceil((260 + 324) / ROW) + OVERSCAN);
  });

  it("scales a million rows into the browser's height limit and still reaches the last one", () => {
    const count = 1_000_000;
    const viewport = 324;
    const { spacer, scale } = visibleRows(count, ROW, OVERSCAN, 0, viewport);
    expect(spacer).toBeLessThan(count * ROW);
    expect(scale).toBeGreaterThan(1);
    const bottom = visibleRows(count, ROW, OVERSCAN, spacer - viewport, viewport).items;
    expect(bottom.at(-1)!.index).toBe(count - 1);
  });
});

describe("rowSlots", () => {
  for (const [count, viewport] of [
    [1_000_000, 324],
    [100_000, 901],
    [37, 324],
  ] as const) {
    it(`gives every rendered row its own slot, and a jump refills the rows it had (${count} rows, ${viewport}px)`, () => {
      const slots = rowSlots(ROW, OVERSCAN, viewport);
      const max = Math.min(count * ROW, 15_000_000) - viewport;
      let previous: Set<number> | undefined;
      let jumps = 0;
      for (let step = 0; step <= 400; step++) {
        // Fractional positions too: where a window straddles row boundaries it is widest.
        const top = Math.min(max, (max * step) / 400 + (step % 3) * 7.3);
        const items = visibleRows(count, ROW, OVERSCAN, top, viewport).items;
        const keys = items.map((item) => item.index % slots);
        expect(new Set(keys).size).toBe(keys.length);
        const current = new Set(keys);
        const inside = items[0]!.index > 0 && items.at(-1)!.index < count - 1;
        if (previous && inside && items[0]!.index > slots) {
          // Away from the ends, at most one element is created per jump (React keys): the
          // others take the new rows' content.
          expect([...current].filter((k) => !previous!.has(k)).length).toBeLessThanOrEqual(1);
          jumps++;
        }
        previous = inside ? current : undefined;
      }
      if (count > 1000) expect(jumps).toBeGreaterThan(300);
    });
  }
});
