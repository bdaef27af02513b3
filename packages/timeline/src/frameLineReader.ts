import { FRAME_DIRS, FRAME_KINDS, quoteValue as quote, RECORDING_TYPE, RECORDING_VERSION } from "@mcpscope/protocol/types";
import type { FrameRow } from "./frameColumns.js";
import { classifyShape, newMessageScan, scanMessage, scannedKind } from "./frameMessageScan.js";
import { digitsAt, numberAt, stringAt, valueEnd } from "./jsonScan.js";
import { escapeRaw } from "./rawText.js";
import type { TimelineIndex } from "./timelineIndex.js";
import { pairingToken } from "./timelineIndex.js";

/** Why reading stopped: a line that is not a frame, or (a stream) frames missing before one. */
export type FrameLineStop =
  | { kind: "invalid"; /** 1-based line of the recording (the header is line 1, seq n is line n + 1). */ line: number; reason: string }
  | { kind: "gap"; /** The seq expected next, and the seq that came instead. */ expected: number; seq: number };

export interface FrameLineReaderOptions {
  /**
   * `recording`: the text is a whole recording, its header line first, then `seq` 1, 2, 3 …
   * in line order. `stream`: batches of lines (`push(text, from)`, a `jsonl` WebSocket
   * message) with seq `from`, `from + 1` …: frames the index holds already are skipped, and
   * a batch starting after missing ones stops reading with `gap`. In both, a line whose seq
   * is not its place stops reading with `invalid`.
   */
  mode: "recording" | "stream";
}

const JSON_RPC_KINDS: readonly string[] = FRAME_KINDS.slice(0, 4);
const KNOWN_DIRS: readonly string[] = FRAME_DIRS;
const KNOWN_KINDS: readonly string[] = FRAME_KINDS;


/** Sentinel results of the fast path. */
const SLOW = -1;
const DONE = 0;

/**
 * Reads JSON Lines of frames (a recording as written on disk, or a `jsonl` stream batch)
 * straight into a `TimelineIndex`, text chunk by text chunk, without building a frame
 * object per line: lines written the way mcpscope writes them (`JSON.stringify` of a
 * `Frame`: its keys `sessionId, seq, ts, dir, kind, raw` first, no whitespace) are read by
 * walking their text, `raw` kept escaped (see `RawText`) and `msg` only scanned for its
 * `id`, `method` and the `params` pairing needs; any other line is parsed with `JSON.parse`.
 *
 * Every line is checked as the recording format says (`FrameSchema`): the fields and their
 * types, `seq` numbering, and that a JSON-RPC frame's `kind` is what its `msg` is. `msg`
 * itself is not kept: it is `JSON.parse(raw)` (the recorder's invariant) and is parsed from
 * `raw` when read. The first bad line stops reading (`stopped`), keeping every frame before it.
 */
export class FrameLineReader {
  private carry = "";
  /** Lines read (complete ones). */
  private lines = 0;
  private sessionId = "";
  /** The seq the next frame line holds by its place (line n of a recording holds seq n − 1). */
  private position = 1;
  private readonly row: FrameRow = { sessionId: "", ts: 0, bytes: 0, dir: "", kind: "", hasMsg: false, method: undefined, id: undefined, raw: "", rawEscaped: true, reason: undefined, meta: undefined, token: undefined, link: 0 };
  private readonly scan = newMessageScan();
  /** Frame lines read with JSON.parse: written otherwise than mcpscope writes them. */
  parsedLines = 0;
  /** Set when reading stopped; later text is ignored. */
  stopped: FrameLineStop | undefined;
  /** The recording's header (mode `recording`), once read. */
  header: { session: Record<string, unknown> } | undefined;

  constructor(
    private readonly index: TimelineIndex,
    private readonly options: FrameLineReaderOptions,
  ) {}

  /**
   * Reads the complete lines of `chunk`, keeping an unfinished last line for the next chunk.
   * In `stream` mode, `from` is the seq of the chunk's first line (a batch of whole lines).
   */
  push(chunk: string, from?: number): void {
    if (this.stopped) return;
    if (from !== undefined) {
      this.carry = "";
      this.position = from;
      if (from > this.index.lastSeq + 1) {
        this.stopped = { kind: "gap", expected: this.index.lastSeq + 1, seq: from };
        return;
      }
    }
    let p = 0;
    if (this.carry) {
      const nl = chunk.indexOf("\n");
      if (nl < 0) {
        this.carry += chunk;
        return;
      }
      const line = this.carry + chunk.slice(0, nl);
      this.carry = "";
      this.line(line, 0, line.length);
      p = nl + 1;
    }
    while (!this.stopped) {
      const nl = chunk.indexOf("\n", p);
      if (nl < 0) break;
      this.line(chunk, p, nl);
      p = nl + 1;
    }
    this.carry = this.stopped || p >= chunk.length ? "" : chunk.slice(p);
  }

