// The frames worker: reads every frame the page shows, off the main thread. Per session it
// holds a TimelineIndex (@mcpscope/timeline) filled by a FrameLineReader from a recording as
// the proxy has it on disk (fetched from /api/sessions/:id/export) and from the binary
// JSON Lines messages of the live stream (forwarded by the page), pairs the frames, and
// hands them to the page as segments of transferable columns, at most two awaiting the
// page's ack. It also answers filters over all of a session's frames. See frameSync.ts.
import { FrameLineReader, scanFilter, segmentTransfer, TimelineIndex } from "@mcpscope/timeline";
import type { FrameLinesHeader } from "@mcpscope/protocol/types";
import type { FramesWorkerStats, FromFramesWorker, ToFramesWorker } from "./framesWorkerMessages";

/** This worker's global scope (the page's DOM typings describe a window). */
const scope = self as unknown as {
  postMessage(message: FromFramesWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToFramesWorker>) => void) | null;
};

/** Most frames in one segment, and segments sent before the page acks one. */
const SEGMENT_FRAMES = 32_768;
const SEGMENTS_IN_FLIGHT = 2;
/** Bytes of a recording gathered before they are decoded and read. */
const READ_BYTES = 1 << 20;

interface WorkerSession {
  readonly id: string;
  readonly index: TimelineIndex;
  /** Reads the live stream's batches. */
  stream: FrameLineReader;
  /** Highest seq sent to the page, and method names sent. */
  exported: number;
  namesSent: number;
  inFlight: number;
  /** The recording is being read: stream batches wait in `held`. */
  loading: boolean;
  held: { header: FrameLinesHeader; text: string }[];
  /** A gap was reported: batches that still do not fit are dropped until one does. */
  resyncing: boolean;
  /** The frames stopped for good (a bad line). */
  failed: boolean;
  /** The last `failed` sent, said again when the page opens the session again. */
  failure?: FromFramesWorker;
  /** The recording being read, until its last segment is sent (`stats.lastLoad`). */
  loadTrace?: FramesWorkerStats["lastLoad"];
}

const sessions = new Map<string, WorkerSession>();
const decoder = new TextDecoder();
const stats: FramesWorkerStats = { waitMs: 0, decodeMs: 0, readMs: 0, exportMs: 0, filterMs: 0, frames: 0, batches: 0, segments: 0 };

const epoch = () => performance.timeOrigin + performance.now();

/** Text of bytes, timed. */
function decode(bytes: Uint8Array): string {
  const t0 = performance.now();
  const text = decoder.decode(bytes);
  stats.decodeMs += performance.now() - t0;
  return text;
}

/** Reads text into a session's index, timed and counted. */
function read(s: WorkerSession, reader: FrameLineReader, text: string, from?: number): void {
  const t0 = performance.now();
  const before = s.index.lastSeq;
  reader.push(text, from);
  stats.frames += s.index.lastSeq - before;
  stats.readMs += performance.now() - t0;
}

function post(message: FromFramesWorker, transfer: Transferable[] = []): void {
  if (message.type === "failed" && !message.fallback) sessions.get(message.sessionId)!.failure = message;
  scope.postMessage(message, transfer);
}

function sessionOf(id: string): WorkerSession {
  let s = sessions.get(id);
  if (!s) {
    const index = new TimelineIndex();
    s = { id, index, stream: new FrameLineReader(index, { mode: "stream" }), exported: 0, namesSent: 1, inFlight: 0, loading: false, held: [], resyncing: false, failed: false };
    sessions.set(id, s);
  }
  return s;
}

/** Sends what the page does not have yet, in segments, while fewer than two await its ack. */
function pump(s: WorkerSession): void {
  const index = s.index;
  // Nothing to send, or two segments await the page's ack: the rows gather in one block.
  if (s.inFlight >= SEGMENTS_IN_FLIGHT || s.exported >= index.lastSeq) return;
  const t0 = performance.now();
  index.columns.raws.seal();
  while (s.inFlight < SEGMENTS_IN_FLIGHT && s.exported < index.lastSeq) {
    const to = Math.min(index.lastSeq, s.exported + SEGMENT_FRAMES);
    const segment = index.exportSegment(s.exported + 1, to, s.namesSent);
    s.namesSent = index.columns.methodNames.length;
    s.exported = to;
    s.inFlight++;
    stats.segments++;
    post({ type: "segment", sessionId: s.id, segment }, segmentTransfer(segment));
  }
  if (s.loadTrace?.readAt && s.exported === index.lastSeq) {
    s.loadTrace.sentAt = epoch();
    s.loadTrace = undefined;
  }
  stats.exportMs += performance.now() - t0;
}

function invalid(s: WorkerSession, line: number, reason: string): void {
  s.failed = true;
  post({ type: "failed", sessionId: s.id, code: "MCPSCOPE_INVALID_RECORDING", message: `Not an mcpscope recording: line ${line.toLocaleString("en-US")}: ${reason}`, lastSeq: s.index.lastSeq, fallback: false });
}

