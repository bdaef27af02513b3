import { useEffect, useId, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { removeSession } from "../../api/sessionsSync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { olderThan } from "./sessionGroups";

const DAY_MS = 86_400_000;
const AGES = [
  { label: "1 day", ms: DAY_MS },
  { label: "7 days", ms: 7 * DAY_MS },
  { label: "30 days", ms: 30 * DAY_MS },
] as const;

interface Props {
  sessions: SessionInfo[];
  /** Sessions picked with their checkboxes. */
  picked: ReadonlySet<string>;
  onDone: () => void;
}

/**
 * Pruning the sessions list: delete the picked sessions, or every one older than an age (live
 * sessions are never pruned). Each asks for confirmation first, then deletes the sessions
 * and their recordings one by one (`DELETE /api/sessions/:id/recording`).
 */
export function PruneBar({ sessions, picked, onDone }: Props) {
  const id = useId();
  const [age, setAge] = useState<number>(AGES[1].ms);
  const [confirming, setConfirming] = useState<SessionInfo[]>();
  const prune = useMutation({
    mutationFn: async (doomed: SessionInfo[]) => {
      for (const s of doomed) {
        await restClient.deleteSession(s.id);
        removeSession(s.id);
      }
      return doomed.length;
    },
    onSettled: onDone,
  });
  const pickedSessions = sessions.filter((s) => picked.has(s.id));
  const error = prune.isError ? describeError(prune.error) : undefined;

  return (
    <div className="prune-bar" role="group" aria-label="Prune sessions">
      <button type="button" className="small danger" disabled={pickedSessions.length === 0 || prune.isPending} onClick={() => setConfirming(pickedSessions)}>
        Delete picked ({pickedSessions.length})
      </button>
      <span className="prune-age">
        <label htmlFor={`${id}-age`}>Older than</label>
        <select id={`${id}-age`} value={age} onChange={(e) => setAge(Number(e.target.value))}>
          {AGES.map((a) => (
            <option key={a.ms} value={a.ms}>
              {a.label}
            </option>
          ))}
        </select>
        <button type="button" className="small danger" disabled={prune.isPending} onClick={() => setConfirming(olderThan(sessions, age, Date.now()))}>
          Delete older…
        </button>
      </span>
      <span role="status" className="small muted">
        {prune.isPending ? "Deleting…" : prune.isSuccess ? `Deleted ${prune.data} session${prune.data === 1 ? "" : "s"}.` : ""}
      </span>
      <ErrorAlert error={error} />
      {confirming && (
        <ConfirmPrune
          doomed={confirming}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            prune.mutate(confirming);
            setConfirming(undefined);
          }}
        />
      )}
    </div>
  );
}

function ConfirmPrune({ doomed, onCancel, onConfirm }: { doomed: SessionInfo[]; onCancel: () => void; onConfirm: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    if (!ref.current?.open) ref.current?.showModal();
  }, []);
  const n = doomed.length;
  return (
    <dialog ref={ref} role="alertdialog" className="modal-dialog prune-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} onClose={onCancel}>
      <h2 id={`${id}-title`} className="pane-title">
        Delete {n} session{n === 1 ? "" : "s"}?
      </h2>
      <p id={`${id}-desc`} className="small">
        {n === 0
          ? "No session matches: nothing to delete."
          : `Their frames and recordings are deleted from the data directory. This cannot be undone. Export a session first to keep a copy.`}
      </p>
      <div className="form-actions">
        {n > 0 && (
          <button type="button" className="primary danger-fill" onClick={onConfirm}>
            Delete {n} session{n === 1 ? "" : "s"}
          </button>
        )}
        <button type="button" onClick={() => ref.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
