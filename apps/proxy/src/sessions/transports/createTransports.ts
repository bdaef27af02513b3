import type { SessionTarget } from "@mcpscope/protocol";
import type { SessionAuth } from "../../auth/sessionAuth.js";
import type { FrameLog } from "../frameLog.js";
import { createSseTransport, createStreamableHttpTransport } from "./httpTransports.js";
import { StdioTapTransport } from "./stdioTapTransport.js";
import type { TappedTransport } from "./tappedTransport.js";

/**
 * The transports to try for a target, in order: one, or for `auto` Streamable HTTP then
 * HTTP+SSE (MCP 2025-11-25 "Transports → Backwards Compatibility"). With `auth`, the HTTP
 * transports run OAuth through its provider and record its exchanges through its tap.
 */
export function createTransports(target: SessionTarget, log: FrameLog, auth?: SessionAuth): Array<() => TappedTransport> {
  switch (target.transport) {
    case "stdio":
      return [() => new StdioTapTransport(target, log)];
    case "streamable-http":
      return [() => createStreamableHttpTransport(target, log, auth)];
    case "sse":
      return [() => createSseTransport(target, log, auth)];
    case "auto":
      return [() => createStreamableHttpTransport(target, log, auth), () => createSseTransport(target, log, auth)];
  }
}
