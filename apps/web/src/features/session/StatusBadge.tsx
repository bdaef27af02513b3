import type { SessionStatus } from "@mcpscope/protocol";

/** The session status as a coloured badge with its name as visible text and in `data-status`. */
export function StatusBadge({ status }: { status: SessionStatus }) {
  return (
    <span className={`badge status status-${status}`} data-status={status}>
      <span className="dot" aria-hidden="true" />
      {status}
    </span>
  );
}
