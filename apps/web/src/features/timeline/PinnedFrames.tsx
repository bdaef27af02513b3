import { summarizeFrame, type TimelineIndex } from "@mcpscope/timeline";
import { useTimelineStore } from "../../stores/timelineStore";

/** List "Pinned frames": frames the user pinned, to jump back to them. */
export function PinnedFrames({ sessionId, index }: { sessionId: string; index: TimelineIndex }) {
  const pinned = useTimelineStore((s) => s.pinned[sessionId]);
  const selected = useTimelineStore((s) => s.selected[sessionId]);
  const select = useTimelineStore((s) => s.select);
  const togglePin = useTimelineStore((s) => s.togglePin);
  if (!pinned?.length) return null;
  return (
    <div className="pinned-bar">
      <span className="muted small">
        Pinned
      </span>
      <ul aria-label="Pinned frames" className="pinned-list">
        {pinned.map((seq) => {
          const frame = index.get(seq);
          const label = frame ? summarizeFrame(frame, index).label : "?";
          return (
            <li key={seq} className={seq === selected ? "selected" : undefined}>
              <button type="button" className="small ghost" onClick={() => select(sessionId, seq, true)} aria-label={`Go to pinned frame ${seq} ${label}`}>
                #{seq} <span className="pinned-label">{label}</span>
              </button>
              <button type="button" className="small ghost unpin" aria-label={`Unpin frame ${seq}`} onClick={() => togglePin(sessionId, seq)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
