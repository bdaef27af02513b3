import type { CancelRequestBody, JsonRpcId, SessionSettings, UpdateSettingsBody } from "@mcpscope/protocol";
import { ApiRequestError } from "./apiRequestError";
import { restClient } from "./restClient";
import { reportUnauthorized } from "./unauthorized";

async function send<T>(method: string, path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiRequestError({
      statusCode: 0,
      code: "MCPSCOPE_NETWORK",
      error: "Network error",
      message: `Could not reach mcpscope (${err instanceof Error ? err.message : String(err)}).`,
      hint: "Is the mcpscope process still running?",
    });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) reportUnauthorized();
    const err = json as { message?: unknown; statusCode?: unknown; code?: unknown; error?: unknown; hint?: unknown } | undefined;
    throw new ApiRequestError({
      statusCode: response.status,
      code: typeof err?.code === "string" ? err.code : "MCPSCOPE_HTTP",
      error: typeof err?.error === "string" ? err.error : response.statusText,
      message: typeof err?.message === "string" ? err.message : text || `HTTP ${response.status}`,
      ...(typeof err?.hint === "string" ? { hint: err.hint } : {}),
    });
  }
  return json as T;
}

const enc = encodeURIComponent;

/** REST calls that steer requests in flight and the session's request settings. */
export const requestControl = {
  /** `POST /api/sessions/:id/cancel` (202): sends `notifications/cancelled`; 404 when not in flight. */
  cancel: (sessionId: string, requestId: JsonRpcId, reason = "Cancelled by the user in mcpscope") =>
    send<{ cancelled: JsonRpcId }>("POST", `/api/sessions/${enc(sessionId)}/cancel`, { requestId, reason } satisfies CancelRequestBody),
  /** `POST /api/sessions/:id/raw` (202): sends the text as one message, as is. */
  sendRaw: (sessionId: string, text: string) => send<{ seq?: number }>("POST", `/api/sessions/${enc(sessionId)}/raw`, { text }),
  /** `PATCH /api/sessions/:id/settings`: the settings after the change. */
  updateSettings: (sessionId: string, body: UpdateSettingsBody) =>
    send<SessionSettings>("PATCH", `/api/sessions/${enc(sessionId)}/settings`, body),
  /** `logging/setLevel` (MCP 2025-11-25 "Server Features → Logging"). */
  setLogLevel: (sessionId: string, level: string) => restClient.sendRequest(sessionId, { method: "logging/setLevel", params: { level } }),
};
