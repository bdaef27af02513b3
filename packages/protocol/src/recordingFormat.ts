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

/** Longest excerpt of a bad value quoted in an error about a recording line. */
const QUOTE_CHARS = 60;

/**
 * A value as JSON for an error message about a recording line, cut to 60 characters with
 * "…" (a value JSON cannot write, e.g. a BigInt, as `String(value)`).
 */
export function quoteValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
}
