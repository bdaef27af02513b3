import type { Frame } from "@mcpscope/protocol/types";

let lastSessionId = "";
let lastSessionIdJson = '""';

/**
 * A stdio frame as one recording line (JSON Lines, the recording format): the JSON of
 * `JSON.stringify(frame)`, written without serializing `msg` again. A stdio frame's `msg` is
 * `JSON.parse` of its line (`raw`, less a trailing `\r`) or `raw` is `JSON.stringify(msg)`,
 * so that text is written as `msg`: what a reader parses is the same frame, field for field,
 * and the line is byte for byte `JSON.stringify(frame)` whenever the sender wrote its JSON as
 * `JSON.stringify` writes it (as every MCP SDK does; not so for spaces, `1e3`, `\u00e9`).
 * Only for frames whose `msg` and `raw` are the same message (MCP 2025-11-25 "Transports →
 * stdio": one message per line): a stdio session's, a tap shim's uploads and its local
 * recording; a frame with `meta` is `JSON.stringify`'d.
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
