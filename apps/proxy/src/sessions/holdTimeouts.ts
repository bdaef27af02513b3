import type { Client } from "@modelcontextprotocol/sdk/client/index.js";

/** The SDK's per-request timeout record (`Protocol._timeoutInfo`, SDK 1.32). */
interface TimeoutInfo {
  timeoutId: ReturnType<typeof setTimeout>;
  timeout: number;
  onTimeout: () => void;
}
interface ProtocolTimeouts {
  _timeoutInfo: Map<number, TimeoutInfo>;
  _setupTimeout(messageId: number, ...rest: unknown[]): void;
  _resetTimeout(messageId: number): boolean;
}

/**
 * Pauses the request timeouts of a client's in-flight requests while `holding()` is true:
 * a tool call that waits on a server request a person must answer (sampling, elicitation)
 * must not time out while that person reads and types. When the hold ends, each request gets
 * its full timeout again, as after a progress notification (MCP 2025-11-25 "Utilities →
 * Timeouts" lets progress reset a timeout; a pending server request is progress of a kind).
 * The maximum total timeout is not paused: it stays a hard limit.
 *
 * Works on the SDK's private timeout records (`_timeoutInfo`, `_setupTimeout`,
 * `_resetTimeout` of SDK 1.32, which mcpscope pins); holdTimeouts.test.ts fails if they change.
 * @returns `update()`, to call whenever `holding()` may have changed.
 */
export function holdTimeouts(client: Client, holding: () => boolean): { update(): void } {
  const protocol = client as unknown as ProtocolTimeouts;
  const held = new Set<number>();
  const hold = (id: number) => {
    const info = protocol._timeoutInfo.get(id);
    if (!info) return;
    clearTimeout(info.timeoutId);
    held.add(id);
  };
  const setup = protocol._setupTimeout.bind(protocol);
  protocol._setupTimeout = (id, ...rest) => {
    setup(id, ...rest);
    if (holding()) hold(id);
  };
  const reset = protocol._resetTimeout.bind(protocol);
  protocol._resetTimeout = (id) => {
    const ok = reset(id);
    if (ok && holding()) hold(id);
    return ok;
  };
  return {
    update() {
      if (holding()) {
        for (const id of protocol._timeoutInfo.keys()) hold(id);
        return;
      }
      for (const id of held) {
        const info = protocol._timeoutInfo.get(id);
        if (info) info.timeoutId = setTimeout(info.onTimeout, info.timeout);
      }
      held.clear();
    },
  };
}
