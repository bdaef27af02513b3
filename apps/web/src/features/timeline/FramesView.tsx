import { useMemo } from "react";
import type { TimelineIndex } from "@mcpscope/timeline";
import { useTimelineStore } from "../../stores/timelineStore";
import { FilterBar } from "./FilterBar";
import { allRows, FramesGrid, type FrameRows } from "./FramesGrid";
import { PinnedFrames } from "./PinnedFrames";
import { useFilteredView } from "./useFilteredView";

interface Props {
  sessionId: string;
  index: TimelineIndex;
  version: number;
  startTs: number;
}

/** Tab "Frames": the filter bar, pinned frames, and the virtualized grid. */
export function FramesView({ sessionId, index, version, startTs }: Props) {
  const filter = useTimelineStore((s) => s.filter);
  const view = useFilteredView(sessionId, index, filter, version);
  const viewCount = view?.count;
  const rows: FrameRows = useMemo(
    () =>
      view
        ? { count: view.count, seqAt: (i) => view.seqAt(i), positionOf: (seq) => view.positionOf(seq) }
        : allRows(index),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the view and the index grow in place: viewCount and version are the dependencies
    [view, viewCount, index, version],
  );
  return (
    <>
      <FilterBar matches={view?.count} scanned={view?.progress} />
      <PinnedFrames sessionId={sessionId} index={index} />
      <FramesGrid sessionId={sessionId} index={index} rows={rows} startTs={startTs} filtering={view !== undefined && !view.done} />
    </>
  );
}
