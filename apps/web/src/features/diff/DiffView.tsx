import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { diffSessions, type Answer, type RequestDiff, type SessionDiff } from "@mcpscope/timeline";
import { describeError } from "../../api/apiRequestError";
import { fetchAllFrames } from "../../api/fetchAllFrames";
import "./diff.css";

interface Props {
  a: SessionInfo;
  b: SessionInfo;
  labelA: string;
  labelB: string;
}

const LIST_NAMES = { tools: "Tool", prompts: "Prompt", resources: "Resource", resourceTemplates: "Resource template" } as const;

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "";
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function AnswerBlock({ answer, label }: { answer?: Answer; label: string }) {
  return (
    <figure className="diff-answer">
      <figcaption className="small muted">{label}</figcaption>
      {answer ? <pre>{JSON.stringify(answer, null, 2)}</pre> : <p className="muted small">No such request, or no answer.</p>}
    </figure>
  );
}

const NO_ANSWER = "(no answer in B)";

/** Requests of `b` that `a` never sent (or that got no answer in `a`): `diffSessions` only walks A's requests. */
export function onlyInB(reverse: SessionDiff): RequestDiff[] {
  return reverse.requests.filter((r) => r.paths.includes(NO_ANSWER));
}

function RequestRow({ r, labelA, labelB }: { r: RequestDiff; labelA: string; labelB: string }) {
  const summary = `${r.method} ${short(r.params)}`;
  const where = r.paths.includes(NO_ANSWER) ? "B sent no such request, or got no answer" : `differs at ${r.paths.join(", ")}`;
  return (
    <li className={`diff-request${r.equal ? " equal" : " differs"}`}>
      <details open={!r.equal}>
        <summary>
          <span className={`badge ${r.equal ? "badge-ok" : "badge-warn"}`} data-status={r.equal ? "same" : "differs"}>{r.equal ? "same" : "differs"}</span> <code>{summary}</code>
          {!r.equal && <span className="small muted"> {where}</span>}
        </summary>
        <div className="diff-answers">
          <AnswerBlock answer={r.a} label={`A: ${labelA}`} />
          <AnswerBlock answer={r.b} label={`B: ${labelB}`} />
        </div>
      </details>
    </li>
  );
}

/**
 * Region "Session diff": session A's requests paired with B's (same method and params, in
 * order) and their answers compared with volatile fields ignored; tools, prompts, resources
 * and resource templates added, removed or changed. "No differences" when equal.
 */
export function DiffView({ a, b, labelA, labelB }: Props) {
  const [showEqual, setShowEqual] = useState(false);
  const diff = useQuery({
    queryKey: ["diff", a.id, b.id],
    queryFn: async () => {
      const [framesA, framesB] = await Promise.all([fetchAllFrames(a.id), fetchAllFrames(b.id)]);
      return { diff: diffSessions(framesA, framesB), extra: onlyInB(diffSessions(framesB, framesA)) };
    },
    gcTime: 0,
    retry: false,
  });
  if (diff.isPending) return <p className="muted small">Reading both sessions’ frames…</p>;
  if (diff.isError) {
    const error = describeError(diff.error);
    return (
      <div role="alert" className="alert">
        <strong>Could not compare the sessions: {error.message}</strong>
        {error.hint && <p>{error.hint}</p>}
      </div>
    );
  }
  const { diff: d, extra } = diff.data;
  const changed = d.requests.filter((r) => !r.equal);
  const shown = showEqual ? d.requests : changed;
  const equal = d.equal && extra.length === 0;
  return (
    <section aria-label="Session diff" className="diff-view">
      <p role="status" className={equal ? "diff-verdict equal" : "diff-verdict differs"}>
        {equal
          ? `No differences: ${d.requests.length} request${d.requests.length === 1 ? "" : "s"} answered the same (ids, timestamps and other volatile fields ignored).`
          : `Sessions differ: ${changed.length} of ${d.requests.length} requests of A, ${extra.length} only in B, ${d.lists.length} list entr${d.lists.length === 1 ? "y" : "ies"}.`}
      </p>
      {d.lists.length > 0 && (
        <table className="diff-lists">
          <caption className="small muted">Tools, prompts and resources</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
              <th scope="col">Change</th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {d.lists.map((l) => (
              <tr key={`${l.list}:${l.name}`} className={`change-${l.change}`}>
                <td>{LIST_NAMES[l.list]}</td>
                <td>
                  <code>{l.name}</code>
                </td>
                <td>{l.change === "added" ? "added in B" : l.change === "removed" ? "removed in B" : "changed"}</td>
                <td className="small">{l.paths?.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="diff-requests-head">
        <h3 className="small">Requests of A and their answers</h3>
        <label className="checkbox-label small">
          <input type="checkbox" checked={showEqual} onChange={(e) => setShowEqual(e.target.checked)} />
          Show equal requests too
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="muted small">{d.requests.length === 0 ? "Session A sent no requests besides initialize." : "Every request got the same answer."}</p>
      ) : (
        <ul className="diff-requests" aria-label="Requests">
          {shown.map((r, i) => (
            <RequestRow key={i} r={r} labelA={labelA} labelB={labelB} />
          ))}
        </ul>
      )}
      {extra.length > 0 && (
        <>
          <h3 className="small diff-requests-head">Requests only in B</h3>
          <ul className="diff-requests" aria-label="Requests only in B">
            {extra.map((r, i) => (
              <li key={i} className="diff-request differs">
                <span className="badge badge-warn">only in B</span> <code>{`${r.method} ${short(r.params)}`}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
