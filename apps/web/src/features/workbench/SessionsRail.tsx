import type { SessionInfo } from "@mcpscope/protocol";
import { uniqueSessionLabels } from "../../lib/targetLabel";
import { sortedSessions, useSessionsStore } from "../../stores/sessionsStore";
import { useSessions } from "../../api/sessionsCache";
import { isLive } from "../session/useSessionActions";

interface Props {
  onExpand: () => void;
  onNewSession?: () => void;
}

/**
 * The sessions column collapsed to an icon rail: "Expand sessions column", one button per
 * live session (its initial and status; the selected one marked current), and "New session".
 */
export function SessionsRail({ onExpand, onNewSession }: Props) {
  const sessions = useSessions();
  const selectedId = useSessionsStore((s) => s.selectedId);
  const select = useSessionsStore((s) => s.select);
  const list = sortedSessions(sessions);
  const labels = uniqueSessionLabels(list);
  const live = list.filter(isLive);
  const selected = selectedId === undefined ? undefined : sessions[selectedId];
  // The selected session stays reachable even when it is a recording.
  const shown: SessionInfo[] = selected && !live.includes(selected) ? [selected, ...live] : live;
  const past = list.length - live.length;

  return (
    <nav aria-label="Sessions rail" className="sessions-rail">
      <button type="button" className="rail-button" aria-label="Expand sessions column" title="Expand sessions column (Ctrl+B)" onClick={onExpand}>
        <span aria-hidden="true">»</span>
      </button>
      <ul className="rail-list">
        {shown.map((s) => {
          const label = labels.get(s.id) ?? s.id;
          return (
            <li key={s.id}>
              <button
                type="button"
                className={`rail-button rail-session status-${s.status}${s.id === selectedId ? " selected" : ""}`}
                aria-label={`${label}, ${s.status}${s.recorded ? ", recorded" : ""}`}
                aria-current={s.id === selectedId ? "true" : undefined}
                title={`${label} (${s.status})`}
                onClick={() => select(s.id)}
              >
                <span aria-hidden="true">{label.replace(/^[^a-z0-9]+/i, "").charAt(0).toUpperCase() || "?"}</span>
                <span className="rail-dot" aria-hidden="true" />
              </button>
            </li>
          );
        })}
      </ul>
      {past > 0 && (
        <button type="button" className="rail-button rail-more" aria-label={`${past} earlier sessions: expand to see them`} title={`${past} earlier sessions`} onClick={onExpand}>
          <span aria-hidden="true">+{past}</span>
        </button>
      )}
      {onNewSession && (
        <button type="button" className="rail-button" aria-label="New session" title="New session" onClick={onNewSession}>
          <span aria-hidden="true">+</span>
        </button>
      )}
    </nav>
  );
}
