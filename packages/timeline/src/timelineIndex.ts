import type { Frame } from "@mcpscope/protocol";
import { DIR_BITS, FrameColumns, type FrameRow, KIND_CODE } from "./frameColumns.js";
import type { FrameSegment } from "./frameSegment.js";
import { messageMethod, StoredFrame } from "./storedFrame.js";

/**
 * A request and what answered it, derived from frames (never stored in the log). Built on
 * each `pairOf` call, with new frame views (compare them by `seq`).
 */
export interface RequestPair {
  request: Frame;
  /** The `response` or `error` frame, absent while the request is in flight. */
  response?: Frame;
  /** Milliseconds from the request frame to its response frame. */
  latencyMs?: number;
  /** `notifications/progress` frames carrying this request's progress token, in wire order. */
  progress: Frame[];
}

/** The longest gap in seq held as `invalid` frames (see `TimelineIndex.add`). */
export const MAX_SEQ_GAP = 100_000;

const RESPONSE = KIND_CODE.get("response")!;
const ERROR = KIND_CODE.get("error")!;
const NOTIFICATION = KIND_CODE.get("notification")!;
const PROGRESS = "notifications/progress";
const CANCELLED = "notifications/cancelled";

/**
 * Open requests (or progress tokens) by key, numbers and strings apart: ids are scoped per
 * sender (JSON-RPC 2.0 §4), so the client's request 1 and the server's request 1 are
 * different requests, and `1` and `"1"` are different ids.
 */
const SIDES = [0, 1, 2, 3];

class KeyedSeqs {
  private readonly numbers = SIDES.map(() => new Map<number, number>());
  private readonly strings = SIDES.map(() => new Map<string, number>());
  size = 0;

  private map(side: number, key: string | number): Map<string | number, number> {
    return (typeof key === "number" ? this.numbers[side] : this.strings[side]) as Map<string | number, number>;
  }
  get(side: number, key: string | number): number | undefined {
    return this.map(side, key).get(key);
  }
  set(side: number, key: string | number, seq: number): void {
    const map = this.map(side, key);
    if (!map.has(key)) this.size++;
    map.set(key, seq);
  }
  delete(side: number, key: string | number): void {
    if (this.map(side, key).delete(key)) this.size--;
  }
  *values(): IterableIterator<number> {
    for (const m of this.numbers) yield* m.values();
    for (const m of this.strings) yield* m.values();
  }
}

/**
 * The side a request came from: 0 the client (`out`), 1 the server (`in`, or `meta`), 2 an
 * MCP App (`app`), 3 the host speaking to an app (`host`).
 */
const sideOf = (requestDir: string) => (requestDir === "out" ? 0 : requestDir === "app" ? 2 : requestDir === "host" ? 3 : 1);
/** The side of the request an answer travelling in `dir` answers (answers travel the other way). */
const answeredSideOf = (dir: string) => (dir === "in" ? 0 : dir === "host" ? 2 : dir === "app" ? 3 : 1);

/**
 * The id as paired: between an MCP App and its host, ids are scoped per app instance
 * (`meta.app`), since every app numbers its requests from 1.
 */
function scopedId(side: number, id: string | number, meta: Record<string, unknown> | undefined): string | number {
  const app = side >= 2 ? meta?.app : undefined;
  return typeof app === "string" ? `${app}|${typeof id}|${id}` : id;
}

/** The pairing input of a message: see `FrameRow.token`. */
export function pairingToken(kind: string, msg: { method?: unknown; params?: unknown } | undefined): unknown {
  const params = msg?.params as { _meta?: { progressToken?: unknown }; progressToken?: unknown; requestId?: unknown } | undefined;
  if (kind === "request") return params?._meta?.progressToken;
  if (kind !== "notification") return undefined;
  if (msg?.method === PROGRESS) return params?.progressToken;
  if (msg?.method === CANCELLED) return params?.requestId;
  return undefined;
}

/**
 * Incremental index over one session's frames: pairs requests with responses (JSON-RPC 2.0
 * §5: a response carries its request's id, sent in the opposite direction; `app` ↔ `host`
 * per MCP App instance) and groups
 * `notifications/progress` under the request whose `params._meta.progressToken` they carry
 * (MCP 2025-11-25 "Utilities → Progress").
 *
 * Frames must be added in `seq` order; `add` is O(batch size). Frames are stored by column
 * (see `FrameColumns`), each with the `seq` of the request it belongs to; a few map entries
 * per request hold the rest.
 *
 * An index is filled one of two ways, never both: frames added here (`add`, `appendRow`),
 * which pairs them; or segments of another index (`exportSegment` → `applySegment`): the
 * page's copy of what its Web Worker read and paired.
 */
