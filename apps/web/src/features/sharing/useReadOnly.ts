import { useSession } from "../../api/sessionsCache";
import { useIsViewer } from "./useMe";

/** Why nothing can be sent: `undefined` when the page may write to the session. */
export interface ReadOnly {
  kind: "viewer" | "recording" | "tap";
  /** One sentence for the "Read-only" marker. */
  reason: string;
}

export const VIEWER_REASON = "You opened a viewer link: you can watch this mcpscope live, but not send anything to its servers.";
export const RECORDING_REASON = "This session is a recording (from an earlier run or imported): browse its frames; nothing can be sent.";
export const TAP_REASON = "This session is tapped: a client talks to the server through mcpscope, which records what they say. Send from the client; here you watch, export, replay and compare.";

/**
 * Whether the page may write to a session (run tools, send, cancel, change settings…).
 * Viewers (role `viewer` from `GET /api/me`) can write nothing; a recorded session
 * (`recorded: true`) has no server to write to, and in a tapped one (`tap`) the client is
 * another program. Without a session id, only the role counts.
 */
export function useReadOnly(sessionId?: string): ReadOnly | undefined {
  const viewer = useIsViewer();
  const info = useSession(sessionId);
  const recorded = info?.recorded === true;
  const tapped = info?.tap !== undefined;
  if (viewer) return { kind: "viewer", reason: VIEWER_REASON };
  if (recorded) return { kind: "recording", reason: RECORDING_REASON };
  if (tapped) return { kind: "tap", reason: TAP_REASON };
  return undefined;
}
