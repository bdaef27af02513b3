import { FrameKindSchema, type Frame, type FrameKind } from "@mcpscope/protocol";

/** The kinds as string constants of this bundle: each is one string object in memory. */
const KINDS = new Map<string, FrameKind>(FrameKindSchema.options.map((kind) => [kind, kind]));
const sessionIds = new Map<string, string>();
const methods = new Map<string, string>();
/** Distinct methods shared at most (a hostile server can invent a method per message). */
const MAX_METHODS = 4096;

/**
 * Points the frame's repeated string fields (`sessionId`, `kind`, `msg.method`) at one
 * shared string per value, in place. Values are unchanged. `JSON.parse` gives every frame
 * its own copy of each (V8 shares only strings of up to 10 characters), so a session of
 * 1,000,000 frames would otherwise hold millions of duplicate strings: heap the page
 * keeps, and objects every major garbage collection marks.
 */
export function shareStrings(frame: Frame): void {
  let id = sessionIds.get(frame.sessionId);
  if (id === undefined) sessionIds.set(frame.sessionId, (id = frame.sessionId));
  else frame.sessionId = id;
  frame.kind = KINDS.get(frame.kind) ?? frame.kind;
  const msg = frame.msg;
  if (msg && typeof msg.method === "string") {
    const method = methods.get(msg.method);
    if (method !== undefined) msg.method = method;
    else if (methods.size < MAX_METHODS) methods.set(msg.method, msg.method);
  }
}
