import type { APIRequestContext, Locator, Page, PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs, PlaywrightWorkerOptions, TestType } from "@playwright/test";

export { expect } from "@playwright/test";

/**
 * The server mcpscope connects to when a worker starts it (`test.use({ mcpscopeServer })`):
 * one of `command` (a stdio server: program and arguments, run without a shell), `url` (a
 * remote server), or `config` with `server` (an `mcpServers` file's entry). None: mcpscope's
 * default server, `@modelcontextprotocol/server-everything`.
 */
export interface McpscopeServerOptions {
  /** A stdio server: `["node", "build/server.js"]`. */
  command?: string[];
  /** Environment variables for a stdio server (`-e KEY=VALUE`). */
  env?: Record<string, string>;
  /** Working directory of a stdio server. */
  cwd?: string;
  /** A remote server: Streamable HTTP, falling back to HTTP+SSE. */
  url?: string;
  /** HTTP headers for `url`. */
  headers?: Record<string, string>;
  /** An `mcpServers` config file; its entry's `mcpscope` settings (protocol, capabilities, autoAnswer) apply. */
  config?: string;
  /** With `config`: the server's name. */
  server?: string;
  /** The MCP revision: `auto` (default), `2026-07-28`, `2025-11-25` … */
  protocol?: string;
  /** The collections directory (`--collections`). */
  collections?: string;
  /** More mcpscope options, before the server. */
  args?: string[];
  /** Longest wait for mcpscope's ready object, in milliseconds (default 60,000). */
  startTimeoutMs?: number;
}

/** The mcpscope process a worker started: its `--json` ready object, and how to stop it. */
export interface RunningMcpscope {
  /** The URL that logs a browser in (`?token=…`). */
  url: string;
  /** `http://127.0.0.1:<port>`: the base of the REST API. */
  origin: string;
  port: number;
  /** The API token (`Authorization: Bearer <token>`). */
  token: string;
  /** mcpscope's version. */
  version: string;
  /** The session opened at start (absent with `config` and no `server`). */
  sessionId?: string;
  /** Its temporary data directory (recordings, collections). */
  dataDir: string;
  pid: number;
  /** Everything mcpscope wrote to stdout and stderr so far. */
  output(): string;
  /** Stops mcpscope (SIGTERM; it ends the servers it started) and deletes the data directory. */
  stop(): Promise<void>;
}

/** One frame of a session's timeline, as `GET /api/sessions/:id/frames` answers (mcpscope's docs/ARCHITECTURE.md "Data model"). */
export interface McpscopeFrame {
  sessionId: string;
  /** 1, 2, 3 … in wire order. */
  seq: number;
  /** Epoch milliseconds. */
  ts: number;
  /** `out` client→server, `in` server→client, `meta` about the connection. */
  dir: "out" | "in" | "meta";
  kind: "request" | "response" | "error" | "notification" | "invalid" | "stderr" | "lifecycle" | "http";
  /** The exact text on the wire. */
  raw: string;
  bytes: number;
  /** The parsed JSON-RPC message (absent for `invalid` frames). */
  msg?: { jsonrpc?: string; id?: string | number | null; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { code: number; message: string; data?: unknown } };
  /** Why an `invalid` frame is not JSON-RPC. */
  reason?: string;
  meta?: Record<string, unknown>;
}

/** What `callTool` returns once the page shows the result. */
export interface ToolCall {
  /** The first `tools/call` request frame (a 2026-07-28 call may take several legs). */
  request: McpscopeFrame;
  /** The frame that answered it. */
  answer: McpscopeFrame;
  /** The `CallToolResult`, when the server answered one. */
  result?: { content?: Array<Record<string, unknown>>; structuredContent?: unknown; isError?: boolean; [key: string]: unknown };
  /** The JSON-RPC error, when the server answered one. */
  error?: { code: number; message: string; data?: unknown };
  /** Region "Result" of the page. */
  region: Locator;
}

export interface ExpectFrameOptions {
  /** Milliseconds to wait (default 15,000). */
  timeout?: number;
  /** Look only at frames after this seq. */
  since?: number;
  /** Said in the error when no frame matched. */
  message?: string;
}

/** A reply to a sampling request: the text, and optionally model and role; or `reject: true`. */
export interface SamplingAnswer {
  text?: string;
  model?: string;
  role?: "assistant" | "user";
  reject?: boolean;
}

