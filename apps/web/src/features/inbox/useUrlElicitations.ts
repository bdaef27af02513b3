import { useEffect, useState } from "react";
import { UrlElicitations, type UrlElicitation } from "@mcpscope/timeline";
import { useFramesStore } from "../../stores/framesStore";

/**
 * The session's URL-mode elicitations (see `UrlElicitations` in @mcpscope/timeline), kept
 * up to date from the frames store outside React rendering: each store change reads only
 * the frames added since the last look, and React re-renders only when an entry changed.
 */
export function useUrlElicitations(sessionId: string): UrlElicitation[] {
  const [list, setList] = useState<UrlElicitation[]>([]);
  useEffect(() => {
    const tracker = new UrlElicitations();
    let cursor = 0;
    let shown = -1;
    const scan = () => {
      const index = useFramesStore.getState().indexes.get(sessionId);
      if (!index) return;
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
    return useFramesStore.subscribe((state, prev) => {
      if (state.version !== prev.version) scan();
    });
  }, [sessionId]);
  return list;
}
