import type { Transport } from "@modelcontextprotocol/client";
import type { TransportKind } from "@mcpscope/protocol";

/** How a stdio server process ended. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last stderr lines, newest last (at most 20). */
  stderrTail: string[];
}

/**
 * An SDK `Transport` whose bytes are recorded in a session's frame log, plus what the
 * session needs to explain failures and end the connection.
 */
export interface TappedTransport extends Transport {
  readonly kind: TransportKind;
  /** The server's process id while it runs (stdio only). */
  readonly pid?: number;
  /** How the process ended (stdio only); undefined while it runs. */
  readonly exit?: ExitInfo;
  /** Sends any text as one message, recorded as sent (absent where unsupported). */
  sendRaw?(text: string): Promise<void>;
  /** Ends the connection at once (mcpscope is exiting). */
  killNow(): void;
  /** Called once the channel is open (stdio: right after the `spawned` frame), before any message. */
  onstarted?: () => void;
}
