import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { targetShort, transportName, uniqueSessionLabels } from "../../lib/targetLabel";
import { useSessions } from "../../api/sessionsCache";
import { sortedSessions, useSessionsStore } from "../../stores/sessionsStore";
import { useReadOnly } from "../sharing/useReadOnly";
import { StatusBadge } from "./StatusBadge";
import { isLive, reconnectVerb, useSessionActions } from "./useSessionActions";

/** Region "Sessions": every session, live and recorded; pick one to show it, close, reconnect, delete. */
export function SessionsSidebar() {
  const sessions = useSessions();
  const selectedId = useSessionsStore((s) => s.selectedId);
  const list = sortedSessions(sessions);
  const labels = uniqueSessionLabels(list);

  return (
    <section aria-label="Sessions" className="pane sessions-pane">
      <div className="pane-head">
        <h2 className="pane-title">Sessions</h2>
        <span className="count">{list.length}</span>
      </div>
      {list.length === 0 ? (
        <p className="muted small pad">No sessions yet. Connect to a server below.</p>
      ) : (
        <ul className="session-list">
          {list.map((s) => (
            <SessionItem key={s.id} session={s} label={labels.get(s.id) ?? s.id} selected={s.id === selectedId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionItem({ session, label, selected }: { session: SessionInfo; label: string; selected: boolean }) {
  const select = useSessionsStore((s) => s.select);
  const { close, reconnect, remove } = useSessionActions();
  const verb = reconnectVerb(session);
  const readOnly = useReadOnly(session.id);
  const transport = transportName(session.transport);
  const failed = [close, reconnect, remove].find((m) => m.isError);
  const error = failed ? describeError(failed.error) : undefined;
  const name = [
    label,
    session.status,
    transport,
    session.protocolVersion ? `protocol ${session.protocolVersion}` : undefined,
    session.recorded ? "recorded" : undefined,
  ]
    .filter(Boolean)
    .join(", ");

  return (
    <li className={`session-item${selected ? " selected" : ""}`}>
      <button type="button" className="session-select" aria-label={name} aria-current={selected ? "true" : undefined} onClick={() => select(session.id)}>
        <span className="session-label">{label}</span>
        <span className="session-target" title={targetShort(session)}>
          {targetShort(session)}
        </span>
        <span className="session-meta">
          <StatusBadge status={session.status} />
          <span className="badge transport">{transport}</span>
          {session.protocolVersion && <span className="badge cap">{session.protocolVersion}</span>}
          {session.recorded && <span className="badge recorded">recorded</span>}
        </span>
      </button>
      <div className="session-actions">
        {isLive(session) && !readOnly && (
          <button type="button" className="ghost small" aria-label={`Close ${label}`} onClick={() => close.mutate(session.id)} disabled={close.isPending}>
            Close
          </button>
        )}
        {!readOnly && (
          <button
            type="button"
            className="ghost small"
            aria-label={`${verb} ${label}`}
            onClick={() => reconnect.mutate(session.id)}
            disabled={reconnect.isPending || session.status === "connecting"}
          >
            {reconnect.isPending ? `${verb}ing…` : verb}
          </button>
        )}
        {/* Deleting a recording is the presenter's housekeeping; viewers cannot. */}
        {readOnly?.kind !== "viewer" && (
          <button type="button" className="ghost small danger" aria-label={`Delete ${label}`} onClick={() => remove.mutate(session.id)} disabled={remove.isPending}>
            Delete
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="session-error small">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </p>
      )}
    </li>
  );
}
