import { ApiFailure } from "../errors.js";

/** How long an authorization request waits for its response, in milliseconds (10 minutes). */
export const AUTHORIZATION_TTL_MS = 10 * 60_000;

/** At most this many authorization requests wait at once, across all sessions. */
const MAX_PENDING = 256;

/** What a waiting authorization does with the authorization response: finish it, and say how it went. */
export type CallbackHandler = (params: URLSearchParams) => Promise<{ ok: true; server: string } | { ok: false; message: string }>;

interface Pending {
  sessionId: string;
  expiresAt: number;
  handler: CallbackHandler;
}

/**
 * The authorization requests waiting for their response, by `state` (RFC 6749 §10.12: the
 * CSRF binding). The callback route accepts a response only for a `state` issued here: each
 * is bound to one session, used once, and refused after `AUTHORIZATION_TTL_MS`. mcpscope's
 * cookie does not reach the callback (the authorization server redirects the browser
 * cross-site, and the cookie is `SameSite=Strict`), so `state` is what guards it.
 */
export class PendingAuthorizations {
  private readonly pending = new Map<string, Pending>();

  /** Registers `state` for `sessionId`; returns its expiry (epoch ms). */
  add(state: string, sessionId: string, handler: CallbackHandler, ttlMs = AUTHORIZATION_TTL_MS): number {
    this.sweep();
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    const expiresAt = Date.now() + ttlMs;
    this.pending.set(state, { sessionId, expiresAt, handler });
    return expiresAt;
  }

  /** Drops a state (its session gave up waiting or closed). */
  remove(state: string): void {
    this.pending.delete(state);
  }

  /** Drops every state of a session. */
  removeSession(sessionId: string): void {
    for (const [state, p] of this.pending) if (p.sessionId === sessionId) this.pending.delete(state);
  }

  /**
   * Takes the authorization waiting for `state`, once: a second response with the same
   * state is refused.
   * @throws ApiFailure OAUTH_STATE_INVALID when the state is missing, unknown, used or expired.
   */
  take(state: string | null): Pending {
    this.sweep();
    if (!state) throw new ApiFailure("OAUTH_STATE_INVALID", "The authorization response has no state parameter.");
    const pending = this.pending.get(state);
    if (!pending) throw new ApiFailure("OAUTH_STATE_INVALID", "This authorization response does not answer an authorization request mcpscope is waiting for: its state is unknown, already used, or expired.");
    this.pending.delete(state);
    return pending;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [state, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(state);
  }
}
