import type { SessionInfo } from "@mcpscope/protocol";
import { ConnectFailure } from "../connect/ConnectFailure";

/**
 * The selected session's failure, prominent above the workspace: the connection doctor's
 * words for a session that never connected, or why a live one broke. A closed session with
 * a reason gets a quieter note; a recording with a bad line says which.
 */
export function SessionBanner({ session }: { session?: SessionInfo }) {
  if (!session?.error) return <div className="session-banner" />;
  if (session.errorCode === "MCPSCOPE_INVALID_RECORDING") {
    return (
      <section className="session-banner" aria-label="Session error">
        <ConnectFailure title="The rest of this recording cannot be read" error={{ message: session.error, hint: "The frames before the bad line are shown. The file was changed or damaged after mcpscope wrote it." }} />
      </section>
    );
  }
  if (session.status === "failed") {
    return (
      <section className="session-banner" aria-label="Session error">
        <ConnectFailure title={session.serverInfo ? "Session failed" : "Could not connect"} error={{ message: session.error }} />
      </section>
    );
  }
  return (
    <div className="session-banner">
      <p role="status" className="session-note">
        <strong>Session {session.status}:</strong> {session.error}
      </p>
    </div>
  );
}
