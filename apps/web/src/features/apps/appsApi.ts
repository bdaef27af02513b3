import type { AppDocument, AppDocumentBody, AppFrameInput, AppFramesResult, AppOrigin, AppRequestBody, JsonRpcError } from "@mcpscope/protocol/types";
import { ApiRequestError } from "../../api/apiRequestError";
import { request } from "../../api/restClient";

const enc = encodeURIComponent;

/** What a person answered an app request in the inbox: approved (`result`) or denied (`error`). */
export type AppRequestAnswer = { result: Record<string, unknown> } | { error: JsonRpcError };

/** REST calls of the MCP Apps host (see the README's API table). */
export const appsApi = {
  /** `POST /api/apps/documents`: the sandbox URL, CSP and iframe attributes of an app's HTML. */
  registerDocument: (body: AppDocumentBody) => request<AppDocument>("POST", "/api/apps/documents", body),
  /** `DELETE /api/apps/documents/:id`: the sandbox stops serving it. */
  releaseDocument: (id: string) => request<void>("DELETE", `/api/apps/documents/${enc(id)}`),
  /** `POST /api/sessions/:id/app-frames`: records app↔host messages in the session's timeline. */
  recordFrames: (sessionId: string, app: AppOrigin, frames: AppFrameInput[]) =>
    request<AppFramesResult>("POST", `/api/sessions/${enc(sessionId)}/app-frames`, { app, frames }),
  /**
   * `POST /api/sessions/:id/app-requests`: waits in the inbox until someone approves or
   * denies it; aborting `signal` takes it out of the inbox.
   * @throws ApiRequestError when the proxy refuses it (e.g. the session closed).
   */
  askApproval: async (sessionId: string, body: AppRequestBody, signal: AbortSignal): Promise<AppRequestAnswer> => {
    const response = await fetch(`/api/sessions/${enc(sessionId)}/app-requests`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      signal,
    });
    const json = (await response.json().catch(() => undefined)) as unknown;
    if (!response.ok) {
      const e = json as { statusCode?: number; code?: string; error?: string; message?: string; hint?: string } | undefined;
      throw new ApiRequestError({ statusCode: response.status, code: e?.code ?? "MCPSCOPE_HTTP", error: e?.error ?? response.statusText, message: e?.message ?? `HTTP ${response.status}`, hint: e?.hint });
    }
    return json as AppRequestAnswer;
  },
};
