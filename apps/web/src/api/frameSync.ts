import type { FrameFilter, FrameSegment } from "@mcpscope/timeline";
import { segmentLength } from "@mcpscope/timeline";
import { dropTimeline, heldSeq, timelineOf } from "../stores/sessionTimeline";
import type { FramesWorkerStats, FromFramesWorker, ToFramesWorker } from "./framesWorkerMessages";

/** What the sync layer needs of the live stream (LiveClient). */
export interface FrameStream {
  /** Follows a session's frames after `since` as JSON Lines batches (`encoding: "jsonl"`). */
  subscribe(sessionId: string, since: number): void;
  unsubscribe(sessionId: string): void;
}

/** What FrameSync needs of a Web Worker. */
export interface WorkerLike {
  postMessage(message: ToFramesWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<FromFramesWorker>) => void) | null;
}

export interface FrameSyncOptions {
  /** Starts the frames worker (default: framesWorker.ts as a module worker). */
  createWorker?: () => WorkerLike;
  /** Where a session's recording is read (default: this origin's `GET /api/sessions/:id/export`). */
  exportUrl?: (sessionId: string) => string;
}

/** Milliseconds of an animation frame spent applying segments (one at least). */
const APPLY_BUDGET_MS = 6;
/**
 * Shortest interval between two snapshots of a timeline (re-renders of what shows it):
 * during a flood the page draws 20 times a second, not 60, and keeps its frames for the rest.
 */
const COMMIT_EVERY_MS = 50;

/**
 * The sync layer between the proxy and the page's frames: a Web Worker (framesWorker.ts)
 * reads a session's recording as the bytes on disk and the live stream's JSON Lines, pairs
 * the frames and hands them over as segments of typed columns; this applies them to the
 * session's `SessionTimeline` once per animation frame (a few milliseconds at most), acks
 * each, and resubscribes the stream when the worker finds frames missing. The store knows
 * nothing of sockets, workers or gaps.
 */
export class FrameSync {
  private worker: WorkerLike | undefined;
  private stream: FrameStream | undefined;
  private readonly queue: { sessionId: string; segment: FrameSegment }[] = [];
  private scheduled = false;
  /** Timelines with frames applied but not yet published, and when each last published. */
  private readonly uncommitted = new Set<string>();
  private readonly committedAt = new Map<string, number>();
  /** Sessions followed, and those whose recording is read (subscribed to the stream). */
  private readonly followed = new Set<string>();
  private readonly loaded = new Set<string>();
  /** Highest seq the worker has sent or said it holds, per session. */
  private readonly known = new Map<string, number>();
  /** Deleted sessions: what the worker still sends about them is dropped. */
  private readonly forgotten = new Set<string>();
  private readonly filters = new Map<number, (answer: { seqs: Uint32Array; to: number }) => void>();
  private nextFilter = 1;
  private readonly statsWaiters: ((stats: FramesWorkerStats) => void)[] = [];
  /** Why a session's frames stopped (a recording with a bad line). */
  onFailure?: (sessionId: string, code: string, message: string) => void;

  constructor(private readonly options: FrameSyncOptions = {}) {}

  /** The stream to subscribe with (set once the WebSocket client exists); starts the frames worker. */
  attach(stream: FrameStream): void {
    this.stream = stream;
    // The worker starts now, not when the first session is opened: its script is loaded and
    // compiled before a recording is asked for.
    this.worker ??= this.startWorker();
    for (const id of this.loaded) if (this.followed.has(id)) stream.subscribe(id, this.heldSeq(id));
  }

  private send(message: ToFramesWorker, transfer: Transferable[] = []): void {
    this.worker ??= this.startWorker();
    this.worker.postMessage(message, transfer);
  }

  private startWorker(): WorkerLike {
    const worker: WorkerLike = this.options.createWorker?.() ?? new Worker(new URL("./framesWorker.ts", import.meta.url), { type: "module", name: "mcpscope frames" });
    worker.onmessage = (event) => this.receive(event.data);
    return worker;
  }

  /**
   * Shows a session's frames: reads its recording, then follows its stream. `frames`, the
   * session's length when known, sizes its timeline once.
   */
  follow(sessionId: string, frames = 0): void {
    if (this.followed.has(sessionId)) return;
    if (frames > heldSeq(sessionId)) timelineOf(sessionId).index.reserve(frames);
    this.followed.add(sessionId);
    if (this.loaded.has(sessionId)) this.stream?.subscribe(sessionId, this.heldSeq(sessionId));
    else this.send({ type: "open", sessionId, url: this.options.exportUrl?.(sessionId) ?? `/api/sessions/${encodeURIComponent(sessionId)}/export`, frames });
  }

  /** Stops following a session's stream (its frames stay). */
  unfollow(sessionId: string): void {
    if (!this.followed.delete(sessionId)) return;
    this.stream?.unsubscribe(sessionId);
  }

