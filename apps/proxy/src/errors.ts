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
  OAUTH_FAILED: {
    statusCode: 502,
    message: "Authorizing with the server's authorization server failed.",
    hint: "Open the session's Auth tab: every step of the flow is there with what the specification requires and what to fix.",
  },
  OAUTH_INTERACTION_REQUIRED: {
    statusCode: 502,
    message: "The authorization server wants a person to sign in, and this session authorizes headlessly.",
    hint: "Open the authorization URL in a browser (start mcpscope without --no-open / --oauth headless), or give a token (MCPSCOPE_OAUTH_ACCESS_TOKEN) or client credentials (--client-id, --client-secret, --grant client_credentials).",
  },
  OAUTH_TIMEOUT: {
    statusCode: 504,
    message: "Nobody completed the authorization in time.",
    hint: "Reconnect and sign in within 10 minutes; the Auth tab shows the authorization URL.",
  },
  OAUTH_STATE_INVALID: {
    statusCode: 400,
    message: "Unknown, used or expired authorization response.",
    hint: "Start the sign-in again from mcpscope: each authorization response is accepted once, for 10 minutes, by the session that asked for it.",
  },
  OAUTH_NOT_AVAILABLE: {
    statusCode: 409,
    message: "This session has no OAuth authorization.",
    hint: "OAuth applies to remote (Streamable HTTP or SSE) sessions whose oauth mode is not off.",
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
  LISTEN_NOT_IN_REVISION: {
    statusCode: 409,
    message: "subscriptions/listen is a 2026-07-28 method, and this session speaks a handshake-era revision.",
    hint: "On a handshake-era session the server sends list changes unsolicited, and resources/subscribe asks for a resource's updates.",
  },
  ROOTS_DISABLED: {
    statusCode: 409,
    message: "This session does not declare the roots capability.",
    hint: "Open a session with client.capabilities.roots true to expose roots.",
  },
  COLLECTION_NOT_FOUND: {
    statusCode: 404,
    message: "No such collection.",
    hint: "GET /api/collections lists the collections of the collections directory (--collections <dir>).",
  },
  COLLECTION_ITEM_NOT_FOUND: {
    statusCode: 404,
    message: "No such item in the collection.",
    hint: "GET /api/collections/:id shows the collection's items and their names.",
  },
  COLLECTION_ITEM_EXISTS: {
    statusCode: 409,
    message: "The collection already has an item of this name.",
    hint: "Pick another name, or send replace: true to replace that item.",
  },
  INVALID_COLLECTION: {
    statusCode: 422,
    message: "Not an mcpscope collection.",
    hint: "A collection is a JSON file { \"format\": \"mcpscope-collection\", \"version\": 1, \"name\", \"items\": [...] } (docs/collections.md). Fix the file named, or save a new item to start a new collection.",
  },
  TAP_READ_ONLY: {
    statusCode: 409,
    message: "This session is tapped: a real client talks to the server, and mcpscope only watches.",
    hint: "Send requests from the client itself, or open a session of your own on the same server (the Connect form, or POST /api/sessions).",
  },
  TAP_NOT_FOUND: {
    statusCode: 404,
    message: "No such tap.",
    hint: "List taps with GET /api/taps; create one with POST /api/taps or start mcpscope with --config <file> --tap <server>.",
  },
  TAP_EXISTS: {
    statusCode: 409,
    message: "A tap with this name exists already.",
    hint: "Pick another name, or delete the tap first (DELETE /api/taps/:name).",
  },
  TAP_SESSION_ENDED: {
    statusCode: 409,
    message: "This tapped session is no longer recorded by mcpscope.",
    hint: "It ended, or someone closed it in mcpscope; the shim records what follows in a local recording in the data directory.",
  },
  TAP_FRAME_INVALID: {
    statusCode: 400,
    message: "An upload of mcpscope tap does not fit the session.",
    hint: "`mcpscope tap` uploads chunks numbered 1, 2, 3 … without gaps (TapChunk in packages/protocol/src/tap.ts); what they hold becomes frames that must match FrameSchema.",
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
