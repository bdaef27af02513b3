/**
 * The `raw` text of a session's frames, in blocks of consecutive rows. A block holds either
 * plain strings, one per frame (frames added as objects), or the frames' raw text as it
 * appears inside a recording line: JSON string contents, escaped (`\"`, `\\`, `\n`, …),
 * joined into one string with an offset per row. Escaped text is what a recording or a
 * `jsonl` stream carries, so it is stored as read, without unescaping a million strings,
 * and one regular expression searches a whole block (see `RawSearch`).
 */
interface PlainBlock {
  start: number;
  escaped: false;
  rows: string[];
}

interface EscapedBlock {
  start: number;
  escaped: true;
  /** Rows still being appended: their escaped slices, joined by `seal`. */
  parts?: string[];
  /** Sealed: the escaped text of every row, and where row i starts (`offsets[i]`, length rows + 1). */
  text?: string;
  offsets?: Uint32Array;
  count: number;
  /** Sealed: rows (0-based in the block) whose text has `\u` or `\/`, found on first search. */
  decode?: Uint32Array;
}

type Block = PlainBlock | EscapedBlock;

/**
 * A live stream's many small segments: once this many sealed blocks shorter than
 * `SMALL_CHARS` follow each other at the end, they are joined into one (a single copy, no
 * string concatenated again and again), so blocks stay few without copying text per segment.
 */
const SMALL_RUN = 32;
const SMALL_CHARS = 1 << 18;

/** The escaped text of one row: JSON string contents without the quotes. */
export function escapeRaw(raw: string): string {
  return JSON.stringify(raw).slice(1, -1);
}

/** The raw text of escaped JSON string contents; text that is not valid JSON is returned as is. */
export function unescapeRaw(escaped: string): string {
  if (!escaped.includes("\\")) return escaped;
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return escaped; // not what a JSON writer makes: shown as stored
  }
}

/** A sealed block of escaped raw text, as a segment carries it. */
export interface EscapedRawBlock {
  /** Escaped text of the rows, concatenated. */
  text: string;
  /** Start of row i in `text` (length = rows + 1). */
  offsets: Uint32Array;
}

/** Where the raw text of rows is, by block. Rows are 1-based (`seq`). */
export class RawText {
  private readonly blocks: Block[] = [];
  private length = 0;
  /** Index of the block found last (reads cluster: rows on screen). */
  private hint = 0;

  /** Number of rows held. */
  get count(): number {
    return this.length;
  }

  /** Appends a row's raw text. */
  pushPlain(raw: string): void {
    let last = this.blocks[this.blocks.length - 1];
    if (!last || last.escaped) this.blocks.push((last = { start: this.length + 1, escaped: false, rows: [] }));
    last.rows.push(raw);
    this.length++;
  }

  /** Appends a row's raw text given escaped (JSON string contents, no quotes). */
  pushEscaped(escaped: string): void {
    let last = this.blocks[this.blocks.length - 1];
    if (!last || !last.escaped || last.parts === undefined) {
      last = { start: this.length + 1, escaped: true, parts: [], count: 0 };
      this.blocks.push(last);
    }
    last.parts!.push(escaped);
    last.count++;
    this.length++;
  }

  /** Joins the rows appended escaped since the last call into one sealed block. */
  seal(): void {
    const last = this.blocks[this.blocks.length - 1];
    if (!last?.escaped || last.parts === undefined) return;
    sealInPlace(last);
    this.compactSmallRun();
  }

  /** Joins the run of small sealed blocks at the end into one once it is `SMALL_RUN` long. */
  private compactSmallRun(): void {
    const blocks = this.blocks;
    let first = blocks.length;
    while (first > 0) {
      const b = blocks[first - 1]!;
      if (!b.escaped || b.text === undefined || b.text.length >= SMALL_CHARS) break;
      first--;
    }
    if (blocks.length - first < SMALL_RUN) return;
    const run = blocks.splice(first) as EscapedBlock[];
    const count = run.reduce((n, b) => n + b.count, 0);
    const offsets = new Uint32Array(count + 1);
    let row = 0;
    let at = 0;
    for (const b of run) {
      for (let i = 0; i < b.count; i++) offsets[row++] = at + b.offsets![i]!;
      at += b.text!.length;
    }
    offsets[count] = at;
    blocks.push({ start: run[0]!.start, escaped: true, text: run.map((b) => b.text!).join(""), offsets, count });
    this.hint = 0;
  }

