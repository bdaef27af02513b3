import { z } from "zod";
import { FrameSchema } from "./frame.js";
import { InboxItemSchema } from "./serverRequests.js";
import { SessionInfoSchema } from "./session.js";

/**
 * UI→server WebSocket messages on `/api/ws`. `subscribe` asks for every frame of a session
 * with `seq > since`, then every later one as it is recorded. With `encoding: "jsonl"` the
 * frames come as binary messages of JSON Lines (see `FrameLinesHeader`) instead of `frames`
 * messages.
 */
export const ClientMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("subscribe"),
    sessionId: z.string(),
    since: z.number().int().nonnegative().default(0),
    encoding: z.enum(["json", "jsonl"]).default("json"),
  }),
  z.object({ type: z.literal("unsubscribe"), sessionId: z.string() }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/**
 * Server→UI WebSocket messages. `frames` carries a batch of contiguous frames of one
 * session in `seq` order; `session` a session's new state; `sessions` the full list on
 * connect; `error` a refused client message, or (with `sessionId`) why a session's frames
 * stopped (e.g. MCPSCOPE_INVALID_RECORDING: its recording has a bad line); `inbox` a session's pending server requests
 * whenever they change (sent on subscribe too); `presence` the presenter's focus;
 * `session-removed` a session deleted with its recording.
 */
export const ServerMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("frames"), sessionId: z.string(), frames: z.array(FrameSchema) }),
  z.object({ type: z.literal("session"), session: SessionInfoSchema }),
  z.object({ type: z.literal("sessions"), sessions: z.array(SessionInfoSchema) }),
  z.object({ type: z.literal("error"), code: z.string(), message: z.string(), sessionId: z.string().optional() }),
  z.object({ type: z.literal("inbox"), sessionId: z.string(), items: z.array(InboxItemSchema) }),
  z.object({ type: z.literal("presence"), presence: z.lazy(() => PresenceSchema) }),
  z.object({ type: z.literal("session-removed"), sessionId: z.string() }),
]);

/**
 * The first line of a binary WebSocket message of a `jsonl` subscription; then `count`
 * lines follow, the frames with seq `from` … `from + count − 1` as the recording holds them
 * (one `Frame` as JSON per line, each line ending with a line break). Contiguous, like
 * `frames` messages: a reader that holds fewer frames than `from − 1` missed some.
 */
export interface FrameLinesHeader {
  type: "frame-lines";
  sessionId: string;
  from: number;
  count: number;
}

/**
 * What the presenter is looking at (team demos): viewers who follow switch to it. Body of
 * `POST /api/presence`; pushed to every client as `{type: "presence", presence}`.
 */
export const PresenceSchema = z.object({
  sessionId: z.string().optional(),
  selectedTool: z.string().optional(),
  selectedFrame: z.number().int().positive().optional(),
});
export type Presence = z.infer<typeof PresenceSchema>;

/** `GET /api/me`: who this client is and how mcpscope is exposed. */
export const MeSchema = z.object({
  role: z.enum(["presenter", "viewer"]),
  /** True when bound to a non-loopback address (--expose): the UI shows a warning. */
  exposed: z.boolean(),
  host: z.string(),
});
export type Me = z.infer<typeof MeSchema>;
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
