import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { timelineOf } from "../../stores/sessionTimeline";
import { useSessionTimeline } from "../../stores/useSessionTimeline";
import type { Tool } from "../tools/toolTypes";
import { toolsFromFrames } from "./toolsFromFrames";

/** The tools of the newest `tools/list` listing among the frames this page holds for a session. */
export function heldTools(sessionId: string): Tool[] {
  return toolsFromFrames(timelineOf(sessionId).index.framesFrom(1));
}

/**
 * For a viewer, whose tool list is read from the session's frames: updates it (react-query
 * key `['tools', sessionId]`) whenever a new `tools/list` response arrives, e.g. the
 * presenter's first listing of a session that just connected. Scans only new frames.
 */
export function useListedToolsRefresh(sessionId: string | undefined, enabled: boolean): void {
  const version = useSessionTimeline(sessionId)?.version;
  const queryClient = useQueryClient();
  const scanned = useRef(new Map<string, number>());

  useEffect(() => {
    if (!enabled || sessionId === undefined) return;
    const index = timelineOf(sessionId).index;
    const from = scanned.current.get(sessionId) ?? 0;
    let listed = false;
    for (let seq = from + 1; seq <= index.lastSeq && !listed; seq++) {
      const frame = index.get(seq)!;
      listed = frame.dir === "in" && frame.kind === "response" && index.methodOf(frame) === "tools/list";
    }
    scanned.current.set(sessionId, index.lastSeq);
    // Set rather than invalidate: a refetch already in flight would be reused, with older frames.
    if (listed) queryClient.setQueryData(["tools", sessionId], heldTools(sessionId));
  }, [version, sessionId, enabled, queryClient]);
}
