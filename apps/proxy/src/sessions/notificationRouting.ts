import type { JSONRPCMessage } from "@modelcontextprotocol/client";
import type { JsonRpcId } from "@mcpscope/protocol";
import type { TappedTransport } from "./transports/tappedTransport.js";

/**
 * Notifications the SDK client is not given. Both are recorded by the tap before anything
 * else sees them, and the session uses them from the frames: progress resets a request's
 * idle timer by its token (`RequestRunner`), and log messages have no handler. Handing them
 * to the SDK would cost up to four schema checks each only to be dropped, which under a
 * flood of log notifications is most of the work.
 */
export const NOTIFICATIONS_KEPT_FROM_SDK: ReadonlySet<string> = new Set(["notifications/progress", "notifications/message"]);

/** Handles a server→client request itself; `true` when it did (it is then not given to the SDK). */
export type InterceptRequest = (request: { id: JsonRpcId; method: string; params?: Record<string, unknown> }) => boolean;

/**
 * Routes what a connected transport delivers: responses, and requests and notifications the
 * SDK has a use for, go to the SDK client; `NOTIFICATIONS_KEPT_FROM_SDK` do not; a request
 * `intercept` takes (client-side tasks) is answered by the session. Installed after
 * `Client.connect`, in front of the delivery the SDK set up on the transport.
 */
export function routeInbound(transport: TappedTransport, intercept: InterceptRequest): void {
  const deliver = transport.onmessage;
  if (!deliver) return;
  transport.onmessage = (message: JSONRPCMessage, extra) => {
    const m = message as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof m.method === "string") {
      if (m.id === undefined) {
        if (NOTIFICATIONS_KEPT_FROM_SDK.has(m.method)) return;
      } else if (intercept(m as Parameters<InterceptRequest>[0])) {
        return;
      }
    }
    deliver(message, extra);
  };
}
