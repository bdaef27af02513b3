import { useMemo } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { useFramesStore } from "../../stores/framesStore";
import { useTimelineStore } from "../../stores/timelineStore";
import { FrameDetail } from "./FrameDetail";
import { FramesGrid } from "./FramesGrid";

/** Region "Timeline" (live frames grid with a follow toggle) and region "Frame detail". */
export function TimelinePane({ session }: { session?: SessionInfo }) {
  const version = useFramesStore((s) => s.version);
  const indexOf = useFramesStore((s) => s.indexOf);
  const follow = useTimelineStore((s) => s.follow);
  const setFollow = useTimelineStore((s) => s.setFollow);
  const index = useMemo(() => (session ? indexOf(session.id) : undefined), [session?.id, indexOf]); // eslint-disable-line react-hooks/exhaustive-deps

  const count = index?.frames.length ?? 0;
  const first = index?.frames[0]?.ts;
  const startTs = Math.min(session?.createdAt ?? Infinity, first ?? Infinity);
  const inFlight = useMemo(() => index?.inFlight().length ?? 0, [index, version]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="right">
      <section aria-label="Timeline" className="pane timeline-pane">
        <div className="pane-head">
          <h2 className="pane-title">Timeline</h2>
          <span className="count">
            {count.toLocaleString()}
            <span className="sr-only"> frames</span>
          </span>
          {inFlight > 0 && <span className="muted small">{inFlight} in flight</span>}
          <span className="spacer" />
          <button
            type="button"
            className="small toggle"
            aria-pressed={follow}
            aria-label="Follow new frames"
            title="Keep the newest frame in view"
            onClick={() => setFollow(!follow)}
          >
            <span aria-hidden="true">⤓</span> Follow
          </button>
        </div>
        {session && index ? (
          <FramesGrid sessionId={session.id} index={index} version={version} startTs={Number.isFinite(startTs) ? startTs : 0} />
        ) : (
          <p className="muted small pad">No session selected.</p>
        )}
      </section>
      {session && index && <FrameDetail sessionId={session.id} index={index} startTs={Number.isFinite(startTs) ? startTs : 0} />}
    </div>
  );
}
