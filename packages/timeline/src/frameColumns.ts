import { FRAME_DIRS, FRAME_KINDS, type FrameDir, type FrameKind, type JsonRpcId, type JsonRpcMessage } from "@mcpscope/protocol/types";
import { RawText } from "./rawText.js";

const DIRS = FRAME_DIRS;
const KINDS = FRAME_KINDS;
/** Code of each direction and kind in the flags byte. */
export const DIR_CODE = new Map<string, number>(DIRS.map((d, i) => [d, i]));
export const KIND_CODE = new Map<string, number>(KINDS.map((k, i) => [k, i]));
/** Flags byte: bits 0–2 the direction, 3–6 the kind, 7 "has a JSON-RPC message". */
export const DIR_BITS = 3;
export const DIR_MASK = (1 << DIR_BITS) - 1;
export const HAS_MSG = 1 << 7;
/** Codes of a direction or kind this build does not know (a newer proxy's): kept per frame. */
export const OTHER_DIR = DIR_MASK;
export const OTHER_KIND = 15;
if (DIRS.length > OTHER_DIR || KINDS.length > OTHER_KIND) throw new Error("FrameColumns: the flags byte codes at most 7 directions and 15 kinds");
/** Distinct method names coded in 16 bits; past that (a hostile server), kept per frame. */
const MAX_METHOD_CODES = 0xffff;
/** Parsed messages kept per session, least recently read dropped first. */
export const PARSED_CACHE_SIZE = 2048;

/**
 * One frame as it is appended to `FrameColumns`: the `Frame` fields the timeline reads,
 * decoded, plus the link to the request it belongs to (set by `TimelineIndex`). Reused by
 * readers that append many frames, so it holds primitives only.
 */
export interface FrameRow {
  sessionId: string;
  ts: number;
  bytes: number;
  /** Direction and kind as named in the frame (`dirCode`/`kindCode` are OTHER_* for unknown ones). */
  dir: string;
  kind: string;
  hasMsg: boolean;
  method: string | undefined;
  id: JsonRpcId | undefined;
  /** The raw text, plain; or, when `rawEscaped` is set, as JSON string contents (escaped, no quotes). */
  raw: string;
  rawEscaped: boolean;
  reason: string | undefined;
  meta: Record<string, unknown> | undefined;
  /**
   * For pairing (see `TimelineIndex`): a request's `params._meta.progressToken`, a progress
   * notification's `params.progressToken`, a `notifications/cancelled`'s `params.requestId`.
   */
  token: unknown;
  /** `seq` of the request this frame answers, reports progress on or cancels; 0 for none (set by `TimelineIndex`). */
  link: number;
}

/** The sparse columns of a range of rows: `[seq, value]` pairs. */
export interface SparseColumns {
  stringIds: [number, string][];
  uncodedMethods: [number, string][];
  reasons: [number, string][];
  metas: [number, Record<string, unknown>][];
  eventIds: [number, string][];
  otherDirs: [number, string][];
  otherKinds: [number, string][];
  otherSessionIds: [number, string][];
}

/** The typed columns of rows [from, from + count), copies ready to transfer. */
export interface TypedColumns {
  ts: Float64Array;
  bytes: Float64Array;
  flags: Uint8Array;
  methodCodes: Uint16Array;
  exchanges: Float64Array;
  numericIds: Float64Array;
  links: Int32Array;
}

/**
 * A column most rows leave empty, by seq: a map to look values up, and the seqs in the
 * order they were set (ascending: rows are appended in seq order) to copy a range out in
 * O(log n + values in it).
 */
class SparseColumn<V> {
  private readonly values = new Map<number, V>();
  private readonly seqs: number[] = [];
  get(seq: number): V | undefined {
    return this.values.get(seq);
  }
  /** Sets the value of the newest row (seq above any set before). */
  set(seq: number, value: V): void {
    if (!this.values.has(seq)) this.seqs.push(seq);
    this.values.set(seq, value);
  }
  range(from: number, to: number): [number, V][] {
    const out: [number, V][] = [];
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.seqs.length && this.seqs[i]! <= to; i++) out.push([this.seqs[i]!, this.values.get(this.seqs[i]!)!]);
    return out;
  }
}