  /** The escaped raw text of rows [from, to] as one block (for a segment). */
  escapedRange(from: number, to: number): EscapedRawBlock {
    const whole = this.blocks[this.blockIndexOf(from)];
    if (whole?.escaped && whole.text !== undefined && whole.start === from && whole.count === to - from + 1) {
      return { text: whole.text, offsets: whole.offsets!.slice() }; // a copy: the buffer is transferred
    }
    const pieces: string[] = [];
    const offsets = new Uint32Array(Math.max(0, to - from + 1) + 1);
    let row = 0;
    let at = 0;
    this.forEachBlock(from, to, (block) => {
      if (block.escaped) {
        const base = block.offsets[block.first - block.start]!;
        for (let seq = block.first; seq <= block.last; seq++) offsets[row++] = at + block.offsets[seq - block.start]! - base;
        const end = block.offsets[block.last - block.start + 1]!;
        pieces.push(block.text.slice(base, end));
        at += end - base;
      } else {
        for (let seq = block.first; seq <= block.last; seq++) {
          const escaped = escapeRaw(block.rows[seq - block.start]!);
          offsets[row++] = at;
          pieces.push(escaped);
          at += escaped.length;
        }
      }
    });
    offsets[row] = at;
    return { text: pieces.join(""), offsets };
  }

  /** Appends a sealed block of escaped rows (from a segment). */
  appendBlock(block: EscapedRawBlock): void {
    const rows = block.offsets.length - 1;
    if (rows <= 0) return;
    this.blocks.push({ start: this.length + 1, escaped: true, text: block.text, offsets: block.offsets, count: rows });
    this.length += rows;
    this.compactSmallRun();
  }

  private blockOf(seq: number): Block {
    const blocks = this.blocks;
    const hinted = blocks[this.hint];
    if (hinted && seq >= hinted.start && seq < hinted.start + blockCount(hinted)) return hinted;
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (blocks[mid]!.start <= seq) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return blocks[lo]!;
  }

  /** The raw text of row `seq` (1 ≤ seq ≤ count). */
  at(seq: number): string {
    const block = this.blockOf(seq);
    const i = seq - block.start;
    if (!block.escaped) return block.rows[i]!;
    return unescapeRaw(escapedRow(block, i));
  }

  /**
   * Calls `visit` for each block overlapping rows [from, to]: plain blocks with their rows,
   * escaped ones with their text and offsets (sealed first). Rows are clipped to the range.
   */
  forEachBlock(
    from: number,
    to: number,
    visit: (block: { start: number; first: number; last: number } & ({ escaped: false; rows: string[] } | { escaped: true; text: string; offsets: Uint32Array; decode: () => Uint32Array })) => void,
  ): void {
    if (from > to) return;
    for (let b = this.blockIndexOf(from); b < this.blocks.length; b++) {
      const block = this.blocks[b]!;
      if (block.start > to) break;
      const first = Math.max(from, block.start);
      const last = Math.min(to, block.start + blockCount(block) - 1);
      if (block.escaped && block.parts !== undefined) sealInPlace(block);
      if (block.escaped) visit({ start: block.start, first, last, escaped: true, text: block.text!, offsets: block.offsets!, decode: () => (block.decode ??= rowsToDecode(block)) });
      else visit({ start: block.start, first, last, escaped: false, rows: block.rows });
    }
  }

  private blockIndexOf(seq: number): number {
    this.blockOf(Math.max(1, Math.min(seq, this.length)));
    return this.hint;
  }
}

/** Joins a block's escaped rows into one text with offsets. */
function sealInPlace(block: EscapedBlock): void {
  const parts = block.parts!;
  const offsets = new Uint32Array(parts.length + 1);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    offsets[i] = at;
    at += parts[i]!.length;
  }
  offsets[parts.length] = at;
  block.text = parts.join("");
  block.offsets = offsets;
  block.parts = undefined;
}

/**
 * Rows of a sealed block whose escaped text has `\uXXXX` or `\/`: escapes `JSON.stringify`
 * never writes for ordinary characters, so such a row is searched unescaped (`RawSearch`).
 */
function rowsToDecode(block: EscapedBlock): Uint32Array {
  const text = block.text!;
  const offsets = block.offsets!;
  const rows: number[] = [];
  const re = /\\[u/]/g;
  let row = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    while (offsets[row + 1]! <= m.index) row++;
    rows.push(row);
    re.lastIndex = offsets[row + 1]!; // the next row
  }
  return Uint32Array.from(rows);
}

function blockCount(block: Block): number {
  return block.escaped ? block.count : block.rows.length;
}

function escapedRow(block: EscapedBlock, i: number): string {
  if (block.parts !== undefined) return block.parts[i]!;
  return block.text!.slice(block.offsets![i], block.offsets![i + 1]);
}
