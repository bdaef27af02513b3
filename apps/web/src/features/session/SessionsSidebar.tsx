import { useState } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { targetShort, transportName, uniqueSessionLabels } from "../../lib/targetLabel";
import { useSessions } from "../../api/sessionsCache";
import { sortedSessions, useSessionsStore } from "../../stores/sessionsStore";
import { useIsViewer } from "../sharing/useMe";
import { useReadOnly } from "../sharing/useReadOnly";
import { PruneBar } from "./PruneBar";
import { GROUP_TITLES, groupOf, groupSessions, matchesSearch } from "./sessionGroups";
import { TappedBadge } from "../taps/TappedBadge";
import { StatusBadge } from "./StatusBadge";
import { isLive, reconnectVerb, useSessionActions } from "./useSessionActions";

/** Region "Sessions": every session, live first, then closed ones, earlier runs and imported recordings; searchable and prunable. */
export function SessionsSidebar({ onCollapse }: { onCollapse?: () => void }) {
  const sessions = useSessions();
  const selectedId = useSessionsStore((s) => s.selectedId);
  const viewer = useIsViewer();
  const [query, setQuery] = useState("");
  const [managing, setManaging] = useState(false);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const list = sortedSessions(sessions);
  const labels = uniqueSessionLabels(list);
  const shown = list.filter((s) => matchesSearch(s, labels.get(s.id) ?? s.id, query));
  const groups = groupSessions(shown);
  const toggle = (id: string) => setPicked((p) => (p.has(id) ? new Set([...p].filter((x) => x !== id)) : new Set([...p, id])));

  return (
    <section aria-label="Sessions" className="pane sessions-pane">
      <div className="pane-head">
        <h2 className="pane-title">Sessions</h2>
        <span className="count">{list.length}</span>
        <span className="spacer" />
        {!viewer && list.some((s) => groupOf(s) !== "live") && (
          <button type="button" className="ghost small" aria-pressed={managing} onClick={() => setManaging(!managing)}>
            {managing ? "Done" : "Prune…"}
          </button>
        )}
        {onCollapse && (
          <button type="button" className="ghost small icon-button" aria-label="Collapse sessions column" title="Collapse to icons (Ctrl+B)" onClick={onCollapse}>
            <span aria-hidden="true">«</span>
          </button>
        )}
      </div>
      {list.length > 1 && (
        <div className="sessions-search">
          <input type="search" aria-label="Search sessions" placeholder="Search sessions…" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
      )}
      {managing && <PruneBar sessions={list} picked={picked} onDone={() => setPicked(new Set())} />}
      {list.length === 0 ? (
        <p className="muted small pad">No sessions yet. Connect to a server below.</p>
      ) : shown.length === 0 ? (
        <p className="muted small pad">No session matches “{query}”.</p>
      ) : (
        groups.map(({ group, sessions: members }) => (
          <details key={group} className="session-group" open>
            <summary className="session-group-title">
              {GROUP_TITLES[group]} <span className="muted">({members.length})</span>
            </summary>
            <ul className="session-list" aria-label={GROUP_TITLES[group]}>
              {members.map((s) => (
                <SessionItem
                  key={s.id}
                  session={s}
                  label={labels.get(s.id) ?? s.id}
                  selected={s.id === selectedId}
                  pick={managing && group !== "live" ? { picked: picked.has(s.id), toggle: () => toggle(s.id) } : undefined}
                />
              ))}
            </ul>
          </details>
        ))
      )}
    </section>
  );
}

interface ItemProps {
  session: SessionInfo;
  label: string;
  selected: boolean;
  /** While pruning: whether this session is picked for deletion. */
  pick?: { picked: boolean; toggle: () => void };
}

function SessionItem({ session, label, selected, pick }: ItemProps) {
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
    session.tap ? `tapped${session.tap.client ? ` from ${session.tap.client.name}` : ""}` : undefined,
  ]
    .filter(Boolean)
    .join(", ");

  return (
    <li className={`session-item${selected ? " selected" : ""}`}>
      {pick && (
        <label className="checkbox-label session-pick">
          <input type="checkbox" checked={pick.picked} onChange={pick.toggle} />
          <span className="sr-only">Pick {label}</span>
        </label>
      )}
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
          {session.tap && <TappedBadge tap={session.tap} />}
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
