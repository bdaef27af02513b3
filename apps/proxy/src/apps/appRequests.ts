import type { AppRequestBody, JsonRpcError } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { ReadOnlySession } from "../sessions/readOnlySession.js";
import type { AnySession } from "../sessions/sessionManager.js";

/** What a person answered an app request: approved (`result`) or denied (`error`). */
export type AppRequestAnswer = { result: Record<string, unknown> } | { error: JsonRpcError };

/**
 * Puts an MCP App's request that needs a person (`ui/open-link`, `ui/message`,
 * `ui/download-file`; SEP-1865 "Requests (View → Host)") in the session's inbox, where every
 * watching browser sees it, and resolves with the first answer. When `signal` aborts (the
 * page hosting the app stopped waiting), the item leaves the inbox.
 * @throws ApiFailure SESSION_NOT_READY for a recording or a session that is not connected.
 */
export async function waitForApproval(session: AnySession, body: AppRequestBody, signal: AbortSignal): Promise<AppRequestAnswer> {
  if (session instanceof ReadOnlySession) throw new ApiFailure("SESSION_NOT_READY", "This session is a recording: its apps cannot ask for anything.");
  const status = session.info().status;
  if (status !== "ready") throw new ApiFailure("SESSION_NOT_READY", `The session is ${status}.`);
  try {
    return { result: await session.inbox.wait(body.method, body.requestId, body.params, signal, undefined, body.app) };
  } catch (err) {
    const e = err as { code?: unknown; message?: string; data?: unknown };
    return { error: { code: typeof e.code === "number" ? e.code : -32000, message: e.message ?? String(err), ...(e.data === undefined ? {} : { data: e.data }) } };
  }
}
