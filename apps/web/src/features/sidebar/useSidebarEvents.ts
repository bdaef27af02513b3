import { useEffect, useEffectEvent, useRef } from "react";
import type { Frame } from "@mcpscope/protocol";
import type { TimelineIndex } from "@mcpscope/timeline";
import { timelineOf } from "../../stores/sessionTimeline";
import { readResourceAnswer, type ResourceAnswer } from "./readResourceAnswer";
import { readServerNotification, type ServerNotification } from "./serverNotification";
import { readTaskHandle, type TaskHandleAnswer } from "./readTaskHandle";

/** A frame the sidebar reacts to: a server notification, an answer to a resource request, a task handle. */
export type SidebarEvent = ServerNotification | ResourceAnswer | TaskHandleAnswer;

/**
 * Visits the sidebar events among the frames an index holds after `afterSeq`, in wire
 * order, and answers the seq to continue from next time (the index's last).
 */
export function scanSidebarEvents(index: TimelineIndex, afterSeq: number, visit: (e: SidebarEvent, frame: Frame) => void): number {
  const to = index.lastSeq;
  for (let seq = afterSeq + 1; seq <= to; seq++) {
    const frame = index.get(seq)!;
    const event = readServerNotification(frame) ?? readResourceAnswer(index, frame) ?? readTaskHandle(index, frame);
    if (event) visit(event, frame);
  }
  return to;
}

/**
 * Calls `onEvent` for every list change, resource update and task status notification of
 * a session (see `readServerNotification`) and every answered resource subscribe,
 * unsubscribe and read (see `readResourceAnswer`), in wire order. It listens to
 * the session's timeline outside React rendering and reads only the frames added since its last
 * look (a cursor per session), so a busy session costs O(new frames) per animation frame.
 * History is read too (a reload rebuilds subscriptions from the wire); compare `frame.ts`
 * to the shown data to decide whether a list change is news.
 */
export function useSidebarEvents(sessionId: string | undefined, onEvent: (e: SidebarEvent, frame: Frame) => void): void {
  const handler = useEffectEvent(onEvent);
  const cursors = useRef(new Map<string, number>());

  useEffect(() => {
    if (!sessionId) return;
    const timeline = timelineOf(sessionId);
    const scan = () => {
      const index = timeline.index;
      const from = cursors.current.get(sessionId) ?? 0;
      // The cursor moves first: a handler that throws must not make the frames replay.
      cursors.current.set(sessionId, index.lastSeq);
      scanSidebarEvents(index, from, (e, frame) => handler(e, frame));
    };
    scan();
    return timeline.subscribe(scan);
  }, [sessionId]);
}
