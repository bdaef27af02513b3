import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { ErrorAlert } from "../../components/ErrorAlert";

/** Why a feature list is empty or failed: not connected, loading, or the request's error. */
export function PaneStatus({ session, what, query }: { session: SessionInfo; what: string; query: { isPending: boolean; isError: boolean; error: unknown } }) {
  if (session.status !== "ready") return <p className="muted small pad">The session is {session.status}.</p>;
  if (query.isError) {
    const error = describeError(query.error);
    return (
      <ErrorAlert error={error} />
    );
  }
  if (query.isPending) return <p className="muted small pad">Loading {what}…</p>;
  return null;
}
