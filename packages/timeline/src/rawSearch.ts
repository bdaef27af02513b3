import { escapeRaw, type RawText } from "./rawText.js";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Index of the row whose text contains position `pos` (offsets ascending; rows start at `lo`). */
function rowAt(offsets: Uint32Array, pos: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A case-insensitive substring search over frames' raw text (`FrameFilter.text`), rows in
 * `seq` order. Plain rows are tested with one regular expression each. Escaped blocks (see
 * `RawText`) are searched whole, for the needle escaped the same way: JSON escaping maps
 * each character on its own, so the raw text contains the needle exactly when its escaped
 * text contains the escaped needle at a position that does not fall inside an escape (an
 * even run of backslashes before it). Rows whose text uses `\uXXXX` or `\/` escapes (not
 * what `JSON.stringify` writes for ordinary characters) are unescaped and tested as plain.
 */
export class RawSearch {
  private readonly plain: RegExp;
  private readonly escaped: RegExp;

  constructor(readonly needle: string) {
    this.plain = new RegExp(escapeRegExp(needle), "i");
    this.escaped = new RegExp(escapeRegExp(escapeRaw(needle)), "gi");
  }

  /** True when `raw` contains the needle, case-insensitively. */
  test(raw: string): boolean {
    return this.plain.test(raw);
  }

  /** Calls `match(seq)` in ascending order for each row in [from, to] whose raw text contains the needle. */
  scan(raws: RawText, from: number, to: number, match: (seq: number) => void): void {
    raws.forEachBlock(from, to, (block) => {
      if (!block.escaped) {
        for (let seq = block.first; seq <= block.last; seq++) if (this.plain.test(block.rows[seq - block.start]!)) match(seq);
        return;
      }
      const { text, offsets, start } = block;
      const decode = block.decode();
      const firstRow = block.first - start;
      const lastRow = block.last - start;
      let d = lowerBound(decode, firstRow);
      // Rows read unescaped, up to (not including) row `below`.
      const decoded = (below: number) => {
        for (; d < decode.length && decode[d]! < below && decode[d]! <= lastRow; d++) {
          const row = decode[d]!;
          if (this.plain.test(raws.at(start + row))) match(start + row);
        }
      };
      const re = this.escaped;
      const end = offsets[lastRow + 1]!;
      let row = firstRow;
      re.lastIndex = offsets[row]!;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null && m.index < end) {
        const pos = m.index;
        row = rowAt(offsets, pos, row, lastRow);
        const rowEnd = offsets[row + 1]!;
        // A match running into the next row: no later match starts in this row either.
        if (pos + m[0].length > rowEnd) {
          re.lastIndex = rowEnd;
          continue;
        }
        let b = pos - 1;
        const rowStart = offsets[row]!;
        while (b >= rowStart && text.charCodeAt(b) === 92) b--;
        if ((pos - 1 - b) % 2 === 1) {
          re.lastIndex = pos + 1; // starts inside an escape (`\n` for "n")
          continue;
        }
        decoded(row);
        if (decode[d] !== row) match(start + row);
        re.lastIndex = rowEnd;
      }
      decoded(lastRow + 1);
    });
  }
}

/** First position in ascending `values` with a value ≥ `x`. */
export function lowerBound(values: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
