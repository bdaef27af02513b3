import { useQuery } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { oauthApi } from "./oauthApi";

/**
 * The Auth debugger's report of a session, fetched again whenever the session announces a
 * new step (`auth.steps` in its info over the WebSocket) or ends connecting.
 */
export function useAuthReport(session: SessionInfo) {
  return useQuery({
    queryKey: ["auth", session.id, session.auth?.steps ?? -1, session.status],
    queryFn: () => oauthApi.report(session.id),
    placeholderData: (previous) => previous,
  });
}

/** Whether a session can have OAuth (a remote one). */
export function isRemote(session: SessionInfo | undefined): boolean {
  return session !== undefined && session.transport !== "stdio";
}
