import { useEffect, useRef } from "react";
import type { Frame } from "@mcpscope/protocol";
import type { TimelineIndex } from "@mcpscope/timeline";
import { useFramesStore } from "../../stores/framesStore";
import { readServerNotification, type ServerNotification } from "./serverNotification";

/**
 * Visits the sidebar-relevant notifications among the frames an index holds after
 * `afterSeq`, in order, and answers the seq to continue from next time (the index's last).
 */
export function scanNotifications(index: TimelineIndex, afterSeq: number, visit: (n: ServerNotification, frame: Frame) => void): number {
  const to = index.lastSeq;
  for (let seq = afterSeq + 1; seq <= to; seq++) {
    const frame = index.get(seq)!;
    const n = readServerNotification(frame);
    if (n) visit(n, frame);
  }
  return to;
}

/**
 * Calls `onNotification` for every list change, resource update and task status
 * notification of a session (see `readServerNotification`), in wire order. It listens to
 * the frames store outside React rendering and reads only the frames added since its last
 * look (a cursor per session), so a busy session costs O(new frames) per animation frame.
 * History is read too: compare `frame.ts` to decide whether a notification is news.
 */
export function useServerNotifications(sessionId: string | undefined, onNotification: (n: ServerNotification, frame: Frame) => void): void {
  const handler = useRef(onNotification);
  handler.current = onNotification;
  const cursors = useRef(new Map<string, number>());

  useEffect(() => {
    if (!sessionId) return;
    const scan = () => {
      const index = useFramesStore.getState().indexes.get(sessionId);
      if (!index) return;
      const from = cursors.current.get(sessionId) ?? 0;
      // The cursor moves first: a handler that throws must not make the frames replay.
      cursors.current.set(sessionId, index.lastSeq);
      scanNotifications(index, from, (n, frame) => handler.current(n, frame));
    };
    scan();
    return useFramesStore.subscribe((state, prev) => {
      if (state.version !== prev.version) scan();
    });
  }, [sessionId]);
}
