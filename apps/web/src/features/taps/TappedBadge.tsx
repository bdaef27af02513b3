import type { TapInfo } from "@mcpscope/protocol";
import "./taps.css";

/**
 * The "tapped" badge of a session a real client drives (through `mcpscope tap` or a tap's
 * HTTP facade); `long` adds the client's name (from its `clientInfo`) when known.
 */
export function TappedBadge({ tap, long = false }: { tap: TapInfo; long?: boolean }) {
  const via = tap.kind === "stdio" ? "mcpscope tap (stdio)" : "a tap's HTTP facade";
  const client = tap.client ? `${tap.client.title ?? tap.client.name} ${tap.client.version}` : undefined;
  return (
    <span className="badge tapped" title={`Tapped: ${client ?? "a client"} talks to the server through ${via}; mcpscope records, read-only.${tap.clientPid ? ` Client pid ${tap.clientPid}.` : ""}`}>
      tapped{long && client ? ` · ${client}` : ""}
    </span>
  );
}
