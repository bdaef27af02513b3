import type { ProgressState } from "@mcpscope/timeline";

interface Props {
  label: string;
  state?: ProgressState;
  compact?: boolean;
}

/**
 * A `role="progressbar"` for a request's progress notifications: determinate when the
 * server gave a total, indeterminate (no aria-valuenow) before the first notification.
 */
export function ProgressBar({ label, state, compact }: Props) {
  const total = state?.total;
  const pct = state && total ? Math.min(100, (state.progress / total) * 100) : undefined;
  const text = state ? `${state.progress}${total !== undefined ? ` of ${total}` : ""}${state.message ? ` — ${state.message}` : ""}` : "Waiting for progress";
  return (
    <div className={`progress${compact ? " compact" : ""}`}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuenow={state?.progress}
        aria-valuemax={total}
        aria-valuetext={text}
        className={`progress-track${pct === undefined ? " indeterminate" : ""}`}
      >
        <div className="progress-fill" style={pct === undefined ? undefined : { width: `${pct}%` }} />
      </div>
      {!compact && <span className="progress-text small">{text}</span>}
    </div>
  );
}
