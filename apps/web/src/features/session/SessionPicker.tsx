import type { SessionInfo } from "@mcpscope/protocol";
import { targetLabel } from "../../lib/targetLabel";
import { sortedSessions, useSessionsStore } from "../../stores/sessionsStore";

function sessionLabel(s: SessionInfo): string {
  const name = targetLabel(s);
  const time = new Date(s.createdAt).toLocaleTimeString();
  return `${name} · ${s.status} · ${time}`;
}

/** `<select aria-label="Session">` shown when there is more than one session. */
export function SessionPicker() {
  const sessions = useSessionsStore((s) => s.sessions);
  const selectedId = useSessionsStore((s) => s.selectedId);
  const select = useSessionsStore((s) => s.select);
  const list = sortedSessions(sessions);
  if (list.length < 2) return null;
  return (
    <select aria-label="Session" className="session-picker" value={selectedId ?? ""} onChange={(e) => select(e.target.value)}>
      {list.map((s) => (
        <option key={s.id} value={s.id}>
          {sessionLabel(s)}
        </option>
      ))}
    </select>
  );
}
