import type { Frame } from "@mcpscope/protocol/types";

let lastSessionId = "";
let lastSessionIdJson = '""';

/**
 * A frame cut from a stdio line (`ChunkFramer`) as one recording line (JSON Lines, the
 * recording format): the JSON of `JSON.stringify(frame)`, written without serializing `msg`
 * again. A JSON-RPC frame's `msg` is `JSON.parse` of its line (`raw`, less a trailing `\r`),
 * so that text is written as `msg`: what a reader parses is the same frame, field for field,
 * and the line is byte for byte `JSON.stringify(frame)` whenever the sender wrote its JSON as
 * `JSON.stringify` writes it (as every MCP SDK does; not so for spaces, `1e3`, `\u00e9`). Only for frames whose `msg` came from their own `raw`: the
 * frames of the shim's uploads and of its local recording; any other frame is
 * `JSON.stringify`'d.
 */
export function wireFrameLine(frame: Frame): string {
  if (frame.msg === undefined || frame.meta !== undefined) return JSON.stringify(frame);
  const raw = frame.raw;
  if (frame.sessionId !== lastSessionId) {
    lastSessionId = frame.sessionId;
    lastSessionIdJson = JSON.stringify(lastSessionId);
  }
  const msg = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
  // A carriage return between tokens is JSON whitespace, but a recording line holds none
  // (readers such as Node's readline end a line there): such a message is serialized again.
  if (msg.includes("\r")) return JSON.stringify(frame);
  const reason = frame.reason === undefined ? "" : `,"reason":${JSON.stringify(frame.reason)}`;
  return `{"sessionId":${lastSessionIdJson},"seq":${frame.seq},"ts":${frame.ts},"dir":"${frame.dir}","kind":"${frame.kind}","raw":${JSON.stringify(raw)},"bytes":${frame.bytes},"msg":${msg}${reason}}`;
}
