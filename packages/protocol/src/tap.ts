import { z } from "zod";
import { SessionTargetSchema, StdioTargetSchema } from "./session.js";

/**
 * A tap's name: in URLs (`/tap/<name>/mcp`) and file names, so 1–64 letters, digits, `.`,
 * `_` or `-`.
 */
export const TapNameSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "a tap name is 1 to 64 letters, digits, '.', '_' or '-'");

/** The server's standard streams, as the shim relays them. */
export const TapStreamSchema = z.enum(["stdin", "stdout", "stderr"]);
export type TapStream = z.infer<typeof TapStreamSchema>;

/**
 * What the `mcpscope tap` shim uploads: the bytes it relayed, chunk by chunk, exactly as it
 * read them (`data`, base64), with the time it read them (`ts`, epoch milliseconds) and the
 * stream (`stdin`: client→server, `stdout`: server→client, `stderr`); or an event about the
 * connection (`event`: spawned, signal, closed, exited, error …), recorded as a `lifecycle`
 * frame. `n` numbers the chunks 1, 2, 3 … per session. The shim does no framing and no JSON
 * work on the relay's path: mcpscope cuts the chunks into lines and classifies them, as its
 * own stdio transport does, and validates every frame it builds with `FrameSchema`.
 */
export const TapChunkSchema = z.union([
  z.object({ n: z.number().int().positive(), ts: z.number(), stream: TapStreamSchema, data: z.string() }).strict(),
  z.object({ n: z.number().int().positive(), ts: z.number(), event: z.looseObject({ event: z.string().min(1).max(100) }) }).strict(),
]);
export type TapChunk = z.infer<typeof TapChunkSchema>;

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

/** Most chunks in one upload. */
export const MAX_TAP_CHUNKS_PER_UPLOAD = 100_000;

/**
 * Body of `POST /api/taps/sessions/:id/chunks` as JSON: the next chunks, in order (chunks at
 * or below the last one taken are a repeated upload and skipped); `end: true` with the last
 * upload, after the server's `exited` event. The shim itself uploads the same chunks in
 * binary (`application/octet-stream`, no base64; `?end=1` with the last upload), as
 * apps/proxy/src/tap/chunkCodec.ts describes, and falls back to JSON when mcpscope answers 415.
 */
export const TapUploadBodySchema = z.object({
  chunks: z.array(TapChunkSchema).max(MAX_TAP_CHUNKS_PER_UPLOAD),
  end: z.boolean().optional(),
});
export type TapUploadBody = z.infer<typeof TapUploadBodySchema>;

/** Answer of an upload: the last chunk taken, and the seq of the last frame recorded. */
export const TapUploadResultSchema = z.object({ n: z.number().int().nonnegative(), lastSeq: z.number().int().nonnegative() });
export type TapUploadResult = z.infer<typeof TapUploadResultSchema>;

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
 * An HTTP facade as `GET /api/taps` lists it. `url` is the endpoint a client connects to, its
 * per-tap token in the path: Streamable HTTP (`/tap/<name>/<token>/mcp`), or HTTP+SSE
 * (`…/sse`) in front of an HTTP+SSE server; `sseUrl` is the HTTP+SSE endpoint too when the
 * upstream URL may be either. `upstream` is the server it relays to (secret values redacted).
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
