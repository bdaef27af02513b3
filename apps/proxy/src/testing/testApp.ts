import type { FastifyInstance } from "fastify";
import type { Frame, FramesPage, SendRequestResult, SessionInfo, StdioTarget } from "@mcpscope/protocol";
import { buildApp, type AppOptions } from "../app.js";

export interface TestApp {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  base: string;
  token: string;
  /** JSON request with the bearer token; returns status and parsed body. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  openSession(target: StdioTarget): Promise<SessionInfo>;
  /** Every frame of a session so far. */
  frames(sessionId: string): Promise<Frame[]>;
  /** `POST /api/sessions/:id/requests` with `{method, params}`; the answer's body. */
  request(sessionId: string, method: string, params?: Record<string, unknown>): Promise<SendRequestResult>;
  close(): Promise<void>;
}

/** Builds the real app and listens on a free loopback port (real sockets, no mocks). */
export async function startTestApp(opts: Partial<AppOptions> = {}): Promise<TestApp> {
  const token = opts.token ?? "test-token-123";
  const app = await buildApp({ token, port: 0, ...opts });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  const api = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    app,
    base,
    token,
    api,
    async openSession(target) {
      const res = await api<SessionInfo>("POST", "/api/sessions", target);
      if (res.status !== 201) throw new Error(`open failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    frames: async (sessionId) => (await api<FramesPage>("GET", `/api/sessions/${sessionId}/frames?limit=100000`)).body.frames,
    request: async (sessionId, method, params) => (await api<SendRequestResult>("POST", `/api/sessions/${sessionId}/requests`, { method, params })).body,
    close: () => app.close(),
  };
}
