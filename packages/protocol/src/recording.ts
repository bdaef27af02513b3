import { z } from "zod";
import { RECORDING_TYPE, RECORDING_VERSION } from "./recordingFormat.js";
import { SessionTargetSchema, TransportKindSchema } from "./session.js";

/**
 * A session id as mcpscope makes them (a UUID; an imported copy's `-copy`, `-copy-3`
 * suffix): 1–128 letters, digits, `.`, `_` or `-`. It appears in file names and
 * `Content-Disposition` headers, so nothing else is accepted from a file.
 */
export const SessionIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, "a session id is 1 to 128 letters, digits, '.', '_' or '-'");

/**
 * The first line of a recording (JSON Lines: this header, then one `Frame` per line with
 * `seq` 1, 2, 3 … in line order). `session` is the session at creation: its id, creation
 * time (epoch milliseconds), transport and target with secret values redacted. An export
 * may carry more of the session's state; readers ignore what they do not know.
 *
 * A recording is data: its `target` says what was inspected, and mcpscope never starts a
 * process or opens a connection from it.
 */
export const RecordingHeaderSchema = z.object({
  type: z.literal(RECORDING_TYPE),
  version: z.literal(RECORDING_VERSION),
  session: z.looseObject({
    id: SessionIdSchema,
    createdAt: z.number().nonnegative(),
    transport: TransportKindSchema.optional(),
    target: SessionTargetSchema,
    previousId: SessionIdSchema.optional(),
  }),
});
export type RecordingHeader = z.infer<typeof RecordingHeaderSchema>;
