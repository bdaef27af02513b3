// The recording format's fixed values, without zod (the schema is in `recording.ts`).

/** `type` of a recording's header line. */
export const RECORDING_TYPE = "mcpscope-recording";
/** The recording format version this mcpscope writes and reads. */
export const RECORDING_VERSION = 1;
