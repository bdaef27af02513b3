import { lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { uniqueSessionLabels } from "../../lib/targetLabel";
import { useSessions } from "../../api/sessionsCache";
import { sortedSessions } from "../../stores/sessionsStore";
import { useWorkbenchStore } from "../../stores/workbenchStore";
import "./diff.css";

// The diff and its view load on first use: they stay out of the page's first bundle.
const DiffView = lazy(() => import("./DiffView").then((m) => ({ default: m.DiffView })));

/**
 * "Compare with…": dialog "Compare sessions" to pick a second session and see how it
 * differs from this one (requests' answers; tools, prompts, resources and templates added,
 * removed or changed), computed in the browser with `diffSessions`.
 */
export function CompareButton({ session }: { session: SessionInfo }) {
  // Open state and the picked session live in the workbench store: the URL's `compare=`.
  const open = useWorkbenchStore((s) => s.compare.open);
  const setCompare = useWorkbenchStore((s) => s.setCompare);
  return (
    <>
      <button type="button" className="small" aria-haspopup="dialog" onClick={() => setCompare({ open: true })}>
        Compare with…
      </button>
      {open && <CompareDialog session={session} onClose={() => setCompare({ open: false })} />}
    </>
  );
}

function CompareDialog({ session, onClose }: { session: SessionInfo; onClose: () => void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const sessions = useSessions();
  const list = sortedSessions(sessions);
  const labels = uniqueSessionLabels(list);
  const others = list.filter((s) => s.id !== session.id);
  const otherId = useWorkbenchStore((s) => s.compare.with) ?? "";
  const setCompare = useWorkbenchStore((s) => s.setCompare);
  const setOtherId = (id: string) => setCompare({ open: true, with: id || undefined });
  const [nonce, setNonce] = useState(0);
  const label = (s: SessionInfo) => `${labels.get(s.id) ?? s.id}${s.recorded ? " (recorded)" : ""} · ${new Date(s.createdAt).toLocaleTimeString()}`;
  const other = otherId ? sessions[otherId] : undefined;

  useEffect(() => {
    if (!ref.current?.open) ref.current?.showModal();
  }, []);

  return (
    <dialog ref={ref} className="modal-dialog compare-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div className="compare-head">
        <h2 id={`${id}-title`} className="pane-title">
          Compare sessions
        </h2>
        <button type="button" className="small" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
      <p className="muted small">
        A: <strong>{label(session)}</strong>
      </p>
      <div className="compare-pick" hidden={others.length === 0}>
        <label htmlFor={`${id}-other`}>Compare with</label>
        <select id={`${id}-other`} value={other ? otherId : ""} onChange={(e) => setOtherId(e.target.value)}>
          <option value="">Choose a session…</option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </select>
        {other && (
          <button type="button" className="small" onClick={() => setNonce((n) => n + 1)}>
            Compare again
          </button>
        )}
      </div>
      {others.length === 0 && <p className="muted small">There is no other session to compare with. Run the server again or import a recording.</p>}
      {other && (
        <Suspense fallback={<p className="muted small">Loading the diff…</p>}>
          <DiffView key={`${other.id}:${nonce}`} a={session} b={other} labelA={label(session)} labelB={label(other)} />
        </Suspense>
      )}
    </dialog>
  );
}