  /**
   * The end of the text: an unfinished last line is dropped (a torn write, as when reading
   * the recording back). A recording without even a header line stops with `invalid`.
   */
  end(): void {
    this.carry = "";
    if (this.options.mode === "recording" && !this.stopped && this.lines === 0) this.stop(1, "the file is empty");
  }

  private stop(line: number, reason: string): void {
    this.stopped = { kind: "invalid", line, reason };
  }

  private line(text: string, p: number, e: number): void {
    this.lines++;
    if (this.options.mode === "recording" && this.lines === 1) {
      this.readHeader(text.slice(p, e));
      return;
    }
    if (this.fast(text, p, e) === SLOW) this.slow(text.slice(p, e));
  }

  private readHeader(text: string): void {
    let value: { type?: unknown; version?: unknown; session?: unknown } | null;
    try {
      value = JSON.parse(text) as typeof value;
    } catch (err) {
      this.stop(1, `not JSON (${(err as Error).message})`);
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value) || value.type !== RECORDING_TYPE) {
      this.stop(1, `its first line is not a recording header (expected {"type":"${RECORDING_TYPE}",…}, got ${quote(value)})`);
    } else if (value.version !== RECORDING_VERSION) {
      this.stop(1, `recording format version ${quote(value.version)} is not supported (this mcpscope reads version ${RECORDING_VERSION})`);
    } else if (typeof value.session !== "object" || value.session === null) {
      this.stop(1, "invalid recording header: session: expected an object");
    } else this.header = { session: value.session as Record<string, unknown> };
  }

  /** The fields checked alike on both paths; appends the row unless the index holds it. */
  private finish(seq: number, msgKind: string | undefined, hasMsg: boolean): void {
    const row = this.row;
    const expected = this.position++;
    const line = expected + 1;
    if (seq !== expected) {
      this.stop(line, `seq is ${quote(seq)}, expected ${expected} (frames are numbered 1, 2, 3… in line order)`);
      return;
    }
    if (seq <= this.index.lastSeq) return; // held already (a resubscribe overlapped)
    if (JSON_RPC_KINDS.includes(row.kind) && msgKind !== row.kind) {
      this.stop(
        line,
        hasMsg
          ? `not a valid frame: kind: kind is "${row.kind}" but msg is ${msgKind ? `a ${msgKind}` : "no JSON-RPC request, response or notification"}`
          : `not a valid frame: msg: a ${row.kind} frame must carry its parsed message`,
      );
      return;
    }
    this.index.appendRow(row);
  }

  /** Reads a line as mcpscope writes it; SLOW when it is written otherwise. */
  private fast(t: string, p: number, e: number): number {
    if (!t.startsWith('{"sessionId":"', p)) return SLOW;
    const row = this.row;
    let i = p + 14;
    // Most lines repeat the last line's session id (which holds no quote): then it ends where it does.
    let q = i + this.sessionId.length;
    if (this.sessionId === "" || t.charCodeAt(q) !== 34 || !t.startsWith(this.sessionId, i)) {
      q = t.indexOf('"', i);
      if (q < 0 || q >= e || t.charCodeAt(q - 1) === 92) return SLOW;
      this.sessionId = t.slice(i, q);
    }
    row.sessionId = this.sessionId;
    i = q + 1;
    if (!t.startsWith(',"seq":', i)) return SLOW;
    i += 7;
    q = t.indexOf(",", i);
    if (q < 0 || q >= e) return SLOW;
    const seq = digitsAt(t, i, q);
    if (seq < 1) return SLOW;
    i = q;
    if (!t.startsWith(',"ts":', i)) return SLOW;
    i += 6;
    q = t.indexOf(",", i);
    if (q < 0 || q >= e) return SLOW;
    row.ts = numberAt(t, i, q);
    if (!Number.isFinite(row.ts)) return SLOW;
    i = q;
    if (!t.startsWith(',"dir":"', i)) return SLOW;
    i += 8;
    if (t.startsWith('in"', i)) row.dir = "in";
    else if (t.startsWith('out"', i)) row.dir = "out";
    else if (t.startsWith('meta"', i)) row.dir = "meta";
    else return SLOW;
    i += row.dir.length + 1;
    if (!t.startsWith(',"kind":"', i)) return SLOW;
    i += 9;
    q = t.indexOf('"', i);
    if (q < 0 || q >= e) return SLOW;
    const kind = kindAt(t, i, q);
    if (kind === undefined) return SLOW;
    row.kind = kind;
    i = q + 1;
    if (!t.startsWith(',"raw":"', i)) return SLOW;
    i += 8;
    // Inside a JSON string every quote is escaped, so `","` first occurs where it ends.
    q = t.indexOf('","', i);
    if (q < 0 || q >= e) return SLOW;
    row.raw = t.slice(i, q);
    row.rawEscaped = true;
    i = q + 1;
    let bytes = -1;
    let hasMsg = false;
    let msgKind: string | undefined;
    row.reason = undefined;
    row.meta = undefined;
    row.method = undefined;
    row.id = undefined;
    row.token = undefined;
    const m = this.scan;
    while (t.charCodeAt(i) === 44) {
      i++;
      if (t.charCodeAt(i) !== 34) return SLOW;
      const k = t.indexOf('"', i + 1);
      if (k < 0 || k >= e || t.charCodeAt(k + 1) !== 58) return SLOW;
      const v = k + 2;
      const name = k - i - 1;
      if (name === 5 && t.startsWith("bytes", i + 1) && bytes < 0) {
        q = v;
        while (q < e && t.charCodeAt(q) >= 48 && t.charCodeAt(q) <= 57) q++;
        bytes = digitsAt(t, v, q);
        if (bytes < 0) return SLOW;
        i = q;
      } else if (name === 3 && t.startsWith("msg", i + 1) && !hasMsg) {
        const ve = scanMessage(t, v, e, m);
        if (ve < 0 || !m.jsonrpc || (m.hasError && !m.errorIsObject)) return SLOW;
        hasMsg = true;
        msgKind = scannedKind(m);
        row.method = m.method;
        row.id = m.id ?? undefined;
        if (m.paramsStart >= 0 && needsParams(msgKind, m.method, t, m.paramsStart, m.paramsEnd)) {
          let params: unknown;
          try {
            params = JSON.parse(t.slice(m.paramsStart, m.paramsEnd));
          } catch {
            return SLOW;
          }
          row.token = pairingToken(msgKind ?? "", { method: m.method, params });
        }
        i = ve;
      } else if (name === 6 && t.startsWith("reason", i + 1) && row.reason === undefined) {
        if (t.charCodeAt(v) !== 34) return SLOW;
        const ve = valueEnd(t, v, e);
        if (ve < 0) return SLOW;
        row.reason = stringAt(t, v + 1, ve - 1);
        i = ve;
      } else if (name === 4 && t.startsWith("meta", i + 1) && row.meta === undefined) {
        if (t.charCodeAt(v) !== 123) return SLOW;
        const ve = valueEnd(t, v, e);
        if (ve < 0) return SLOW;
        try {
          row.meta = JSON.parse(t.slice(v, ve)) as Record<string, unknown>;
        } catch {
          return SLOW;
        }
        i = ve;
      } else return SLOW;
    }
    if (i !== e - 1 || t.charCodeAt(i) !== 125 || bytes < 0) return SLOW;
    row.bytes = bytes;
    row.hasMsg = hasMsg;
    this.finish(seq, msgKind, hasMsg);
    return DONE;
  }

  /** Reads a line with JSON.parse and checks it field by field. */
  private slow(text: string): void {
    this.parsedLines++;
    const line = this.position + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.stop(line, `not JSON (${(err as Error).message})`);
      return;
    }
    const bad = (path: string, message: string) => this.stop(line, `not a valid frame: ${path ? `${path}: ` : ""}${message}`);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return bad("", `expected an object, got ${quote(value)}`);
    const f = value as Record<string, unknown>;
    const row = this.row;
    if (typeof f.sessionId !== "string") return bad("sessionId", `expected a string, got ${quote(f.sessionId)}`);
    if (typeof f.seq !== "number" || !Number.isInteger(f.seq) || f.seq < 1) return bad("seq", `expected a positive integer, got ${quote(f.seq)}`);
    if (typeof f.ts !== "number" || !Number.isFinite(f.ts)) return bad("ts", `expected a number, got ${quote(f.ts)}`);
    if (typeof f.dir !== "string" || !KNOWN_DIRS.includes(f.dir)) return bad("dir", `expected one of ${KNOWN_DIRS.map((d) => `"${d}"`).join(", ")}, got ${quote(f.dir)}`);
    if (typeof f.kind !== "string" || !KNOWN_KINDS.includes(f.kind)) return bad("kind", `expected one of ${KNOWN_KINDS.map((k) => `"${k}"`).join(", ")}, got ${quote(f.kind)}`);
    if (typeof f.raw !== "string") return bad("raw", `expected a string, got ${quote(f.raw)}`);
    if (typeof f.bytes !== "number" || !Number.isInteger(f.bytes) || f.bytes < 0) return bad("bytes", `expected a non-negative integer, got ${quote(f.bytes)}`);
    if (f.reason !== undefined && typeof f.reason !== "string") return bad("reason", `expected a string, got ${quote(f.reason)}`);
    if (f.meta !== undefined && (typeof f.meta !== "object" || f.meta === null || Array.isArray(f.meta))) return bad("meta", `expected an object, got ${quote(f.meta)}`);
    const msg = f.msg as { jsonrpc?: unknown; id?: unknown; method?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
    let msgKind: string | undefined;
    if (msg !== undefined) {
      if (typeof msg !== "object" || msg === null || Array.isArray(msg)) return bad("msg", `expected an object, got ${quote(msg)}`);
      if (msg.jsonrpc !== "2.0") return bad("msg.jsonrpc", `expected "2.0", got ${quote(msg.jsonrpc)}`);
      if (msg.id !== undefined && msg.id !== null && typeof msg.id !== "string" && typeof msg.id !== "number") return bad("msg.id", `expected a string or number, got ${quote(msg.id)}`);
      if (msg.method !== undefined && typeof msg.method !== "string") return bad("msg.method", `expected a string, got ${quote(msg.method)}`);
      if (msg.error !== undefined && (typeof msg.error !== "object" || msg.error === null || typeof msg.error.code !== "number" || typeof msg.error.message !== "string")) {
        return bad("msg.error", "expected {code: number, message: string}");
      }
      msgKind = classifyShape(msg.id, msg.method, msg.error !== undefined, "result" in msg);
    }
    row.sessionId = f.sessionId;
    row.ts = f.ts;
    row.bytes = f.bytes;
    row.dir = f.dir;
    row.kind = f.kind;
    row.hasMsg = msg !== undefined;
    row.method = msg?.method as string | undefined;
    row.id = typeof msg?.id === "string" || typeof msg?.id === "number" ? msg.id : undefined;
    row.raw = escapeRaw(f.raw);
    row.rawEscaped = true;
    row.reason = f.reason;
    row.meta = f.meta as Record<string, unknown> | undefined;
    row.token = pairingToken(f.kind, msg);
    this.finish(f.seq, msgKind, msg !== undefined);
  }
}

/** The kind named by the string contents [i, q), if a known one. */
function kindAt(t: string, i: number, q: number): string | undefined {
  let kind: string;
  switch (t.charCodeAt(i)) {
    case 114: // r
      kind = t.charCodeAt(i + 2) === 113 ? "request" : "response";
      break;
    case 110: // n
      kind = "notification";
      break;
    case 101: // e
      kind = "error";
      break;
    case 105: // i
      kind = "invalid";
      break;
    case 115: // s
      kind = "stderr";
      break;
    case 108: // l
      kind = "lifecycle";
      break;
    case 104: // h
      kind = "http";
      break;
    default:
      return undefined;
  }
  return kind.length === q - i && t.startsWith(kind, i) ? kind : undefined;
}

/** Whether pairing needs a message's params: a request's progress token, a progress or cancellation's. */
function needsParams(kind: string | undefined, method: string | undefined, t: string, start: number, end: number): boolean {
  if (kind === "notification") return method === "notifications/progress" || method === "notifications/cancelled";
  if (kind !== "request") return false;
  return t.slice(start, end).includes('"progressToken"');
}
