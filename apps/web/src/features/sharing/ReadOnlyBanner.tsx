import { useReadOnly } from "./useReadOnly";
import "./sharing.css";

/** The visible "Read-only" marker of the selected session, with why nothing can be sent. */
export function ReadOnlyBanner({ sessionId }: { sessionId?: string }) {
  const readOnly = useReadOnly(sessionId);
  if (!readOnly) return null;
  return (
    <p role="status" aria-label="Read-only" className={`readonly-banner readonly-${readOnly.kind}`}>
      <strong className="badge readonly">Read-only</strong> {readOnly.reason}
    </p>
  );
}
