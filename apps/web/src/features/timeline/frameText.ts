import type { Frame } from "@mcpscope/protocol";

/** Arrow and words for a frame direction (`app`/`host`: between an MCP App and mcpscope as its host). */
export const DIRECTION = {
  out: { arrow: "→", text: "out (client to server)" },
  in: { arrow: "←", text: "in (server to client)" },
  meta: { arrow: "•", text: "meta (mcpscope event)" },
  app: { arrow: "⇠", text: "app → host (an MCP App to mcpscope)" },
  host: { arrow: "⇢", text: "host → app (mcpscope to an MCP App)" },
} as const;

/** The frame's body for the detail view: pretty JSON of `msg`, else `meta`, else `raw`. */
export function frameBody(frame: Frame): string {
  if (frame.msg) return JSON.stringify(frame.msg, null, 2);
  if (frame.meta && frame.kind !== "invalid" && frame.kind !== "stderr") return JSON.stringify(frame.meta, null, 2);
  try {
    return JSON.stringify(JSON.parse(frame.raw), null, 2);
  } catch {
    return frame.raw;
  }
}
