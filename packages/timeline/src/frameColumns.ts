import { FRAME_DIRS, FRAME_KINDS, type Frame, type FrameDir, type FrameKind, type JsonRpcId, type JsonRpcMessage } from "@mcpscope/protocol/types";

const DIRS = FRAME_DIRS;
const KINDS = FRAME_KINDS;
const DIR_CODE = new Map<string, number>(DIRS.map((d, i) => [d, i]));
const KIND_CODE = new Map<string, number>(KINDS.map((k, i) => [k, i]));
/** Flags byte: bits 0–2 the direction, 3–6 the kind, 7 "has a JSON-RPC message". */
const DIR_BITS = 3;
const DIR_MASK = (1 << DIR_BITS) - 1;
const HAS_MSG = 1 << 7;
/** Codes of a direction or kind this build does not know (a newer proxy's): kept per frame. */
const OTHER_DIR = DIR_MASK;
const OTHER_KIND = 15;
if (DIRS.length > OTHER_DIR || KINDS.length > OTHER_KIND) throw new Error("FrameColumns: the flags byte codes at most 7 directions and 15 kinds");
/** Distinct method names coded in 16 bits; past that (a hostile server), kept per frame. */
const MAX_METHOD_CODES = 0xffff;
/** Parsed messages kept per session, least recently read dropped first. */
export const PARSED_CACHE_SIZE = 2048;

/**
 * One session's frames, stored by column: typed arrays for `ts`, `bytes`, direction, kind,
 * method and HTTP exchange number; one array of `raw` strings; one of JSON-RPC ids; maps for
 * the rare rest (`reason`, other `meta`, SSE event ids, per-frame session ids). Frame `seq`
 * n is row n − 1, so frames must be appended in `seq` order without gaps.
 *
 * Why columns: a million frames as objects are millions of heap objects (the frame, its
 * `ts` number, its parsed message tree), and every major garbage collection of the page
 * marks them all while the user scrolls. Here a frame costs its `raw` string (no outgoing
 * pointers) and a few bytes in typed arrays; `msg` is parsed from `raw` when read (the
 * recorder's invariant: `msg` is `JSON.parse(raw)`, packages/protocol/src/frame.ts) and the
 * last `PARSED_CACHE_SIZE` parsed messages are kept.
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
  private readonly raws: string[] = [];
  private readonly ids: (JsonRpcId | undefined)[] = [];
  private readonly methodNames: string[] = [""];
  private readonly methodCode = new Map<string, number>();
  private readonly uncodedMethods = new Map<number, string>();
  private readonly reasons = new Map<number, string>();
  private readonly metas = new Map<number, Record<string, unknown>>();
  private readonly eventIds = new Map<number, string>();
  private readonly otherDirs = new Map<number, string>();
  private readonly otherKinds = new Map<number, string>();
  private sessionId: string | undefined;
  private readonly otherSessionIds = new Map<number, string>();
  private readonly parsed = new Map<number, JsonRpcMessage>();

  /** Appends the frame with `seq` = `length + 1`. */
  push(frame: Frame): void {
    const row = this.length;
    const need = row + 1;
    if (need > this.ts.length) this.grow(need * 2);
    this.ts[row] = frame.ts;
    this.bytes[row] = frame.bytes;
    const msg = frame.msg;
    let dir = DIR_CODE.get(frame.dir);
    if (dir === undefined) {
      this.otherDirs.set(need, String(frame.dir));
      dir = OTHER_DIR;
    }
    let kind = KIND_CODE.get(frame.kind);
    if (kind === undefined) {
      this.otherKinds.set(need, String(frame.kind));
      kind = OTHER_KIND;
    }
    this.flags[row] = dir | (kind << DIR_BITS) | (msg !== undefined ? HAS_MSG : 0);
    this.raws.push(frame.raw);
    this.ids.push(msg?.id ?? undefined); // a null id is no id (JSON-RPC 2.0 §4: MCP forbids it)
    const method = typeof msg?.method === "string" ? msg.method : undefined;
    this.methodCodes[row] = method === undefined ? 0 : this.codeOf(method, need);
    if (frame.reason !== undefined) this.reasons.set(need, frame.reason);
    if (frame.meta !== undefined && !this.storeExchange(row, frame.meta)) this.metas.set(need, frame.meta);
    if (this.sessionId === undefined) this.sessionId = frame.sessionId;
    else if (frame.sessionId !== this.sessionId) this.otherSessionIds.set(need, frame.sessionId);
    this.length = need;
  }

  /** Reallocates the typed columns for `capacity` rows (new `exchanges` rows are NaN: none). */
  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Uint8Array | Uint16Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.ts = copy(this.ts, new Float64Array(capacity));
    this.bytes = copy(this.bytes, new Float64Array(capacity));
    this.flags = copy(this.flags, new Uint8Array(capacity));
    this.methodCodes = copy(this.methodCodes, new Uint16Array(capacity));
    this.exchanges = copy(this.exchanges, new Float64Array(capacity).fill(NaN));
  }

  /** Stores `{exchange, eventId?}` (every message frame over HTTP) in columns; false for other `meta`. */
  private storeExchange(row: number, meta: Record<string, unknown>): boolean {
    for (const key in meta) if (key !== "exchange" && key !== "eventId") return false;
    const { exchange, eventId } = meta;
    if (typeof exchange !== "number" || Number.isNaN(exchange) || (eventId !== undefined && typeof eventId !== "string")) return false;
    this.exchanges[row] = exchange;
    if (eventId !== undefined) this.eventIds.set(row + 1, eventId);
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

  sessionIdAt(seq: number): string {
    return this.otherSessionIds.get(seq) ?? this.sessionId ?? "";
  }
  tsAt(seq: number): number {
    return this.ts[seq - 1]!;
  }
  bytesAt(seq: number): number {
    return this.bytes[seq - 1]!;
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
    return this.raws[seq - 1]!;
  }
  idAt(seq: number): JsonRpcId | undefined {
    return this.ids[seq - 1];
  }
  methodAt(seq: number): string | undefined {
    const code = this.methodCodes[seq - 1]!;
    return code === 0 ? this.uncodedMethods.get(seq) : this.methodNames[code];
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
      msg = JSON.parse(this.raws[seq - 1]!) as JsonRpcMessage;
    } catch {
      return undefined; // not the recorder's invariant: a frame built by hand
    }
    if (this.parsed.size >= PARSED_CACHE_SIZE) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(seq, msg);
    return msg;
  }
}