/** The `mcpscope` fixture: the page's controls by role and accessible name, and the REST API. */
export declare class McpscopeHelper {
  constructor(page: Page, server: RunningMcpscope, api: APIRequestContext);
  readonly page: Page;
  readonly server: RunningMcpscope;
  /** The REST API with the token (baseURL: the origin): `await mcpscope.api.get("/api/sessions")`. */
  readonly api: APIRequestContext;
  /** The session the helper works on: the one opened at start, or the last `openSession`'s. */
  sessionId: string | undefined;
  /** `page.getByRole("region", { name, exact: true })`: a pane by its accessible name ("Tools", "Result", "Timeline", "Frame detail", …). */
  region(name: string): Locator;
  /**
   * Shows a session in the page and waits until the header says `ready`: with a target (the
   * body of `POST /api/sessions`, e.g. `{ transport: "stdio", command, args }`), a new
   * session; without, the session opened at start. Returns its id.
   */
  openSession(target?: Record<string, unknown>): Promise<string>;
  /**
   * Calls a tool through the page as a person would (Tools tab, the tool, "JSON", the
   * arguments, "Run tool") and waits for its answer on the wire and in region "Result".
   * While a call waits on a sampling or elicitation request, answer it from another promise:
   * `const call = mcpscope.callTool(…); await mcpscope.answerSampling("…"); await call;`.
   */
  callTool(name: string, args?: Record<string, unknown>): Promise<ToolCall>;
  /** Any request on the session over REST (not the page): `{ result, durationMs }` or `{ error, durationMs }`. */
  request(method: string, params?: Record<string, unknown>): Promise<{ result?: Record<string, unknown>; error?: { code: number; message: string; data?: unknown }; durationMs?: number }>;
  /** Every frame of the session after `since`. */
  frames(since?: number): Promise<McpscopeFrame[]>;
  /** Waits for a frame of the session that `predicate` accepts and returns it; fails naming the last frames seen. */
  expectFrame(predicate: (frame: McpscopeFrame) => boolean, options?: ExpectFrameOptions): Promise<McpscopeFrame>;
  /** Answers the oldest sampling request in the page's Inbox (opening it if needed). */
  answerSampling(answer: SamplingAnswer | string): Promise<void>;
  /** Answers the oldest elicitation request: `accept` with its fields filled by label, `decline` or `cancel`. */
  answerElicitation(action: "accept" | "decline" | "cancel", fields?: Record<string, string | number | boolean>): Promise<void>;
  /** Opens the inbox item of this accessible name ("Sampling request", "Elicitation request"). */
  openInboxItem(name: string): Promise<Locator>;
  /** Opens a frame's deep link (`/sessions/<id>/frames/<seq>`) and returns region "Frame detail". */
  gotoFrame(seq: number): Promise<Locator>;
}

export interface McpscopeWorkerFixtures {
  /** The server to inspect (an option: `test.use({ mcpscopeServer: { command: [...] } })`). */
  mcpscopeServer: McpscopeServerOptions;
  /** mcpscope, started once per worker. */
  mcpscopeProcess: RunningMcpscope;
}

export interface McpscopeTestFixtures {
  /** The REST API with the token. */
  api: APIRequestContext;
  /** The helper; on a failed test the session's recording is attached to the report. */
  mcpscope: McpscopeHelper;
}

/** Playwright's `test` with mcpscope's fixtures; `page` is logged in to mcpscope. */
export type McpscopeTest = TestType<PlaywrightTestArgs & PlaywrightTestOptions & McpscopeTestFixtures, PlaywrightWorkerArgs & PlaywrightWorkerOptions & McpscopeWorkerFixtures>;
export declare const test: McpscopeTest;

/** Starts mcpscope (the installed package's bin) on a free port with its own data directory; see `McpscopeServerOptions`. */
export declare function startMcpscope(server?: McpscopeServerOptions): Promise<RunningMcpscope>;
/** The installed `mcpscope` package's command (or `MCPSCOPE_BIN`). */
export declare function mcpscopeBin(from?: string): string;
/** mcpscope's command-line arguments for a server. */
export declare function serverArgs(server: McpscopeServerOptions): string[];
