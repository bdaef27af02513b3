import { useEffect, useState } from "react";
import { UrlElicitations, type UrlElicitation } from "@mcpscope/timeline";
import { timelineOf } from "../../stores/sessionTimeline";

/**
 * The session's URL-mode elicitations (see `UrlElicitations` in @mcpscope/timeline), kept
 * up to date from the session's timeline outside React rendering: each change reads only
 * the frames added since the last look, and React re-renders only when an entry changed.
 */
export function useUrlElicitations(sessionId: string): UrlElicitation[] {
  const [list, setList] = useState<UrlElicitation[]>([]);
  useEffect(() => {
    const tracker = new UrlElicitations();
    const timeline = timelineOf(sessionId);
    let cursor = 0;
    let shown = -1;
    const scan = () => {
      const index = timeline.index;
      const to = index.lastSeq;
      for (let seq = cursor + 1; seq <= to; seq++) tracker.add(index.get(seq)!, index);
      cursor = to;
      if (tracker.version !== shown) {
        shown = tracker.version;
        setList(tracker.list());
      }
    };
    // eslint-disable-next-line react-hooks/set-state-in-effect -- another session starts empty: its frames may not be in the store yet
    setList([]);
    scan();
    return timeline.subscribe(scan);
  }, [sessionId]);
  return list;
}
