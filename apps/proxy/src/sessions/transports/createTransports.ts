import type { SessionTarget } from "@mcpscope/protocol";
import type { FrameLog } from "../frameLog.js";
import { createSseTransport, createStreamableHttpTransport } from "./httpTransports.js";
import { StdioTapTransport } from "./stdioTapTransport.js";
import type { TappedTransport } from "./tappedTransport.js";

/**
 * The transports to try for a target, in order: one, or for `auto` Streamable HTTP then
 * HTTP+SSE (MCP 2025-11-25 "Transports → Backwards Compatibility").
 */
export function createTransports(target: SessionTarget, log: FrameLog): Array<() => TappedTransport> {
  switch (target.transport) {
    case "stdio":
      return [() => new StdioTapTransport(target, log)];
    case "streamable-http":
      return [() => createStreamableHttpTransport(target, log)];
    case "sse":
      return [() => createSseTransport(target, log)];
    case "auto":
      return [() => createStreamableHttpTransport(target, log), () => createSseTransport(target, log)];
  }
}