function grown<T extends Float64Array | Uint8Array | Uint16Array | Int32Array>(from: T, capacity: number, fill?: number): T {
  const to = new (from.constructor as new (n: number) => T)(capacity);
  if (fill !== undefined) to.fill(fill, from.length);
  to.set(from);
  return to;
}

/**
 * One session's frames, stored by column: typed arrays for `ts`, `bytes`, direction, kind,
 * method, HTTP exchange number, numeric JSON-RPC id and the link to a frame's request; the
 * raw text in blocks (`RawText`); maps for the rare rest (string ids, `reason`, other
 * `meta`, SSE event ids, per-frame session ids). Frame `seq` n is row n − 1, so frames are
 * appended in `seq` order without gaps.
 *
 * Why columns: a million frames as objects are millions of heap objects (the frame, its
 * `ts` number, its parsed message tree), and every major garbage collection of the page
 * marks them all while the user scrolls. Here a frame costs its raw text and a few dozen
 * bytes in typed arrays; `msg` is parsed from `raw` when read (the recorder's invariant:
 * `msg` is `JSON.parse(raw)`, packages/protocol/src/frame.ts) and the last
 * `PARSED_CACHE_SIZE` parsed messages are kept. The typed columns of a range of rows copy
 * out and in as transferable arrays (`typedRange`, `appendColumns`): a Web Worker fills them.
 */
export class FrameColumns {
  /** Frames held; the newest has `seq` = `length`. */
  length = 0;
  private ts = new Float64Array(1024);
  private bytes = new Float64Array(1024);
  private flags = new Uint8Array(1024);
  private methodCodes = new Uint16Array(1024);
  /** `meta.exchange` of message frames over HTTP (`meta` = `{exchange, eventId?}`); NaN when none. */
  private exchanges = new Float64Array(1024).fill(NaN);
  /** Numeric JSON-RPC ids; NaN when the frame has none or a string one. */
  private numericIds = new Float64Array(1024).fill(NaN);
  /** `seq` of the request a frame answers, reports progress on or cancels; 0 for none. */
  private links = new Int32Array(1024);
  readonly raws = new RawText();
  /** Method names by code (code 0: none). */
  readonly methodNames: string[] = [""];
  private readonly methodCode = new Map<string, number>();
  private readonly stringIds = new SparseColumn<string>();
  private readonly uncodedMethods = new SparseColumn<string>();
  private readonly reasons = new SparseColumn<string>();
  private readonly metas = new SparseColumn<Record<string, unknown>>();
  private readonly eventIds = new SparseColumn<string>();
  private readonly otherDirs = new SparseColumn<string>();
  private readonly otherKinds = new SparseColumn<string>();
  private sessionId: string | undefined;
  private readonly otherSessionIds = new SparseColumn<string>();
  private readonly parsed = new Map<number, JsonRpcMessage>();

  /** Makes room for `rows` frames at once (growing by doubling copies every column). */
  reserve(rows: number): void {
    this.ensure(rows);
  }

  private ensure(need: number): void {
    if (need <= this.ts.length) return;
    const capacity = Math.max(need, this.ts.length * 2);
    this.ts = grown(this.ts, capacity);
    this.bytes = grown(this.bytes, capacity);
    this.flags = grown(this.flags, capacity);
    this.methodCodes = grown(this.methodCodes, capacity);
    this.exchanges = grown(this.exchanges, capacity, NaN);
    this.numericIds = grown(this.numericIds, capacity, NaN);
    this.links = grown(this.links, capacity);
  }

