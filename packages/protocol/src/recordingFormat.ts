// The recording format's fixed values, without zod (the schema is in `recording.ts`).

/** `type` of a recording's header line. */
export const RECORDING_TYPE = "mcpscope-recording";
/** The recording format version this mcpscope writes and reads. */
export const RECORDING_VERSION = 1;
/**
 * What a secret value reads as in session info, recordings and exports (an `Authorization`
 * header keeps its scheme: `Bearer [redacted]`); the proxy's redaction writes it.
 */
export const REDACTED = "[redacted]";
