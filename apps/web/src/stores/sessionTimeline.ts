import { type FrameSegment, segmentLength, TimelineIndex } from "@mcpscope/timeline";
import type { FramesWorkerStats } from "../api/framesWorkerMessages";

/**
 * What a session's timeline holds at one moment: read it, never change it. A new snapshot
 * (a new object) is made whenever frames were added, so `useSyncExternalStore` and
 * `React.memo` see a change; `index` is the same object throughout (it grows in place:
 * `version` and `lastSeq` say how far).
 */
export interface TimelineSnapshot {
  readonly sessionId: string;
  /** The session's frames, paired (see `TimelineIndex`). */
  readonly index: TimelineIndex;
  /** Frames held: seq 1 … lastSeq. */
  readonly lastSeq: number;
  /** Bumps with every change. */
  readonly version: number;
}

/**
 * One session's frames on the page, framework-free: `subscribe` / `getSnapshot` for
 * `useSyncExternalStore` (see `useSessionTimeline`). The sync layer (api/frameSync.ts)
 * writes to it with `apply` and `commit`; gap detection and resubscribing live there, not
 * here.
 */
export class SessionTimeline {
  readonly index = new TimelineIndex();
  private readonly listeners = new Set<() => void>();
  private snapshot: TimelineSnapshot;

  constructor(readonly sessionId: string) {
    this.snapshot = { sessionId, index: this.index, lastSeq: 0, version: 0 };
  }

  /** Adds a segment of frames (see `TimelineIndex.applySegment`); `commit` tells the listeners. */
  apply(segment: FrameSegment): void {
    if (segmentLength(segment) > 0) this.index.applySegment(segment);
  }

  /** Publishes a new snapshot if frames were added since the last, and tells the listeners. */
  commit(): void {
    if (this.index.lastSeq === this.snapshot.lastSeq) return;
    this.snapshot = { sessionId: this.sessionId, index: this.index, lastSeq: this.index.lastSeq, version: this.snapshot.version + 1 };
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TimelineSnapshot => this.snapshot;
}

const timelines = new Map<string, SessionTimeline>();

/** The timeline of a session (created empty on first use). */
export function timelineOf(sessionId: string): SessionTimeline {
  let timeline = timelines.get(sessionId);
  if (!timeline) timelines.set(sessionId, (timeline = new SessionTimeline(sessionId)));
  return timeline;
}

/** The timeline of a session if the page holds one. */
export function peekTimeline(sessionId: string): SessionTimeline | undefined {
  return timelines.get(sessionId);
}

/** Forgets a session's frames (it was deleted). */
export function dropTimeline(sessionId: string): void {
  timelines.delete(sessionId);
}

/** The newest seq the page holds for a session (0 when none). */
export function heldSeq(sessionId: string): number {
  return timelines.get(sessionId)?.index.lastSeq ?? 0;
}

declare global {
  interface Window {
    /**
     * Read-only hooks for headless benchmarks: frames the page holds per session, and the
     * frames worker's accounting (api/frameSync.ts adds it).
     */
    __mcpscope?: { frameCount(sessionId: string): number; workerStats?(): Promise<FramesWorkerStats> };
  }
}

if (typeof window !== "undefined") window.__mcpscope = { frameCount: heldSeq };
