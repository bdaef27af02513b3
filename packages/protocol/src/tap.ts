import { z } from "zod";
import { FrameDirSchema } from "./frame.js";
import { SessionTargetSchema, StdioTargetSchema } from "./session.js";

/**
 * A tap's name: in URLs (`/tap/<name>/mcp`) and file names, so 1–64 letters, digits, `.`,
 * `_` or `-`.
 */
export const TapNameSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "a tap name is 1 to 64 letters, digits, '.', '_' or '-'");

/**
 * Frame kinds the shim sets itself; a frame without `kind` is one line of the stdio wire,
 * which mcpscope classifies (request, response, error, notification, or invalid).
 */
export const TapFrameKindSchema = z.enum(["invalid", "stderr", "lifecycle"]);

/**
 * One frame as the `mcpscope tap` shim uploads it: `seq` (1, 2, 3 … per session, no gaps),
 * `ts` (epoch milliseconds when the shim read it), `dir`, `raw` (the line without its `\n`)
 * and `bytes` (its length on the wire). `msg` is never sent: mcpscope parses `raw`, so the
 * shim does no JSON work on the relay's path. mcpscope validates the frame it builds with
 * `FrameSchema` before recording it.
 */
export const TapFrameSchema = z.object({
  seq: z.number().int().positive(),
  ts: z.number(),
  dir: FrameDirSchema,
  raw: z.string(),
  bytes: z.number().int().nonnegative(),
  kind: TapFrameKindSchema.optional(),
  reason: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type TapFrame = z.infer<typeof TapFrameSchema>;

/**
 * Body of `POST /api/taps/sessions`: the shim announces a client connection. `target` is the
 * server command it runs; `shimPid` lets mcpscope notice a shim that died without a word.
 */
export const OpenTapSessionBodySchema = z.object({
  name: z.string().min(1).max(200),
  target: StdioTargetSchema,
  shimPid: z.number().int().positive(),
  clientPid: z.number().int().positive().optional(),
  serverPid: z.number().int().positive().optional(),
});
export type OpenTapSessionBody = z.infer<typeof OpenTapSessionBodySchema>;

/** Most frames in one upload. */
export const MAX_TAP_FRAMES_PER_UPLOAD = 50_000;

/**
 * Body of `POST /api/taps/sessions/:id/frames`: the next frames, in `seq` order (frames at or
 * below the session's `lastSeq` are taken as a repeat and skipped); `end: true` with the last
 * upload, after the server's `exited` frame.
 */
export const TapFramesBodySchema = z.object({
  frames: z.array(z.unknown()).max(MAX_TAP_FRAMES_PER_UPLOAD),
  end: z.boolean().optional(),
});
export type TapFramesBody = { frames: TapFrame[]; end?: boolean };

/** Answer of `POST /api/taps/sessions/:id/frames`: the seq of the last frame recorded. */
export const TapFramesResultSchema = z.object({ lastSeq: z.number().int().nonnegative() });
export type TapFramesResult = z.infer<typeof TapFramesResultSchema>;

/**
 * Body of `POST /api/taps`: an HTTP facade named `name` in front of a server of the
 * `--config` file (`server`) or of any target (a URL, or a stdio command mcpscope starts,
 * one process per client session).
 */
export const CreateTapBodySchema = z.union([
  z.object({ name: TapNameSchema, server: z.string().min(1) }).strict(),
  z.object({ name: TapNameSchema, target: SessionTargetSchema }).strict(),
]);
export type CreateTapBody = z.infer<typeof CreateTapBodySchema>;

/**
 * An HTTP facade as `GET /api/taps` lists it. `url` is the Streamable HTTP endpoint a client
 * connects to, its per-tap token in the path (`/tap/<name>/<token>/mcp`); `sseUrl` the legacy
 * HTTP+SSE endpoint. `upstream` is the server it relays to (secret values redacted).
 * `sessionIds` are the tapped sessions it recorded, oldest first.
 */
export const TapSchema = z.object({
  name: TapNameSchema,
  upstream: SessionTargetSchema,
  url: z.string(),
  sseUrl: z.string().optional(),
  token: z.string(),
  createdAt: z.number(),
  sessionIds: z.array(z.string()),
});
export type Tap = z.infer<typeof TapSchema>;