export class TimelineIndex {
  /** All frames added, by column; read them with `get(seq)` for seq 1 … `lastSeq`. */
  readonly columns = new FrameColumns();
  /** Input seq minus stored seq, after a jump in the numbering (see `add`). */
  private seqOffset = 0;
  private readonly openRequests = new KeyedSeqs();
  /** Progress tokens (MCP: a string or number, unique across active requests) by side 0. */
  private readonly progressTokens = new KeyedSeqs();
  /** Requests a `notifications/cancelled` withdrew, still answerable by a late response. */
  private readonly cancelledOpen = new KeyedSeqs();
  /** Requests in flight as the last segment applied said (an index filled by segments). */
  private inFlightSeqs: Int32Array | undefined;
  /** Response seq by request seq (0: none). */
  private responses = new Int32Array(1024);
  private readonly progressOf = new Map<number, number[]>();
  private readonly cancelOf = new Map<number, number>();
  private readonly row: FrameRow = { sessionId: "", ts: 0, bytes: 0, dir: "", kind: "", hasMsg: false, method: undefined, id: undefined, raw: "", rawEscaped: false, reason: undefined, meta: undefined, token: undefined, link: 0 };

  /**
   * Appends frames in `seq` order. Frames at or below the last seq added are ignored. They
   * are stored by column (see `FrameColumns`): the frame objects passed in are not kept.
   *
   * Damaged numbering (a recording file is read as is) never loses a frame: a gap of up to
   * `MAX_SEQ_GAP` frames is held as `invalid` frames saying which are missing; a longer jump
   * or a seq that is not an integer gets one `invalid` frame saying so, and the frame and those
   * after it are numbered on from there.
   */
  add(frames: readonly Frame[]): void {
    for (const input of frames) {
      const next = this.columns.length + 1;
      const seq = input.seq - this.seqOffset;
      if (Number.isInteger(seq) && seq < next) continue; // held already (a resubscribe overlapped)
      // A marker row held in place of missing frames: an empty `invalid` frame with a reason.
      const marker = (reason: string): Frame => ({ sessionId: input.sessionId, seq: 0, ts: input.ts, dir: "meta", kind: "invalid", raw: "", bytes: 0, reason });
      if (!Number.isInteger(seq) || seq - next > MAX_SEQ_GAP) {
        this.addFrame(marker(`seq jumps from ${next - 1} to ${input.seq}: frames are numbered on from ${next + 1}`));
        if (Number.isInteger(seq)) this.seqOffset = input.seq - (next + 1);
      } else if (seq > next) {
        const reason = `frames ${next}–${seq - 1} are missing (seq jumps from ${next - 1} to ${seq})`;
        for (let gap = next; gap < seq; gap++) this.addFrame(marker(reason));
      }
      this.addFrame(input);
    }
  }

  private addFrame(frame: Frame): void {
    const row = this.row;
    const msg = frame.msg;
    row.sessionId = frame.sessionId;
    row.ts = frame.ts;
    row.bytes = frame.bytes;
    row.dir = frame.dir;
    row.kind = frame.kind;
    row.hasMsg = msg !== undefined;
    row.method = typeof msg?.method === "string" ? msg.method : undefined;
    const id = msg?.id;
    row.id = typeof id === "string" || typeof id === "number" ? id : undefined; // a null id is no id (JSON-RPC 2.0 §4)
    row.raw = frame.raw;
    row.rawEscaped = false;
    row.reason = frame.reason;
    row.meta = frame.meta;
    row.token = pairingToken(frame.kind, msg);
    this.appendRow(row);
  }

  /**
   * Appends one frame, given by its fields (`FrameRow`; `link` is set here), as `seq` =
   * `lastSeq + 1`, and pairs it. For readers that decode frames without building objects.
   */
  appendRow(row: FrameRow): void {
    const seq = this.columns.length + 1;
    row.link = this.pair(seq, row);
    this.columns.push(row);
    if (row.link !== 0) this.linkDerived(seq, KIND_CODE.get(row.kind) ?? -1, row.method, row.link);
  }