/** Reads a session's recording, the bytes on disk, as they stream in. */
async function open(s: WorkerSession, url: string): Promise<void> {
  s.loading = true;
  const load: NonNullable<FramesWorkerStats["lastLoad"]> = (stats.lastLoad = s.loadTrace = { askedAt: epoch() });
  const reader = new FrameLineReader(s.index, { mode: "recording" });
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok || !response.body) throw new Error(`GET ${url}: ${response.status} ${response.statusText}`);
    const body = response.body.getReader();
    let parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const t0 = performance.now();
      const { done, value } = await body.read();
      stats.waitMs += performance.now() - t0;
      if (value) {
        load.firstByteAt ??= epoch();
        parts.push(value);
        size += value.length;
      }
      if (done) load.lastByteAt = epoch();
      if (size >= READ_BYTES || (done && size > 0)) {
        const bytes = parts.length === 1 ? parts[0]! : concat(parts, size);
        // Decode whole lines (a line break never falls inside a character); keep the rest.
        const end = done ? bytes.length : bytes.lastIndexOf(10) + 1;
        read(s, reader, decode(bytes.subarray(0, end)));
        parts = end < bytes.length ? [bytes.slice(end)] : [];
        size = bytes.length - end;
        pump(s);
        if (reader.stopped) {
          void body.cancel();
          break;
        }
      }
      if (done) break;
    }
    reader.end();
    load.readAt = epoch();
    pump(s);
  } catch (err) {
    s.loading = false;
    pump(s);
    post({ type: "failed", sessionId: s.id, code: "MCPSCOPE_FETCH_FAILED", message: (err as Error).message, lastSeq: s.index.lastSeq, fallback: true });
    drainHeld(s);
    return;
  }
  s.loading = false;
  const stop = reader.stopped;
  if (stop?.kind === "invalid") invalid(s, stop.line, stop.reason);
  else post({ type: "loaded", sessionId: s.id, lastSeq: s.index.lastSeq });
  drainHeld(s);
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

function drainHeld(s: WorkerSession): void {
  const held = s.held;
  s.held = [];
  for (const batch of held) readBatch(s, batch.header, batch.text);
}

/** A live stream batch: frames `header.from` … continuing the index. */
function readBatch(s: WorkerSession, header: FrameLinesHeader, text: string): void {
  if (s.failed) return;
  if (s.loading) {
    s.held.push({ header, text });
    return;
  }
  if (s.resyncing) {
    if (header.from > s.index.lastSeq + 1) return; // still the old subscription
    s.resyncing = false;
  }
  read(s, s.stream, text, header.from);
  const stop = s.stream.stopped;
  if (stop?.kind === "gap") {
    s.stream = new FrameLineReader(s.index, { mode: "stream" });
    s.resyncing = true;
    post({ type: "gap", sessionId: s.id, lastSeq: s.index.lastSeq });
  } else if (stop?.kind === "invalid") invalid(s, stop.line, stop.reason);
  pump(s);
}

function onLines(data: ArrayBuffer): void {
  const bytes = new Uint8Array(data);
  const nl = bytes.indexOf(10);
  if (nl < 0) return;
  const header = JSON.parse(decoder.decode(bytes.subarray(0, nl))) as FrameLinesHeader;
  if (header.type !== "frame-lines") return;
  stats.batches++;
  readBatch(sessionOf(header.sessionId), header, decode(bytes.subarray(nl + 1)));
}

scope.onmessage = (event) => {
  const message = event.data;
  switch (message.type) {
    case "open": {
      const s = sessionOf(message.sessionId);
      if (s.loading) break; // it says `loaded` when done
      if (s.failure) post(s.failure);
      else if (s.index.lastSeq > 0) post({ type: "loaded", sessionId: s.id, lastSeq: s.index.lastSeq });
      else {
        if (message.frames > 0) s.index.reserve(message.frames);
        void open(s, message.url);
      }
      break;
    }
    case "lines":
      onLines(message.data);
      break;
    case "ack": {
      const s = sessions.get(message.sessionId);
      if (!s) break;
      s.inFlight = Math.max(0, s.inFlight - 1);
      pump(s);
      break;
    }
    case "filter": {
      const t0 = performance.now();
      const s = sessions.get(message.sessionId);
      const matches: number[] = [];
      const to = Math.min(message.to, s?.index.lastSeq ?? 0);
      if (s) scanFilter(s.index, message.filter)(1, to, (seq) => matches.push(seq));
      const seqs = Uint32Array.from(matches);
      stats.filterMs += performance.now() - t0;
      post({ type: "matches", id: message.id, seqs, to }, [seqs.buffer]);
      break;
    }
    case "stats":
      post({ type: "stats", ...stats });
      break;
    case "forget":
      sessions.delete(message.sessionId);
      break;
  }
};