  /** Appends the frame with `seq` = `length + 1`. */
  push(row: FrameRow): void {
    const r = this.length;
    const seq = r + 1;
    this.ensure(seq);
    this.ts[r] = row.ts;
    this.bytes[r] = row.bytes;
    let dir = DIR_CODE.get(row.dir);
    if (dir === undefined) {
      this.otherDirs.set(seq, row.dir);
      dir = OTHER_DIR;
    }
    let kind = KIND_CODE.get(row.kind);
    if (kind === undefined) {
      this.otherKinds.set(seq, row.kind);
      kind = OTHER_KIND;
    }
    this.flags[r] = dir | (kind << DIR_BITS) | (row.hasMsg ? HAS_MSG : 0);
    if (row.rawEscaped) this.raws.pushEscaped(row.raw);
    else this.raws.pushPlain(row.raw);
    const id = row.id;
    if (typeof id === "number") this.numericIds[r] = id;
    else {
      this.numericIds[r] = NaN;
      if (typeof id === "string") this.stringIds.set(seq, id);
    }
    this.methodCodes[r] = row.method === undefined ? 0 : this.codeOf(row.method, seq);
    this.links[r] = row.link;
    this.exchanges[r] = NaN;
    if (row.reason !== undefined) this.reasons.set(seq, row.reason);
    if (row.meta !== undefined && !this.storeExchange(r, row.meta)) this.metas.set(seq, row.meta);
    if (this.sessionId === undefined) this.sessionId = row.sessionId;
    else if (row.sessionId !== this.sessionId) this.otherSessionIds.set(seq, row.sessionId);
    this.length = seq;
  }

  /** Stores `{exchange, eventId?}` (every message frame over HTTP) in columns; false for other `meta`. */
  private storeExchange(r: number, meta: Record<string, unknown>): boolean {
    for (const key in meta) if (key !== "exchange" && key !== "eventId") return false;
    const { exchange, eventId } = meta;
    if (typeof exchange !== "number" || Number.isNaN(exchange) || (eventId !== undefined && typeof eventId !== "string")) return false;
    this.exchanges[r] = exchange;
    if (eventId !== undefined) this.eventIds.set(r + 1, eventId);
    return true;
  }

  private codeOf(method: string, seq: number): number {
    let code = this.methodCode.get(method);
    if (code !== undefined) return code;
    if (this.methodNames.length > MAX_METHOD_CODES) {
      this.uncodedMethods.set(seq, method);
      return 0;
    }
    code = this.methodNames.length;
    this.methodNames.push(method);
    this.methodCode.set(method, code);
    return code;
  }

  /** The code of a method name, if it has one. */
  methodCodeOf(method: string): number | undefined {
    return this.methodCode.get(method);
  }

  /** Copies of the typed columns of rows [from, to] (seqs), to transfer. */
  typedRange(from: number, to: number): TypedColumns {
    const a = from - 1;
    const b = to;
    return {
      ts: this.ts.slice(a, b),
      bytes: this.bytes.slice(a, b),
      flags: this.flags.slice(a, b),
      methodCodes: this.methodCodes.slice(a, b),
      exchanges: this.exchanges.slice(a, b),
      numericIds: this.numericIds.slice(a, b),
      links: this.links.slice(a, b),
    };
  }

  /** The sparse columns of rows [from, to]. */
  sparseRange(from: number, to: number): SparseColumns {
    const otherSessionIds = this.otherSessionIds.range(from, to);
    return {
      stringIds: this.stringIds.range(from, to),
      uncodedMethods: this.uncodedMethods.range(from, to),
      reasons: this.reasons.range(from, to),
      metas: this.metas.range(from, to),
      eventIds: this.eventIds.range(from, to),
      otherDirs: this.otherDirs.range(from, to),
      otherKinds: this.otherKinds.range(from, to),
      otherSessionIds: from === 1 && this.sessionId !== undefined ? [[0, this.sessionId], ...otherSessionIds] : otherSessionIds,
    };
  }

  /**
   * Appends rows copied from another `FrameColumns` (`typedRange`, `sparseRange`, the raw
   * block of that range, and the other's method names from code `namesFrom` on): the rows a
   * Web Worker read, given to the page. Method codes are the other's, so one `FrameColumns`
   * is only ever filled this way.
   */
  appendColumns(typed: TypedColumns, sparse: SparseColumns, raw: { text: string; offsets: Uint32Array }, namesFrom: number, names: readonly string[]): void {
    const count = typed.ts.length;
    this.ensure(this.length + count);
    const r = this.length;
    this.ts.set(typed.ts, r);
    this.bytes.set(typed.bytes, r);
    this.flags.set(typed.flags, r);
    this.methodCodes.set(typed.methodCodes, r);
    this.exchanges.set(typed.exchanges, r);
    this.numericIds.set(typed.numericIds, r);
    this.links.set(typed.links, r);
    this.raws.appendBlock(raw);
    for (let code = this.methodNames.length; code < namesFrom + names.length; code++) {
      const name = names[code - namesFrom]!;
      this.methodNames.push(name);
      this.methodCode.set(name, code);
    }
    for (const [seq, v] of sparse.stringIds) this.stringIds.set(seq, v);
    for (const [seq, v] of sparse.uncodedMethods) this.uncodedMethods.set(seq, v);
    for (const [seq, v] of sparse.reasons) this.reasons.set(seq, v);
    for (const [seq, v] of sparse.metas) this.metas.set(seq, v);
    for (const [seq, v] of sparse.eventIds) this.eventIds.set(seq, v);
    for (const [seq, v] of sparse.otherDirs) this.otherDirs.set(seq, v);
    for (const [seq, v] of sparse.otherKinds) this.otherKinds.set(seq, v);
    for (const [seq, v] of sparse.otherSessionIds) {
      if (seq === 0) this.sessionId ??= v;
      else this.otherSessionIds.set(seq, v);
    }
    this.length += count;
  }