  /** Pairing state for a new frame; returns the `seq` of its request, or 0. */
  private pair(seq: number, row: FrameRow): number {
    const { kind, id } = row;
    if (kind === "request") {
      if (id === undefined) return 0;
      const side = sideOf(row.dir);
      this.openRequests.set(side, scopedId(side, id, row.meta), seq);
      const token = row.token;
      if (typeof token === "string" || typeof token === "number") this.progressTokens.set(0, token, seq);
      return 0;
    }
    if (kind === "response" || kind === "error") {
      if (id === undefined) return 0; // an error with a null id answers no request it can name (JSON-RPC 2.0 §5)
      const side = answeredSideOf(row.dir);
      const key = scopedId(side, id, row.meta);
      let requestSeq = this.openRequests.get(side, key);
      if (requestSeq === undefined) {
        // A late answer to a cancelled request still pairs; anything else is unmatched.
        requestSeq = this.cancelledOpen.get(side, key);
        if (requestSeq === undefined) return 0; // an unknown or duplicate id
        this.cancelledOpen.delete(side, key);
      } else this.openRequests.delete(side, key);
      return requestSeq;
    }
    if (kind !== "notification" || !row.hasMsg) return 0;
    const token = row.token;
    if (typeof token !== "string" && typeof token !== "number") return 0;
    if (row.method === PROGRESS) return this.progressTokens.get(0, token) ?? 0;
    if (row.method === CANCELLED) {
      // The sender of a request is the one who may cancel it.
      const side = sideOf(row.dir);
      const key = scopedId(side, token, row.meta);
      const requestSeq = this.openRequests.get(side, key);
      if (requestSeq === undefined) return 0;
      this.openRequests.delete(side, key);
      this.cancelledOpen.set(side, key, requestSeq);
      return requestSeq;
    }
    return 0;
  }

  /** Files a linked frame under its request: the response, a progress, the cancellation. */
  private linkDerived(seq: number, kind: number, method: string | undefined, requestSeq: number): void {
    if (kind === RESPONSE || kind === ERROR) {
      if (requestSeq >= this.responses.length) {
        const bigger = new Int32Array(Math.max(requestSeq + 1, this.responses.length * 2));
        bigger.set(this.responses);
        this.responses = bigger;
      }
      this.responses[requestSeq] = seq;
    } else if (kind === NOTIFICATION && method === PROGRESS) {
      let list = this.progressOf.get(requestSeq);
      if (!list) this.progressOf.set(requestSeq, (list = []));
      list.push(seq);
    } else if (kind === NOTIFICATION && method === CANCELLED) this.cancelOf.set(requestSeq, seq);
  }

  /**
   * Makes room for `frames` frames (e.g. a recording's known length), so that filling the
   * index never copies its columns to grow them.
   */
  reserve(frames: number): void {
    this.columns.reserve(frames);
    if (frames + 1 > this.responses.length) {
      const bigger = new Int32Array(frames + 1);
      bigger.set(this.responses);
      this.responses = bigger;
    }
  }

  /** The frames (seqs `from`…`to`) as a segment for another index's `applySegment`. */
  exportSegment(from: number, to: number, methodNamesFrom = 1): FrameSegment {
    const columns = this.columns;
    return {
      from,
      typed: columns.typedRange(from, to),
      sparse: columns.sparseRange(from, to),
      raw: columns.raws.escapedRange(from, to),
      methodNames: columns.methodNames.slice(methodNamesFrom),
      methodNamesFrom,
      inFlight: Int32Array.from(this.inFlightSeqList()),
    };
  }

