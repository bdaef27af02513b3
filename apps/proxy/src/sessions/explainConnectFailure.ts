import { SdkError, SdkErrorCode, SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/client";
import type { Frame, SessionTarget } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { explainEraFailure } from "./explainEraFailure.js";
import type { ExitInfo } from "./transports/tappedTransport.js";

/** The revision an `initialize` answer named, for a session that failed after it. */
export function answeredVersion(frames: readonly Frame[]): string | undefined {
  for (const f of frames) {
    const version = (f.msg?.result as { protocolVersion?: unknown } | undefined)?.protocolVersion;
    if (f.dir === "in" && typeof version === "string") return version;
  }
  return undefined;
}

/** Words to add to an error when the server process ended (how, and its last stderr lines); "" while it runs. */
export function exitDetail(exit: ExitInfo | undefined): string {
  return exit ? `: the server process ${describeExit(exit)}.${stderrSuffix(exit.stderrTail)}` : "";
}

/** What the connection doctor looks at. */
export interface FailureContext {
  target: SessionTarget;
  frames: readonly Frame[];
  exit?: ExitInfo;
  initializeTimeoutMs: number;
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|ERR_TLS_|ERR_SSL_|EPROTO)/;

function quote(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** The last stderr lines as a suffix for a message, or "". */
export function stderrSuffix(lines: readonly string[]): string {
  const tail = lines.slice(-5).filter((l) => l.trim() !== "");
  return tail.length ? ` Last stderr lines:\n${tail.join("\n")}` : "";
}

/** "exited with code 2" / "was killed by SIGKILL" */
export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/**
 * The connection doctor: turns a failed connect into an error a person can act on, from
 * the error and the frames recorded so far (MCP 2025-11-25 "Lifecycle → Initialization";
 * "Transports"). Covers: command not found or not executable, exit before initialize,
 * non-protocol stdout, connection refused, unknown host, TLS errors, HTTP 401 (with the
 * `WWW-Authenticate` challenge, RFC 9110 §11.6.1), 404/405 (wrong endpoint), other HTTP
 * errors, a protocol revision or era the server does not speak (`explainEraFailure`),
 * protocol version mismatch, and initialize (or `server/discover`) timeout.
 */
export function explainConnectFailure(err: unknown, ctx: FailureContext): ApiFailure {
  const e = err as NodeJS.ErrnoException | undefined;
  const { target, frames, exit } = ctx;

  if (target.transport === "stdio") {
    if (e?.code === "ENOENT" && e.syscall?.startsWith("spawn")) {
      return new ApiFailure("COMMAND_NOT_FOUND", `Command not found: ${target.command}`);
    }
    if (e?.code === "EACCES") {
      return new ApiFailure("SPAWN_FAILED", `Permission denied running ${target.command}`, "Make the file executable (chmod +x) or run it through its interpreter, e.g. node server.js.");
    }
    if (e?.code && e.syscall?.startsWith("spawn")) {
      return new ApiFailure("SPAWN_FAILED", `Could not start ${target.command}: ${e.message}`);
    }
  }

  const eraProblem = explainEraFailure(err, target, frames);
  if (eraProblem) return eraProblem;
  const versionProblem = unsupportedVersion(frames);
  if (versionProblem) return versionProblem;

  const invalid = frames.find((f) => f.kind === "invalid" && f.dir === "in");
  if (exit) {
    return new ApiFailure(
      "CONNECT_FAILED",
      `The server process ${describeExit(exit)} before completing initialize.${stderrSuffix(exit.stderrTail)}`,
      invalid
        ? `It also wrote non-protocol text to stdout (${quote(invalid.raw)}): MCP servers on stdio must write only JSON-RPC messages to stdout and log to stderr.`
        : "Check the command and arguments; the stderr lines say why it stopped.",
    );
  }

  if (target.transport !== "stdio") {
    const http = [...frames].reverse().find((f) => f.kind === "http" && f.meta && f.meta.oauth === undefined && (f.meta.error || typeof f.meta.status === "number"));
    const failure = http && explainHttp(http, target.url, target.oauth?.mode === "off");
    if (failure) return failure;
  }

  const timedOut = err instanceof SdkError && err.code === SdkErrorCode.RequestTimeout;
  const probing = lastRequest(frames)?.msg?.method === "server/discover";
  if (invalid && target.transport === "stdio") {
    return new ApiFailure(
      "NON_PROTOCOL_OUTPUT",
      `The server wrote non-protocol text to stdout (${quote(invalid.raw)})${timedOut ? " and never answered initialize" : ""}.`,
      "Is this an MCP server speaking stdio? Some servers need a subcommand or flag (e.g. `stdio`) to use stdio; MCP servers must log to stderr, never stdout.",
    );
  }
  if (timedOut) {
    const ignoredProbe = frames.some((f) => f.meta?.event === "probe") && !probing ? " It did not answer the server/discover probe before it either." : "";
    return new ApiFailure(
      "INITIALIZE_TIMEOUT",
      `The server did not answer ${probing ? "server/discover" : "initialize"} within ${ctx.initializeTimeoutMs / 1000} s.`,
      (target.transport === "stdio"
        ? "Is this an MCP server speaking stdio? Some servers need a subcommand or flag to use stdio, or wait for input on a terminal."
        : "The server accepted the connection but sent no answer: check its logs.") + ignoredProbe,
    );
  }
  return new ApiFailure("CONNECT_FAILED", `Initialize failed: ${(err as Error)?.message ?? String(err)}`);
}

function lastRequest(frames: readonly Frame[]): Frame | undefined {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.dir === "out" && frames[i]!.kind === "request") return frames[i];
  return undefined;
}

function unsupportedVersion(frames: readonly Frame[]): ApiFailure | undefined {
  const answer = frames.find((f) => f.dir === "in" && f.kind === "response" && typeof (f.msg?.result as { protocolVersion?: unknown })?.protocolVersion === "string");
  const version = (answer?.msg?.result as { protocolVersion?: string } | undefined)?.protocolVersion;
  if (version === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return undefined;
  return new ApiFailure(
    "PROTOCOL_VERSION_MISMATCH",
    `The server answered initialize with protocol version ${version}, which mcpscope does not support.`,
    `mcpscope speaks 2026-07-28, ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")}. Upgrade the server or its SDK.`,
  );
}

function explainHttp(frame: Frame, url: string, oauthOff: boolean): ApiFailure | undefined {
  const meta = frame.meta!;
  const error = meta.error as { code?: string; message: string } | undefined;
  const where = (meta.url as string | undefined) ?? url;
  if (error) {
    const code = error.code ?? "";
    if (code === "ECONNREFUSED") return new ApiFailure("CONNECTION_REFUSED", `Connection refused: nothing is listening at ${new URL(where).host}.`);
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new ApiFailure("HOST_NOT_FOUND", `Host not found: ${new URL(where).hostname}.`);
    if (TLS_CODES.test(code)) return new ApiFailure("TLS_ERROR", `TLS error talking to ${new URL(where).host}: ${error.message} (${code}).`);
    if (/bad port/i.test(error.message)) {
      return new ApiFailure("CONNECT_FAILED", `Could not reach ${where}: port ${new URL(where).port} is on the fetch standard's list of blocked ports.`, "Run the server on another port (e.g. 3001); fetch, like browsers, refuses ports such as 1, 9, 22, 25 and 6000.");
    }
    return new ApiFailure("CONNECT_FAILED", `Could not reach ${where}: ${error.message}${code ? ` (${code})` : ""}.`, "Check the URL (scheme, host, port and path) and that the server is running.");
  }
  const status = meta.status as number;
  const headers = (meta.responseHeaders ?? {}) as Record<string, string>;
  const preview = typeof meta.bodyPreview === "string" && meta.bodyPreview.trim() ? ` The body said: ${quote(meta.bodyPreview, 200)}` : "";
  if (status === 401) {
    const challenge = headers["www-authenticate"];
    return new ApiFailure(
      "SERVER_UNAUTHORIZED",
      `The server answered 401 Unauthorized${challenge ? `; its challenge: WWW-Authenticate: ${challenge}` : " (no WWW-Authenticate challenge)"}.`,
      oauthOff
        ? "OAuth is off for this session: connect with oauth mode interactive (the default) or headless to let mcpscope authorize, or add the credentials it asks for as a header (Authorization: Bearer <token>)."
        : undefined,
    );
  }
  if (status === 404 || status === 405) {
    return new ApiFailure("WRONG_ENDPOINT", `${meta.method as string} ${where} answered ${status} ${(meta.statusText as string | undefined) ?? ""}: probably the wrong endpoint.${preview}`);
  }
  if (status >= 400) return new ApiFailure("HTTP_ERROR", `${meta.method as string} ${where} answered ${status} ${(meta.statusText as string | undefined) ?? ""}.${preview}`);
  return undefined;
}
