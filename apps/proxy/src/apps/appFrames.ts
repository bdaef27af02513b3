import type { AppFramesBody } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { ReadOnlySession } from "../sessions/readOnlySession.js";
import type { AnySession } from "../sessions/sessionManager.js";
import { parseWireMessage } from "../sessions/transports/parseWireMessage.js";

/**
 * Appends the messages one MCP App exchanged with mcpscope as its host (posted by the page
 * that hosts it) to the session's log, in the order given: each a frame of direction `app`
 * (app→host) or `host` (host→app) and of the JSON-RPC kind its `raw` parses as (MCP Apps
 * SEP-1865 "Transport Layer": JSON-RPC 2.0 over postMessage), or `invalid` with the reason.
 * `meta` names the app instance and its resource, which scopes the pairing of its requests
 * and responses (two apps both number their requests 1, 2, 3 …).
 * @returns the `seq` of each frame.
 * @throws ApiFailure SESSION_NOT_READY for a recording or a session that is not connected.
 */
export function recordAppFrames(session: AnySession, body: AppFramesBody): number[] {
  if (session instanceof ReadOnlySession) throw new ApiFailure("SESSION_NOT_READY", "This session is a recording: nothing can be added to it.");
  const status = session.info().status;
  if (status !== "ready") throw new ApiFailure("SESSION_NOT_READY", `The session is ${status}: the app's messages can no longer be recorded.`);
  const meta = { app: body.app.instance, resourceUri: body.app.resourceUri, ...(body.app.toolName === undefined ? {} : { toolName: body.app.toolName }) };
  return body.frames.map((input) => {
    const parsed = parseWireMessage(input.raw);
    const frame =
      parsed.ok && input.reason === undefined
        ? session.log.append({ dir: input.dir, kind: parsed.kind, raw: input.raw, msg: parsed.msg, meta })
        : session.log.append({ dir: input.dir, kind: "invalid", raw: input.raw, reason: input.reason ?? (parsed.ok ? "invalid" : parsed.reason), meta });
    return frame.seq;
  });
}
