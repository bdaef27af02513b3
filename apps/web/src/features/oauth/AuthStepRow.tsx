import { useId, useState } from "react";
import type { AuthStepView } from "@mcpscope/protocol";
import { ExchangeView } from "./ExchangeView";

const VERDICT_TEXT = { pass: "Pass", warn: "Warning", fail: "Fail", info: "Info" } as const;

/** A verdict as a small labelled badge. */
export function Verdict({ verdict }: { verdict: keyof typeof VERDICT_TEXT }) {
  return <span className={`auth-verdict ${verdict}`}>{VERDICT_TEXT[verdict]}</span>;
}

/**
 * One step of an authorization flow: its verdict, title and summary; expanded, every check
 * (what was checked, where the specification requires it, what was seen, what to fix) and
 * its HTTP exchanges. A failing step opens by itself.
 */
export function AuthStepRow({ sessionId, step, canReveal }: { sessionId: string; step: AuthStepView; canReveal: boolean }) {
  const [open, setOpen] = useState(step.verdict === "fail");
  const id = useId();
  return (
    <li className={`auth-step ${step.verdict}`} aria-label={`${step.title}: ${VERDICT_TEXT[step.verdict]}`}>
      <button type="button" className="auth-step-head" aria-expanded={open} aria-controls={`${id}-detail`} onClick={() => setOpen(!open)}>
        <Verdict verdict={step.verdict} />
        <span className="auth-step-title">{step.title}</span>
        <span className="auth-step-summary muted">{step.summary}</span>
      </button>
      {open && (
        <div id={`${id}-detail`} className="auth-step-detail">
          {step.checks.length > 0 && (
            <ul className="auth-checks" aria-label={`Checks of ${step.title}`}>
              {step.checks.map((c) => (
                <li key={c.id} className={`auth-check ${c.verdict}`}>
                  <div className="auth-check-head">
                    <Verdict verdict={c.verdict} />
                    <span className="auth-check-rule">{c.rule}</span>
                  </div>
                  <p className="auth-check-detail">{c.detail}</p>
                  {c.fix && (
                    <p className="auth-fix">
                      <strong>Fix:</strong> {c.fix}
                    </p>
                  )}
                  <p className="auth-ref">{c.ref}</p>
                </li>
              ))}
            </ul>
          )}
          {step.exchangeDetails.map((exchange) => (
            <ExchangeView key={exchange.seq} sessionId={sessionId} exchange={exchange} canReveal={canReveal} />
          ))}
        </div>
      )}
    </li>
  );
}
