import type { AuthStepView, SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AuthStepRow } from "./AuthStepRow";
import { useAuthReport } from "./useAuthReport";
import "./oauth.css";

/** Steps grouped by run (the first authorization, then each refresh, step-up or re-run). */
function byRun(steps: AuthStepView[]): Array<[number, AuthStepView[]]> {
  const runs = new Map<number, AuthStepView[]>();
  for (const step of steps) runs.set(step.run, [...(runs.get(step.run) ?? []), step]);
  return [...runs];
}

/**
 * The guided auth debugger (MCP "Authorization"): every step of the session's OAuth flows
 * as a row (401 challenge, protected resource metadata, authorization server metadata,
 * client identity, authorization request and response, token, the authorized request,
 * refresh, step-up) with its verdict against the specifications and what to fix; each
 * exchange with its request and response and "Copy as curl".
 */
export function AuthDebugger({ session }: { session: SessionInfo }) {
  const report = useAuthReport(session);
  if (report.isError) return <ErrorAlert error={describeError(report.error)} />;
  const steps = report.data?.steps ?? [];
  const failures = steps.flatMap((s) => s.checks.filter((c) => c.verdict === "fail")).length;
  return (
    <section className="pane auth-debugger" aria-label="Auth debugger">
      <div className="pane-head">
        <h2 className="pane-title">Authorization flow</h2>
        <span className="muted small">{steps.length ? `${steps.length} steps${failures ? `, ${failures} failing checks` : ""}` : ""}</span>
      </div>
      {report.isPending ? (
        <p className="muted small pad">Loading…</p>
      ) : steps.length === 0 ? (
        <p className="muted small pad">The server has not asked for authorization{session.status === "ready" ? ": it answered without OAuth" : " yet"}.</p>
      ) : (
        byRun(steps).map(([run, runSteps]) => (
          <div key={run} className="auth-run">
            <h3 className="auth-run-title">Run {run}</h3>
            <ol className="auth-steps">
              {runSteps.map((step) => (
                <AuthStepRow key={step.seq} sessionId={session.id} step={step} canReveal={report.data?.canReveal ?? false} />
              ))}
            </ol>
          </div>
        ))
      )}
    </section>
  );
}
