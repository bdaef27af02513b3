import type { SessionInfo, SessionTarget } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { Session, type SessionOptions } from "./session.js";

/** All sessions of this proxy process, newest last. */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly createdListeners = new Set<(session: Session) => void>();

  constructor(private readonly options: SessionOptions = {}) {}

  /**
   * Opens a stdio session and waits for the initialize handshake. A session that fails to
   * connect stays listed (status `failed`) so its frames can be read.
   * @throws ApiFailure from `Session.connect`.
   */
  async open(target: SessionTarget, previousId?: string): Promise<Session> {
    const session = new Session(target, this.options, previousId);
    this.sessions.set(session.id, session);
    for (const listener of this.createdListeners) listener(session);
    await session.connect();
    return session;
  }

  /**
   * Reconnects: closes the session (for stdio, ends its process) and opens a new one with
   * the same settings. The old session stays listed, closed, with its frames.
   * @throws ApiFailure SESSION_NOT_FOUND, or the new session's connect failure.
   */
  async reconnect(id: string): Promise<Session> {
    const old = this.get(id);
    await old.close();
    return this.open(old.target, old.id);
  }

  /** @throws ApiFailure SESSION_NOT_FOUND */
  get(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new ApiFailure("SESSION_NOT_FOUND", `No session with id ${id}.`);
    return session;
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info());
  }

  /** Registers a listener told of each new session before it connects. */
  onCreated(listener: (session: Session) => void): () => void {
    this.createdListeners.add(listener);
    return () => this.createdListeners.delete(listener);
  }

  /** Closes every session (graceful). */
  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.sessions.values()].map((s) => s.close()));
  }

  /** Kills every server process at once (process exit path). */
  killAll(): void {
    for (const session of this.sessions.values()) session.killNow();
  }
}
