import type {
  CreateTapBody,
  Tap,
  AnswerBody,
  ApiError,
  InboxItem,
  Me,
  Presence,
  Root,
  ConfiguredServer,
  CreateSessionBody,
  FramesPage,
  SendRequestBody,
  SendRequestResult,
  SessionInfo,
} from "@mcpscope/protocol";
import { ApiRequestError } from "./apiRequestError";
import { reportUnauthorized } from "./unauthorized";

// A structural check rather than the zod schema: it keeps zod out of the browser bundle.
function isApiError(value: unknown): value is ApiError {
  const v = value as Partial<ApiError> | null;
  return typeof v === "object" && v !== null && typeof v.message === "string" && typeof v.statusCode === "number";
}

/**
 * One JSON call to the proxy's REST API. 204 answers `undefined`.
 * @throws ApiRequestError with the proxy's `{statusCode, code, message, hint}`, or a
 *   MCPSCOPE_NETWORK error when the proxy cannot be reached; a 401 also reports it.
 */
export async function request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
  let response: Response;
  try {
    // With a contentType, `body` is a string sent as is (e.g. a recording's JSON Lines).
    response = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": contentType ?? "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : contentType ? (body as string) : JSON.stringify(body),
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
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) reportUnauthorized();
    throw new ApiRequestError(
      isApiError(json)
        ? json
        : { statusCode: response.status, code: "MCPSCOPE_HTTP", error: response.statusText, message: text || `HTTP ${response.status}` },
    );
  }
  return json as T;
}

const enc = encodeURIComponent;

/** Typed client of the proxy's REST API (same origin, cookie auth). */
export const restClient = {
  /** `GET /api/sessions`. */
  listSessions: () => request<SessionInfo[]>("GET", "/api/sessions"),
  /** `GET /api/sessions/:id`. */
  getSession: (id: string) => request<SessionInfo>("GET", `/api/sessions/${enc(id)}`),
  /** `POST /api/sessions`: resolves once the server completed initialize. */
  createSession: (body: CreateSessionBody) => request<SessionInfo>("POST", "/api/sessions", body),
  /** `DELETE /api/sessions/:id`. */
  closeSession: (id: string) => request<void>("DELETE", `/api/sessions/${enc(id)}`),
  /** `GET /api/sessions/:id/frames`: frames with `seq > since`. */
  getFrames: (id: string, since = 0, limit = 10_000) =>
    request<FramesPage>("GET", `/api/sessions/${enc(id)}/frames?since=${since}&limit=${limit}`),
  /** `POST /api/sessions/:id/requests`: the server's result or its JSON-RPC error. */
  sendRequest: (id: string, body: SendRequestBody) =>
    request<SendRequestResult>("POST", `/api/sessions/${enc(id)}/requests`, body),
  /** `POST /api/sessions/:id/reconnect`: a new session with the same settings (stdio: a fresh process). */
  reconnectSession: (id: string) => request<SessionInfo>("POST", `/api/sessions/${enc(id)}/reconnect`),
  /** `DELETE /api/sessions/:id/recording`: closes a session if live, deletes it and its recording. */
  deleteSession: (id: string) => request<void>("DELETE", `/api/sessions/${enc(id)}/recording`),
  /** `POST /api/sessions/:id/requests` with `ping`: the round trip in milliseconds. */
  ping: async (id: string): Promise<{ durationMs?: number; error?: string }> => {
    const started = performance.now();
    const answer = await request<SendRequestResult>("POST", `/api/sessions/${enc(id)}/requests`, { method: "ping", timeoutMs: 30_000 });
    // The proxy's figure excludes the browser↔proxy hop; measure here only when it has none.
    const durationMs = answer.durationMs ?? performance.now() - started;
    return "error" in answer ? { durationMs, error: answer.error.message } : { durationMs };
  },
  /** `GET /api/servers`: the servers of `--config` (secret values redacted). */
  listServers: () => request<ConfiguredServer[]>("GET", "/api/servers"),
  /** `POST /api/servers/:name/sessions`: connects to a configured server by name. */
  connectServer: (name: string) => request<SessionInfo>("POST", `/api/servers/${enc(name)}/sessions`),
  /** `GET /api/sessions/:id/inbox`: server requests waiting for an answer. */
  getInbox: (id: string) => request<InboxItem[]>("GET", `/api/sessions/${enc(id)}/inbox`),
  /** `POST /api/sessions/:id/inbox/:itemId`: answers one server request (first answer wins; 409 after). */
  answerInbox: (id: string, itemId: string, body: AnswerBody) =>
    request<void>("POST", `/api/sessions/${enc(id)}/inbox/${enc(itemId)}`, body),
  /** `PUT /api/sessions/:id/roots`: replaces the client's roots and sends `notifications/roots/list_changed`. */
  setRoots: (id: string, roots: Root[]) => request<{ roots: Root[] }>("PUT", `/api/sessions/${enc(id)}/roots`, { roots }),
  /** `POST /api/recordings`: opens a recording's JSON Lines read-only; 422 (MCPSCOPE_INVALID_RECORDING, naming the first bad line) when it is not a valid recording. */
  importRecording: (jsonl: string) => request<SessionInfo>("POST", "/api/recordings", jsonl, "application/x-ndjson"),
  /** `GET /api/me`: this client's role (presenter or viewer) and whether mcpscope is exposed. */
  me: () => request<Me>("GET", "/api/me"),
  /** `POST /api/share`: a read-only viewer link for team demos. */
  share: () => request<{ viewerUrl: string }>("POST", "/api/share"),
  /** `GET /api/taps`: the taps (HTTP facades), each with the URL a client connects to. */
  listTaps: () => request<Tap[]>("GET", "/api/taps"),
  /** `POST /api/taps`: a facade in front of a configured server or a URL. */
  createTap: (body: CreateTapBody) => request<Tap>("POST", "/api/taps", body),
  /** `DELETE /api/taps/:name`: removes a facade (its sessions end). */
  deleteTap: (name: string) => request<void>("DELETE", `/api/taps/${enc(name)}`),
  /** `POST /api/presence`: publishes what the presenter looks at. */
  setPresence: (presence: Presence) => request<void>("POST", "/api/presence", presence),
};
