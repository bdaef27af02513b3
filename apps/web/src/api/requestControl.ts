import type { CancelRequestBody, JsonRpcId, SessionSettings, SubscriptionFilter, SubscriptionState, UpdateSettingsBody } from "@mcpscope/protocol";
import { request, restClient } from "./restClient";

const enc = encodeURIComponent;

/** REST calls that steer requests in flight and the session's request settings. */
export const requestControl = {
  /** `POST /api/sessions/:id/cancel` (202): sends `notifications/cancelled`; 404 when not in flight. */
  cancel: (sessionId: string, requestId: JsonRpcId, reason = "Cancelled by the user in mcpscope") =>
    request<{ cancelled: JsonRpcId }>("POST", `/api/sessions/${enc(sessionId)}/cancel`, { requestId, reason } satisfies CancelRequestBody),
  /** `POST /api/sessions/:id/raw` (202): sends the text as one message, as is. */
  sendRaw: (sessionId: string, text: string) => request<{ seq?: number }>("POST", `/api/sessions/${enc(sessionId)}/raw`, { text }),
  /** `PATCH /api/sessions/:id/settings`: the settings after the change. */
  updateSettings: (sessionId: string, body: UpdateSettingsBody) =>
    request<SessionSettings>("PATCH", `/api/sessions/${enc(sessionId)}/settings`, body),
  /** `PUT /api/sessions/:id/subscription`: opens (or replaces) a 2026-07-28 session's `subscriptions/listen` stream. */
  listen: (sessionId: string, filter: SubscriptionFilter) => request<SubscriptionState>("PUT", `/api/sessions/${enc(sessionId)}/subscription`, { filter }),
  /** `DELETE /api/sessions/:id/subscription`: closes it. */
  stopListening: (sessionId: string) => request<void>("DELETE", `/api/sessions/${enc(sessionId)}/subscription`),
  /** `logging/setLevel` (MCP 2025-11-25 "Server Features → Logging"). */
  setLogLevel: (sessionId: string, level: string) => restClient.sendRequest(sessionId, { method: "logging/setLevel", params: { level } }),
};