  /**
   * Appends a segment exported by another index (see `exportSegment`): its rows, already
   * paired, and the requests in flight after them.
   * @throws Error when the segment does not start at `lastSeq + 1`.
   */
  applySegment(segment: FrameSegment): void {
    const columns = this.columns;
    const from = columns.length + 1;
    if (segment.from !== from) throw new Error(`segment starts at seq ${segment.from}, expected ${from}`);
    if (segment.methodNamesFrom > columns.methodNames.length) throw new Error(`segment names methods from code ${segment.methodNamesFrom}, this index has ${columns.methodNames.length}`);
    columns.appendColumns(segment.typed, segment.sparse, segment.raw, segment.methodNamesFrom, segment.methodNames);
    const { links, flags } = segment.typed;
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      if (link !== 0) this.linkDerived(from + i, (flags[i]! >> DIR_BITS) & 15, columns.methodAt(from + i), link);
    }
    this.inFlightSeqs = segment.inFlight;
  }

  /** The highest `seq` added, 0 when empty. */
  get lastSeq(): number {
    return this.columns.length;
  }

  /** The frame with this `seq`, if added: a new view on each call (compare frames by `seq`). */
  get(seq: number): StoredFrame | undefined {
    return seq >= 1 && seq <= this.columns.length && Number.isInteger(seq) ? new StoredFrame(this.columns, seq) : undefined;
  }

  /** The frames from `fromSeq` (default 1) to the newest, in `seq` order. */
  *framesFrom(fromSeq = 1): IterableIterator<StoredFrame> {
    for (let seq = Math.max(1, fromSeq); seq <= this.columns.length; seq++) yield new StoredFrame(this.columns, seq);
  }

  private linkOf(frame: Frame): number {
    const seq = frame.seq;
    return seq >= 1 && seq <= this.columns.length ? this.columns.linkAt(seq) : 0;
  }

  /** Response seq of a request seq, 0 for none. */
  private responseSeq(requestSeq: number): number {
    return requestSeq < this.responses.length ? this.responses[requestSeq]! : 0;
  }

  /**
   * The request pair a frame belongs to: for a request, its own; for a response or error,
   * its request's; for a progress notification, the request it reports on.
   */
  pairOf(frame: Frame): RequestPair | undefined {
    const requestSeq = this.requestSeqOf(frame);
    if (requestSeq === undefined) return undefined;
    const request = this.get(requestSeq);
    if (!request) return undefined;
    const responseSeq = this.responseSeq(requestSeq);
    const response = responseSeq === 0 ? undefined : this.get(responseSeq);
    const progress = (this.progressOf.get(requestSeq) ?? []).map((s) => this.get(s)!);
    return {
      request,
      response,
      latencyMs: response ? response.ts - request.ts : undefined,
      progress,
    };
  }

  /**
   * `seq` of the request a frame belongs to, in O(1): a request's own, a response's
   * request, a progress notification's request, a cancellation's cancelled request.
   */
  requestSeqOf(frame: Frame): number | undefined {
    if (frame.kind === "request") return frame.seq;
    if (frame.kind === "response" || frame.kind === "error" || frame.kind === "notification") return this.linkOf(frame) || undefined;
    return undefined;
  }

  /** Milliseconds from a request to its response (given either of them), in O(1); else undefined. */
  latencyOf(frame: Frame): number | undefined {
    let requestSeq = 0;
    let responseSeq = 0;
    if (frame.kind === "request") {
      requestSeq = frame.seq;
      responseSeq = this.responseSeq(requestSeq);
    } else if (frame.kind === "response" || frame.kind === "error") {
      requestSeq = this.linkOf(frame);
      responseSeq = frame.seq;
    }
    if (requestSeq === 0 || responseSeq === 0) return undefined;
    return this.columns.tsAt(responseSeq) - this.columns.tsAt(requestSeq);
  }

  /** `seq` of the frame paired with this one (request ↔ response), if any. */
  counterpartSeq(frame: Frame): number | undefined {
    if (frame.kind === "request") return this.responseSeq(frame.seq) || undefined;
    if (frame.kind === "response" || frame.kind === "error") return this.linkOf(frame) || undefined;
    return undefined;
  }

  /** The JSON-RPC method of a frame; for responses, the method of their request. */
  methodOf(frame: Frame): string | undefined {
    const method = messageMethod(frame);
    if (method !== undefined) return method;
    if (frame.kind !== "response" && frame.kind !== "error") return undefined;
    const requestSeq = this.linkOf(frame);
    return requestSeq === 0 ? undefined : this.columns.methodAt(requestSeq);
  }

  private inFlightSeqList(): number[] {
    if (this.inFlightSeqs) return [...this.inFlightSeqs];
    return [...this.openRequests.values()].sort((a, b) => a - b);
  }

  /**
   * Requests still waiting for a response, oldest first. A request its sender cancelled
   * (`notifications/cancelled`, MCP 2025-11-25 "Utilities → Cancellation") is no longer in
   * flight: the receiver should not answer it.
   */
  inFlight(): Frame[] {
    return this.inFlightSeqList().map((s) => this.get(s)!);
  }

  /** How many requests are in flight (see `inFlight`), in O(1). */
  get inFlightCount(): number {
    return this.inFlightSeqs ? this.inFlightSeqs.length : this.openRequests.size;
  }

  /** How many progress notifications a request received so far, in O(1). */
  progressCount(requestSeq: number): number {
    return this.progressOf.get(requestSeq)?.length ?? 0;
  }

  /** The newest progress notification of a request, if any, in O(1). */
  lastProgress(requestSeq: number): Frame | undefined {
    const list = this.progressOf.get(requestSeq);
    return list && list.length > 0 ? this.get(list[list.length - 1]!) : undefined;
  }

  /** `seq` of the response or error answering a request, if any. */
  responseSeqOf(requestSeq: number): number | undefined {
    return this.responseSeq(requestSeq) || undefined;
  }

  /** The `notifications/cancelled` frame that withdrew a request, if any. */
  cancellationOf(requestSeq: number): Frame | undefined {
    const seq = this.cancelOf.get(requestSeq);
    return seq === undefined ? undefined : this.get(seq);
  }

  /** For a `notifications/cancelled` frame, the `seq` of the request it cancels, if known. */
  cancelledRequestSeq(frame: Frame): number | undefined {
    if (frame.kind !== "notification" || messageMethod(frame) !== CANCELLED) return undefined;
    return this.linkOf(frame) || undefined;
  }
}
