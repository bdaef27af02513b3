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

/**
 * Sends one MCP request through the proxy and answers its result.
 * @throws ApiRequestError `MCP_ERROR` (with the JSON-RPC code in the message and a hint)
 *   when the server answers an error, or the proxy's own error when the request cannot be sent.
 */
export async function mcpRequest<T = Record<string, unknown>>(sessionId: string, method: string, params?: Record<string, unknown>): Promise<T> {
  const answer = await restClient.sendRequest(sessionId, { method, ...(params ? { params } : {}) });
  if ("error" in answer) {
    const { code, message } = answer.error;
    throw new ApiRequestError({
      statusCode: 200,
      code: "MCP_ERROR",
      error: "MCP error",
      message: `${method} failed: protocol error ${code}: ${message}`,
      hint: mcpErrorHint(method, code),
    });
  }
  return answer.result as T;
}
