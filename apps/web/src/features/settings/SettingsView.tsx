import { useState, type FormEvent } from "react";
import type { SessionInfo, SessionSettings } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { requestControl } from "../../api/requestControl";
import { RootsEditor } from "../roots/RootsEditor";
import { useReadOnly } from "../sharing/useReadOnly";

/**
 * Tab "Settings": form "Request settings" for the session's request timeout, whether
 * progress resets it, and the cap on a request's whole life (MCP 2025-11-25 "Base
 * Protocol → Timeouts"). Saved with `PATCH /api/sessions/:id/settings`. Below it, region
 * "Roots" (the client's roots).
 */
export function SettingsView({ session }: { session: SessionInfo }) {
  const [saved, setSaved] = useState<SessionSettings>(session.settings);
  const [timeout, setTimeoutMs] = useState(String(session.settings.requestTimeoutMs));
  const [reset, setReset] = useState(session.settings.resetTimeoutOnProgress);
  const [maxTotal, setMaxTotal] = useState(session.settings.maxTotalTimeoutMs === undefined ? "" : String(session.settings.maxTotalTimeoutMs));
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  const viewer = useReadOnly(session.id)?.kind === "viewer";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const requestTimeoutMs = Number(timeout);
    const max = maxTotal.trim() === "" ? null : Number(maxTotal);
    if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs <= 0) {
      setStatus({ text: "The request timeout must be a positive whole number of milliseconds.", error: true });
      return;
    }
    if (max !== null && (!Number.isInteger(max) || max <= 0)) {
      setStatus({ text: "The max total timeout must be a positive whole number of milliseconds, or empty for none.", error: true });
      return;
    }
    setBusy(true);
    requestControl
      .updateSettings(session.id, { requestTimeoutMs, resetTimeoutOnProgress: reset, maxTotalTimeoutMs: max })
      .then(
        (settings) => {
          setSaved(settings);
          setStatus({ text: "Settings saved. They apply to requests sent from now on." });
        },
        (err: unknown) => setStatus({ text: describeError(err).message, error: true }),
      )
      .finally(() => setBusy(false));
  };

  const readOnly = viewer || session.recorded === true || session.status === "closed" || session.status === "failed";
  return (
    <div className="settings-view">
      <form className="settings-form" aria-label="Request settings" onSubmit={submit}>
        <div className="field">
          <label htmlFor="setting-timeout">Request timeout (ms)</label>
          <input id="setting-timeout" type="number" min={1} step={1} inputMode="numeric" required value={timeout} onChange={(e) => setTimeoutMs(e.target.value)} />
          <p className="help">How long a request may wait for its answer before mcpscope cancels it.</p>
        </div>
        <label className="checkbox-label">
          <input type="checkbox" checked={reset} onChange={(e) => setReset(e.target.checked)} />
          Reset timeout on progress
        </label>
        <p className="help">Each progress notification restarts the timeout.</p>
        <div className="field">
          <label htmlFor="setting-max-total">Max total timeout (ms)</label>
          <input id="setting-max-total" type="number" min={1} step={1} inputMode="numeric" placeholder="none" value={maxTotal} onChange={(e) => setMaxTotal(e.target.value)} />
          <p className="help">Caps a request’s whole life, even while progress keeps resetting its timeout. Empty: no cap.</p>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || readOnly}>
            {busy ? "Saving…" : "Save settings"}
          </button>
          {status && (
            <span role={status.error ? "alert" : "status"} className={`small ${status.error ? "invalid-reason" : "muted"}`}>
              {status.text}
            </span>
          )}
        </div>
        <p className="muted small">
          Current: timeout {saved.requestTimeoutMs} ms, {saved.resetTimeoutOnProgress ? "reset" : "not reset"} on progress, max total{" "}
          {saved.maxTotalTimeoutMs === undefined ? "none" : `${saved.maxTotalTimeoutMs} ms`}.
        </p>
      </form>
      <RootsEditor session={session} />
    </div>
  );
}
