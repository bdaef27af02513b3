import type { ApiError } from "@mcpscope/protocol";

/** A failed REST call: the proxy's `ApiError` body, or a synthesized one for network failures. */
export class ApiRequestError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly hint?: string;

  constructor(body: ApiError) {
    super(body.message);
    this.name = "ApiRequestError";
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.hint = body.hint;
  }

  /** True when the proxy refused the token (HTTP 401). */
  get unauthorized(): boolean {
    return this.statusCode === 401;
  }
}

/** Message and hint of any thrown value, for display. */
export function describeError(err: unknown): { message: string; hint?: string } {
  if (err instanceof ApiRequestError) return { message: err.message, hint: err.hint };
  if (err instanceof Error) return { message: err.message };
  return { message: String(err) };
}
