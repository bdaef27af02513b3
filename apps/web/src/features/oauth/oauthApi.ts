import type { AuthExchange, AuthReport, AuthRunBody, SessionInfo } from "@mcpscope/protocol";
import { request } from "../../api/restClient";

const enc = encodeURIComponent;

/** REST calls of the Auth tab (`routes/oauth.ts` in the proxy). */
export const oauthApi = {
  /** `GET /api/sessions/:id/auth`: the session's authorization state and every step. */
  report: (id: string) => request<AuthReport>("GET", `/api/sessions/${enc(id)}/auth`),
  /** `GET /api/sessions/:id/auth/exchanges/:seq?reveal=true`: one exchange with its secrets (the presenter of a live session). */
  reveal: (id: string, seq: number) => request<AuthExchange>("GET", `/api/sessions/${enc(id)}/auth/exchanges/${seq}?reveal=true`),
  /** `POST /api/sessions/:id/auth/runs`: authorize again from a step; a failed session answers with its successor. */
  rerun: (id: string, body: Partial<AuthRunBody>) => request<SessionInfo>("POST", `/api/sessions/${enc(id)}/auth/runs`, body),
};
