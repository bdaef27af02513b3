import type { ApiError } from "@mcpscope/protocol";

/**
 * mcpscope's coded error catalog: every REST error comes from here, with a message that
 * says what went wrong and a hint that says what to try.
 */
export const ERRORS = {
  UNAUTHORIZED: {
    statusCode: 401,
    message: "Missing or invalid mcpscope token.",
    hint: "Open the URL mcpscope printed at start (it carries ?token=…), or send 'Authorization: Bearer <token>'.",
  },
  READ_ONLY: {
    statusCode: 403,
    message: "Viewers cannot change anything.",
    hint: "This is a read-only viewer link; ask the presenter to run it.",
  },
  FORBIDDEN_HOST: {
    statusCode: 403,
    message: "Host header not allowed.",
    hint: "mcpscope only answers requests addressed to its loopback name and port (DNS-rebinding protection). Use http://127.0.0.1:<port>/.",
  },
  FORBIDDEN_ORIGIN: {
    statusCode: 403,
    message: "Cross-origin request refused.",
    hint: "Only pages served by mcpscope itself may call its API.",
  },
  BAD_REQUEST: {
    statusCode: 400,
    message: "Invalid request body.",
    hint: "See the API section of the README for the expected shape.",
  },
  SESSION_NOT_FOUND: {
    statusCode: 404,
    message: "No session with this id.",
    hint: "List sessions with GET /api/sessions.",
  },
  SESSION_NOT_READY: {
    statusCode: 409,
    message: "The session is not connected.",
    hint: "Wait for it to be ready, or open a new session.",
  },
  RECORDING_NOT_STARTABLE: {
    statusCode: 403,
    message: "This session is a recording: mcpscope never starts the command or opens the URL a recording names.",
    hint: "A recording is data: its target may have been edited by anyone who had the file. To run that server, start a new session with its target given explicitly: in the page, \"Start a new session from this target…\" shows the exact command or URL first; over the API, POST the target to /api/sessions.",
  },
  INVALID_RECORDING: {
    statusCode: 422,
    message: "Not an mcpscope recording.",
    hint: "Open or import a .jsonl file exported by mcpscope: its first line is a recording header, and each further line one frame, numbered 1, 2, 3… in line order.",
  },
  COMMAND_NOT_FOUND: {
    statusCode: 422,
    message: "Command not found.",
    hint: "Check the spelling, install the program, or give an absolute path. The command runs without a shell, so PATH is the safe default PATH.",
  },
  SPAWN_FAILED: {
    statusCode: 422,
    message: "Could not start the server process.",
    hint: "Check that the command is executable and the working directory exists.",
  },
  CONNECT_FAILED: {
    statusCode: 502,
    message: "The server did not complete the MCP initialize handshake (or server/discover, for 2026-07-28).",
    hint: "Check the server's stderr lines in the timeline.",
  },
  INITIALIZE_TIMEOUT: {
    statusCode: 504,
    message: "The server did not answer initialize in time.",
    hint: "Is this an MCP server speaking stdio? Some servers need a subcommand or flag to use stdio.",
  },
  NON_PROTOCOL_OUTPUT: {
    statusCode: 502,
    message: "The server wrote text that is not JSON-RPC to stdout.",
    hint: "MCP servers on stdio must write only JSON-RPC messages to stdout; logs belong on stderr.",
  },
  CONNECTION_REFUSED: {
    statusCode: 502,
    message: "Connection refused.",
    hint: "Nothing is listening at that address: is the server running, and on this port?",
  },
  HOST_NOT_FOUND: {
    statusCode: 502,
    message: "Host not found.",
    hint: "Check the host name in the URL.",
  },
  TLS_ERROR: {
    statusCode: 502,
    message: "TLS error.",
    hint: "The server's certificate was not accepted. For a self-signed development certificate, start mcpscope with NODE_EXTRA_CA_CERTS=<ca.pem>, or use http:// on localhost.",
  },
  SERVER_UNAUTHORIZED: {
    statusCode: 502,
    message: "The server answered 401 Unauthorized.",
    hint: "Add the credentials it asks for as a request header, e.g. Authorization: Bearer <token>.",
  },
  WRONG_ENDPOINT: {
    statusCode: 502,
    message: "The server has no MCP endpoint at this URL.",
    hint: "Check the path: Streamable HTTP servers usually serve /mcp, legacy HTTP+SSE servers /sse.",
  },
  HTTP_ERROR: {
    statusCode: 502,
    message: "The server answered with an HTTP error.",
    hint: "See the HTTP frames in the timeline for the full exchange.",
  },
  PROTOCOL_VERSION_MISMATCH: {
    statusCode: 502,
    message: "The server speaks a protocol version mcpscope does not support.",
    hint: "mcpscope speaks MCP 2026-07-28, 2025-11-25, 2025-06-18, 2025-03-26 and 2024-11-05.",
  },
  PROTOCOL_ERA_MISMATCH: {
    statusCode: 502,
    message: "The server does not speak the protocol revision this session asked for.",
    hint: "Connect with --protocol auto (the Connect form's Protocol: auto) to speak whatever the server speaks.",
  },
  PROTOCOL_TRANSPORT_MISMATCH: {
    statusCode: 400,
    message: "MCP 2026-07-28 is not spoken over the HTTP+SSE transport.",
    hint: "HTTP+SSE predates 2026-07-28: use Streamable HTTP or stdio for it, or pick a handshake-era revision (2025-11-25 or older).",
  },
  SERVER_NOT_CONFIGURED: {
    statusCode: 404,
    message: "No such configured server.",
    hint: "List configured servers with GET /api/servers.",
  },
  REQUEST_NOT_IN_FLIGHT: {
    statusCode: 404,
    message: "No such request in flight.",
    hint: "It may have been answered already; the timeline shows its response.",
  },
  RAW_NOT_SUPPORTED: {
    statusCode: 501,
    message: "Raw frames are not supported on this transport.",
    hint: "Use a stdio or Streamable HTTP session to send raw frames.",
  },
  RAW_MULTILINE: {
    statusCode: 400,
    message: "A stdio message cannot contain a line break: stdio frames are one message per line.",
    hint: "Remove the line breaks (MCP 2025-11-25 Transports → stdio: messages are newline-delimited and must not contain embedded newlines). Valid JSON is sent compacted automatically.",
  },
  TOO_MANY_SESSIONS: {
    statusCode: 429,
    message: "Too many live sessions.",
    hint: "Close sessions you no longer need (DELETE /api/sessions/:id).",
  },
  INBOX_ITEM_GONE: {
    statusCode: 404,
    message: "That server request is no longer waiting: it was answered or cancelled.",
    hint: "Someone else may have answered it; GET /api/sessions/:id/inbox lists what is still waiting.",
  },
  ROOTS_DISABLED: {
    statusCode: 409,
    message: "This session does not declare the roots capability.",
    hint: "Open a session with client.capabilities.roots true to expose roots.",
  },
  APP_SANDBOX_UNAVAILABLE: {
    statusCode: 503,
    message: "The MCP Apps sandbox is not listening.",
    hint: "App documents are served on a second loopback port that opens when mcpscope listens; restart mcpscope if this persists.",
  },
  APP_DOCUMENT_GONE: {
    statusCode: 404,
    message: "No such app document: it was released already.",
    hint: "Open the app again to get a new document.",
  },
  NOT_FOUND: {
    statusCode: 404,
    message: "Not found.",
    hint: "See the API section of the README for the routes.",
  },
  INTERNAL: {
    statusCode: 500,
    message: "Internal error in mcpscope.",
    hint: "This is a bug: please report it with the proxy's log.",
  },
} as const satisfies Record<string, { statusCode: number; message: string; hint: string }>;

export type ErrorCode = keyof typeof ERRORS;

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** An error from the catalog, optionally with a more specific message or hint. */
export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly hint: string;

  constructor(code: ErrorCode, message?: string, hint?: string) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.statusCode = ERRORS[code].statusCode;
    this.hint = hint ?? ERRORS[code].hint;
  }

  /** The JSON body sent to the client. */
  toBody(): ApiError {
    return {
      statusCode: this.statusCode,
      code: `MCPSCOPE_${this.code}`,
      error: STATUS_TEXT[this.statusCode] ?? "Error",
      message: this.message,
      hint: this.hint,
    };
  }
}