  sessionIdAt(seq: number): string {
    return this.otherSessionIds.get(seq) ?? this.sessionId ?? "";
  }
  tsAt(seq: number): number {
    return this.ts[seq - 1]!;
  }
  bytesAt(seq: number): number {
    return this.bytes[seq - 1]!;
  }
  /** The flags byte of a row (see `HAS_MSG`, `DIR_CODE`, `KIND_CODE`). */
  flagsAt(seq: number): number {
    return this.flags[seq - 1]!;
  }
  dirAt(seq: number): FrameDir {
    const code = this.flags[seq - 1]! & DIR_MASK;
    return code === OTHER_DIR ? (this.otherDirs.get(seq) as FrameDir) : DIRS[code]!;
  }
  kindAt(seq: number): FrameKind {
    const code = (this.flags[seq - 1]! >> DIR_BITS) & 15;
    return code === OTHER_KIND ? (this.otherKinds.get(seq) as FrameKind) : KINDS[code]!;
  }
  rawAt(seq: number): string {
    return this.raws.at(seq);
  }
  idAt(seq: number): JsonRpcId | undefined {
    const n = this.numericIds[seq - 1]!;
    return Number.isNaN(n) ? this.stringIds.get(seq) : n;
  }
  /** The numeric JSON-RPC id of a row, NaN when it has none or a string one. */
  numericIdAt(seq: number): number {
    return this.numericIds[seq - 1]!;
  }
  /** The string JSON-RPC id of a row, if it has one. */
  stringIdAt(seq: number): string | undefined {
    return this.stringIds.get(seq);
  }
  /** The method code of a row: 0 when it has none, or one not coded (see `methodAt`). */
  methodCodeAt(seq: number): number {
    return this.methodCodes[seq - 1]!;
  }
  methodAt(seq: number): string | undefined {
    const code = this.methodCodes[seq - 1]!;
    return code === 0 ? this.uncodedMethods.get(seq) : this.methodNames[code];
  }
  /** `seq` of the request a frame answers, reports progress on or cancels; 0 for none. */
  linkAt(seq: number): number {
    return this.links[seq - 1]!;
  }
  reasonAt(seq: number): string | undefined {
    return this.reasons.get(seq);
  }
  metaAt(seq: number): Record<string, unknown> | undefined {
    const exchange = this.exchanges[seq - 1]!;
    if (Number.isNaN(exchange)) return this.metas.get(seq);
    const eventId = this.eventIds.get(seq);
    return eventId === undefined ? { exchange } : { exchange, eventId };
  }

  /** `JSON.parse(raw)` of a frame with a JSON-RPC message, cached; `undefined` for the others. */
  msgAt(seq: number): JsonRpcMessage | undefined {
    if (!(this.flags[seq - 1]! & HAS_MSG)) return undefined;
    let msg = this.parsed.get(seq);
    if (msg !== undefined) {
      // Most recently read last: the rows on screen stay cached while other frames are parsed.
      this.parsed.delete(seq);
      this.parsed.set(seq, msg);
      return msg;
    }
    try {
      msg = JSON.parse(this.raws.at(seq)) as JsonRpcMessage;
    } catch {
      return undefined; // not the recorder's invariant: a frame built by hand
    }
    if (this.parsed.size >= PARSED_CACHE_SIZE) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(seq, msg);
    return msg;
  }
}
