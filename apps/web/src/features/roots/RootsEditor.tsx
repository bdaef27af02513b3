import { useReadOnly } from "../sharing/useReadOnly";
import { useId, useState, type FormEvent } from "react";
import type { Root, SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { frameSync } from "../../api/frameSync";
import { patchSession } from "../../api/sessionsSync";
import { useSessionTimeline } from "../../stores/useSessionTimeline";
import { checkRoot, sameRoots } from "./checkRoot";
import { rootsReread } from "./rootsReread";
import "./roots.css";

/**
 * Region "Roots": the `file://` roots the session's client exposes (MCP 2025-11-25 "Client
 * Features → Roots"). Add and remove them here; "Save roots" replaces them with
 * `PUT /api/sessions/:id/roots`, which sends `notifications/roots/list_changed` so the
 * server asks `roots/list` again; the editor then says whether the server did.
 */
export function RootsEditor({ session }: { session: SessionInfo }) {
  const id = useId();
  const [saved, setSaved] = useState<Root[]>(session.roots ?? []);
  const [draft, setDraft] = useState<Root[]>(session.roots ?? []);
  const [uri, setUri] = useState("");
  const [name, setName] = useState("");
  const [inputError, setInputError] = useState<string>();
  const [status, setStatus] = useState<{ text: string; hint?: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  // The last frame seq held when the roots were last saved: the server's re-read comes after it.
  const [savedAtSeq, setSavedAtSeq] = useState<number>();
  const { index } = useSessionTimeline(session.id);
  const reread = savedAtSeq === undefined ? false : rootsReread(index, savedAtSeq);

  const declared = session.clientCapabilities?.roots !== undefined;
  const readOnly = useReadOnly(session.id) !== undefined;
  const live = session.status === "ready" && !session.recorded && !readOnly;
  const dirty = !sameRoots(draft, saved);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkRoot(uri, name, draft);
    if ("error" in checked) {
      setInputError(checked.error);
      return;
    }
    setInputError(undefined);
    setDraft([...draft, checked.root]);
    setUri("");
    setName("");
    setStatus(undefined);
  };

  const save = () => {
    setBusy(true);
    setStatus(undefined);
    setSavedAtSeq(undefined);
    const since = frameSync.heldSeq(session.id);
    restClient
      .setRoots(session.id, draft)
      .then(
        ({ roots }) => {
          setSaved(roots);
          setSavedAtSeq(since);
          patchSession(session.id, { roots });
          setStatus({ text: `Roots saved (${roots.length}); the server was sent notifications/roots/list_changed.` });
        },
        (err: unknown) => setStatus({ ...describeError(err), text: describeError(err).message, error: true }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="roots-editor" aria-label="Roots">
      <h3 className="pane-title">Roots</h3>
      <p className="help">
        The file:// directories this client tells the server it may work in. The server reads them with roots/list.
      </p>
      {!declared && (
        <p className="muted small" role="note">
          This session does not declare the roots capability. Open a new session with “Roots” checked in the Connect form to expose roots.
        </p>
      )}
      {draft.length === 0 ? (
        <p className="muted small">No roots.</p>
      ) : (
        <ul className="roots-list" aria-label="Session roots">
          {draft.map((r) => (
            <li key={r.uri}>
              <code>{r.uri}</code>
              {r.name && <span className="muted"> {r.name}</span>}
              <button
                type="button"
                className="ghost small danger"
                aria-label={`Remove root ${r.name ?? r.uri}`}
                onClick={() => {
                  setDraft(draft.filter((d) => d.uri !== r.uri));
                  setStatus(undefined);
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="roots-add" aria-label="Add a root" onSubmit={add} noValidate>
        <div className="field">
          <label htmlFor={`${id}-uri`}>Root URI</label>
          <input
            id={`${id}-uri`}
            value={uri}
            onChange={(e) => setUri(e.target.value)}
            placeholder="file:///home/me/project"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={inputError !== undefined}
            aria-describedby={inputError ? `${id}-uri-error` : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Root name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="(optional)" autoComplete="off" />
        </div>
        <button type="submit" disabled={!declared}>
          Add root
        </button>
      </form>
      {inputError && (
        <p id={`${id}-uri-error`} role="alert" className="small invalid-reason">
          {inputError}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={save} disabled={busy || !declared || !live || !dirty}>
          {busy ? "Saving…" : "Save roots"}
        </button>
        {dirty && !busy && <span className="muted small">Unsaved changes</span>}
        {status && (
          <span role={status.error ? "alert" : "status"} className={`small ${status.error ? "invalid-reason" : "muted"}`}>
            {status.text}
            {status.hint ? ` ${status.hint}` : ""}
          </span>
        )}
        {savedAtSeq !== undefined && (
          <span role="status" className="small muted">
            {reread ? "The server read the new roots (roots/list)." : "Waiting for the server to read them (roots/list)…"}
          </span>
        )}
      </div>
    </section>
  );
}
