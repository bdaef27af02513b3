// Protocol revisions as plain values, without zod: the browser imports these through
// `@mcpscope/protocol/types`; `session.ts` builds its schemas from the same lists.

/** The 2026-07-28 revision: stateless, `server/discover`, per-request `_meta` (the "modern" era). */
export const MODERN_PROTOCOL_VERSION = "2026-07-28";

/** Revisions that open with the `initialize` handshake (the "legacy" era), newest first. */
export const HANDSHAKE_PROTOCOL_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"] as const;

/**
 * What a session's `protocol` may be (see `ProtocolChoiceSchema`): `auto`, then every revision
 * mcpscope speaks, newest first.
 */
export const PROTOCOL_CHOICES = ["auto", MODERN_PROTOCOL_VERSION, ...HANDSHAKE_PROTOCOL_VERSIONS] as const;
