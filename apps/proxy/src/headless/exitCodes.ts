/**
 * Exit codes of the headless commands (`tools`, `resources`, `prompts`, `ping`, `run`,
 * `check`), documented in docs/cli.md "Exit codes". When several apply, the first in this
 * order wins: USAGE, CONNECT, UNANSWERED, RPC_ERROR, TOOL_ERROR, FAILED.
 */
export const EXIT = {
  /** Done: the answer was a result (`run`: every assertion passed; `check`: no difference). */
  OK: 0,
  /** `run`: an assertion failed; `check`: the new answers differ from the recording. */
  FAILED: 1,
  /** A usage error: an unknown option, bad JSON in --args, a file that is not a collection or recording. */
  USAGE: 2,
  /** The connection failed (the connection doctor's message is on stderr). */
  CONNECT: 3,
  /** The server answered with a JSON-RPC error (a timeout, -32001, included). */
  RPC_ERROR: 4,
  /** `tools call`: the tool's result has `isError: true`. */
  TOOL_ERROR: 5,
  /** The server sent a sampling or elicitation request that no option or config entry answers. */
  UNANSWERED: 6,
} as const;

/** One of `EXIT`'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