  /** Forgets a deleted session's frames, here and in the worker. */
  forget(sessionId: string): void {
    this.unfollow(sessionId);
    this.forgotten.add(sessionId);
    this.uncommitted.delete(sessionId);
    this.loaded.delete(sessionId);
    this.known.delete(sessionId);
    dropTimeline(sessionId);
    if (this.worker) this.send({ type: "forget", sessionId });
  }

  /** A binary message of the stream: read in the worker (transferred, not copied). */
  lines(data: ArrayBuffer): void {
    this.send({ type: "lines", data }, [data]);
  }

  /** The newest seq held or on its way for a session: where a (re)subscription starts. */
  heldSeq(sessionId: string): number {
    return Math.max(heldSeq(sessionId), this.known.get(sessionId) ?? 0);
  }

  /**
   * Every frame among seq 1 … `to` of a session that a filter lets through, found in the
   * worker (all of the session's frames, off the main thread).
   */
  filter(sessionId: string, filter: FrameFilter, to: number): Promise<{ seqs: Uint32Array; to: number }> {
    const id = this.nextFilter++;
    return new Promise((resolve) => {
      this.filters.set(id, resolve);
      this.send({ type: "filter", id, sessionId, filter, to });
    });
  }

  /** The frames worker's accounting so far (see `FramesWorkerStats`). */
  stats(): Promise<FramesWorkerStats> {
    return new Promise((resolve) => {
      this.statsWaiters.push(resolve);
      this.send({ type: "stats" });
    });
  }

  private knownAt(sessionId: string, seq: number): void {
    if (seq > (this.known.get(sessionId) ?? 0)) this.known.set(sessionId, seq);
  }

  private receive(message: FromFramesWorker): void {
    if ("sessionId" in message && this.forgotten.has(message.sessionId)) return;
    switch (message.type) {
      case "segment":
        this.knownAt(message.sessionId, message.segment.from + segmentLength(message.segment) - 1);
        this.queue.push({ sessionId: message.sessionId, segment: message.segment });
        this.schedule();
        break;
      case "loaded":
        this.knownAt(message.sessionId, message.lastSeq);
        this.loaded.add(message.sessionId);
        if (this.followed.has(message.sessionId)) this.stream?.subscribe(message.sessionId, this.heldSeq(message.sessionId));
        break;
      case "gap":
        if (this.followed.has(message.sessionId)) this.stream?.subscribe(message.sessionId, message.lastSeq);
        break;
      case "failed":
        this.knownAt(message.sessionId, message.lastSeq);
        if (message.fallback) {
          // The recording could not be fetched: the stream brings every frame too.
          this.loaded.add(message.sessionId);
          if (this.followed.has(message.sessionId)) this.stream?.subscribe(message.sessionId, this.heldSeq(message.sessionId));
        } else {
          this.stream?.unsubscribe(message.sessionId);
          this.onFailure?.(message.sessionId, message.code, message.message);
        }
        break;
      case "matches":
        this.filters.get(message.id)?.({ seqs: message.seqs, to: message.to });
        this.filters.delete(message.id);
        break;
      case "stats": {
        const { type: _type, ...stats } = message;
        this.statsWaiters.shift()?.(stats);
        break;
      }
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Animation frames do not run in background tabs; a timer keeps applying there.
    if (document.hidden) setTimeout(this.apply, 100);
    else requestAnimationFrame(this.apply);
  }

  /**
   * Applies queued segments for a few milliseconds, then publishes each timeline that
   * changed (its listeners told once), at most every `COMMIT_EVERY_MS`; a frame that spent
   * its whole budget applying publishes only what has waited twice that long, so that one
   * animation frame does not both apply and re-render during a load or a flood.
   */
  private apply = (): void => {
    this.scheduled = false;
    const t0 = performance.now();
    let applied = 0;
    while (this.queue.length > 0 && (applied === 0 || performance.now() - t0 < APPLY_BUDGET_MS)) {
      const { sessionId, segment } = this.queue.shift()!;
      if (this.forgotten.has(sessionId)) continue; // deleted meanwhile
      timelineOf(sessionId).apply(segment);
      this.uncommitted.add(sessionId);
      applied++;
      this.send({ type: "ack", sessionId });
    }
    const now = performance.now();
    const spent = now - t0 >= APPLY_BUDGET_MS;
    for (const sessionId of this.uncommitted) {
      const since = now - (this.committedAt.get(sessionId) ?? -Infinity);
      if (since < COMMIT_EVERY_MS || (spent && since < 2 * COMMIT_EVERY_MS)) continue;
      this.uncommitted.delete(sessionId);
      this.committedAt.set(sessionId, now);
      timelineOf(sessionId).commit();
    }
    if (this.queue.length > 0 || this.uncommitted.size > 0) this.schedule();
  };
}

/** The page's one sync layer. */
export const frameSync = new FrameSync();

if (typeof window !== "undefined" && window.__mcpscope) window.__mcpscope.workerStats = () => frameSync.stats();
