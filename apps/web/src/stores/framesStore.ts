import { create } from "zustand";
import type { Frame } from "@mcpscope/protocol";
import { TimelineIndex } from "@mcpscope/timeline";

interface FramesState {
  /** One index per session; mutated in place, so readers subscribe to `version`. */
  indexes: Map<string, TimelineIndex>;
  /** Bumps at most once per animation frame, after buffered frames were applied. */
  version: number;
  /** Buffers a WebSocket batch; it is applied on the next animation frame. */
  enqueue: (sessionId: string, frames: Frame[]) => void;
  /** The index of a session (created empty on first use). */
  indexOf: (sessionId: string) => TimelineIndex;
  /** The newest seq held for a session, including frames still buffered. */
  lastSeqHeld: (sessionId: string) => number;
  /** Called when a batch does not continue the held frames (a gap): resubscribe. */
  onGap?: (sessionId: string) => void;
}

const pending = new Map<string, Frame[]>();
let scheduled = false;

export const useFramesStore = create<FramesState>((set, get) => {
  const flush = () => {
    scheduled = false;
    const batches = [...pending];
    pending.clear();
    for (const [sessionId, frames] of batches) {
      const index = get().indexOf(sessionId);
      let next = index.lastSeq + 1;
      const contiguous: Frame[] = [];
      let gap = false;
      for (const frame of frames) {
        if (frame.seq < next) continue; // already held (a resubscribe overlapped)
        if (frame.seq > next) {
          gap = true;
          break;
        }
        contiguous.push(frame);
        next++;
      }
      index.add(contiguous);
      if (gap) get().onGap?.(sessionId);
    }
    set((s) => ({ version: s.version + 1 }));
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // Animation frames do not run in background tabs; a timer keeps the buffer bounded there.
    if (typeof document !== "undefined" && document.hidden) setTimeout(flush, 250);
    else requestAnimationFrame(flush);
  };

  return {
    indexes: new Map(),
    version: 0,
    enqueue: (sessionId, frames) => {
      if (frames.length === 0) return;
      const buffer = pending.get(sessionId);
      if (buffer) {
        for (const f of frames) buffer.push(f);
      } else pending.set(sessionId, frames.slice());
      schedule();
    },
    indexOf: (sessionId) => {
      const { indexes } = get();
      let index = indexes.get(sessionId);
      if (!index) indexes.set(sessionId, (index = new TimelineIndex()));
      return index;
    },
    lastSeqHeld: (sessionId) => {
      const buffered = pending.get(sessionId);
      const last = buffered?.[buffered.length - 1]?.seq ?? 0;
      return Math.max(last, get().indexes.get(sessionId)?.lastSeq ?? 0);
    },
  };
});

declare global {
  interface Window {
    /** Read-only hooks for headless benchmarks: frames applied to the store per session. */
    __mcpscope?: { frameCount(sessionId: string): number };
  }
}

if (typeof window !== "undefined") {
  window.__mcpscope = { frameCount: (sessionId) => useFramesStore.getState().indexes.get(sessionId)?.lastSeq ?? 0 };
}
