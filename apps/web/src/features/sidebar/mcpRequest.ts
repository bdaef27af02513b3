import { ApiRequestError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";

/** What to try when a server answers a request with a JSON-RPC error (JSON-RPC 2.0 §5.1, MCP error codes). */
export function mcpErrorHint(method: string, code: number): string | undefined {
  if (code === -32601) return `The server does not implement ${method}: check the capabilities it declared.`;
  if (code === -32602) return "The server rejected the parameters: check the values you entered.";
  if (code === -32002) return "The server knows no resource at this URI: check it, or refresh the resource list.";
  if (code === -32001) return "The request timed out: raise the request timeout in the session settings, or try again.";
  if (code === -32000) return "The connection to the server closed: reconnect the session.";
  return undefined;
}

/** A JSON-RPC error a server answered to a request; `rpcCode` is its error code. */
export class McpRequestError extends ApiRequestError {
  constructor(
    readonly method: string,
    readonly rpcCode: number,
    serverMessage: string,
  ) {
    super({
      statusCode: 200,
      code: "MCP_ERROR",
      error: "MCP error",
      message: `${method} failed: protocol error ${rpcCode}: ${serverMessage}`,
      hint: mcpErrorHint(method, rpcCode),
    });
  }
}

/** True when a request failed because the server does not implement its method (-32601). */
export function isMethodNotFound(err: unknown): boolean {
  return err instanceof McpRequestError && err.rpcCode === -32601;
}

/**
 * Sends one MCP request through the proxy and answers its result.
 * @throws McpRequestError (`MCP_ERROR`, the JSON-RPC code in the message, and a hint)
 *   when the server answers an error, or the proxy's own error when the request cannot be sent.
 */
export async function mcpRequest<T = Record<string, unknown>>(sessionId: string, method: string, params?: Record<string, unknown>): Promise<T> {
  const answer = await restClient.sendRequest(sessionId, { method, ...(params ? { params } : {}) });
  if ("error" in answer) {
    throw new McpRequestError(method, answer.error.code, answer.error.message);
  }
  return answer.result as T;
}
