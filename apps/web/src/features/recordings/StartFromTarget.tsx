import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { CreateSessionBody, SessionInfo } from "@mcpscope/protocol/types";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { addSession } from "../../api/sessionsSync";
import { useSessionsStore } from "../../stores/sessionsStore";
import { ConnectFailure } from "../connect/ConnectFailure";
import { bodyRows, commandLine, newSessionBody } from "./newSessionBody";

/**
 * "Start a new session from this target…" on a recorded session. A recording is data: the
 * proxy never starts what one names (reconnecting it is refused). This dialog shows the
 * person exactly what would run or be contacted — command, each argument, environment,
 * working directory, or URL and headers, redacted values as they read — and only "Start
 * session" sends that, as the body of `POST /api/sessions`.
 */
export function StartFromTarget({ session }: { session: SessionInfo }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="small" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Start a new session from this target…
      </button>
      {open && <StartDialog session={session} onClose={() => setOpen(false)} />}
    </>
  );
}

function StartDialog({ session, onClose }: { session: SessionInfo; onClose: () => void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  // Fixed when the dialog opens: what is shown is what is sent.
  const body = useMemo(() => newSessionBody(session.target), [session.target]);
  const rows = bodyRows(body);
  const line = commandLine(body);
  const anyRedacted = rows.some((r) => r.redacted);
  const anyHidden = rows.some((r) => r.hidden);

  const start = useMutation({
    mutationFn: (confirmed: CreateSessionBody) => restClient.createSession(confirmed),
    onSuccess: (created) => {
      addSession(created);
      useSessionsStore.getState().select(created.id);
      ref.current?.close();
    },
  });

  useEffect(() => {
    if (!ref.current?.open) ref.current?.showModal();
  }, []);

  return (
    <dialog ref={ref} className="modal-dialog start-target-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-warning`} onClose={onClose}>
      <h2 id={`${id}-title`} className="pane-title">
        Start a new session from this target?
      </h2>
      <p id={`${id}-warning`} className="start-target-warning">
        This target comes from a recording, and a recording is a file: whoever had it could have changed what it runs. mcpscope starts it only if you confirm.
        {line !== undefined ? " Check the command below: it runs as you, on this machine." : " Check the URL and headers below: mcpscope will connect there and send them."}
      </p>
      {line !== undefined && (
        <pre className="start-target-command" aria-label="Command line">
          {line}
        </pre>
      )}
      <dl className="start-target-fields" aria-label="What will be sent">
        {rows.map((row, i) => (
          <div key={i} className="start-target-row">
            <dt>{row.label}</dt>
            <dd>
              <code>{row.value === "" ? "(empty)" : row.value}</code>
              {row.redacted && <span className="badge redacted">redacted</span>}
              {row.hidden && <span className="badge redacted">hidden characters</span>}
            </dd>
          </div>
        ))}
      </dl>
      {anyHidden && (
        <p role="alert" className="start-target-warning">
          Some values hold characters that would not show as themselves (line breaks, escape codes, right-to-left or zero-width marks): they are written as {"\\u{…}"} above. A recording made by mcpscope from a command you typed rarely has them.
        </p>
      )}
      {anyRedacted && (
        <p className="muted small">
          Values marked redacted were not recorded: the server would receive the text shown (e.g. “[redacted]”). To give real values, start the session from the Connect form instead.
        </p>
      )}
      {start.isError && <ConnectFailure error={describeError(start.error)} title="Could not start the session" />}
      <div className="start-target-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => start.mutate(body)} disabled={start.isPending}>
          {start.isPending ? "Starting…" : "Start session"}
        </button>
      </div>
    </dialog>
  );
}
