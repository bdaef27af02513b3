import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { SessionInfo, SessionTarget } from "@mcpscope/protocol";
import { CredentialStore } from "../auth/credentialStore.js";
import { PendingAuthorizations } from "../auth/pendingAuthorizations.js";
import type { OAuthEnvironment } from "../auth/sessionAuth.js";
import { ApiFailure } from "../errors.js";
import { RecordedSession } from "./recordedSession.js";
import { ReadOnlySession } from "./readOnlySession.js";
import type { Session, SessionOptions } from "./session.js";
import type { TappedSession } from "../tap/tappedSession.js";

/** A live session, one of an earlier run opened from its recording, or a tapped one. */
export type AnySession = Session | RecordedSession | TappedSession;

/** Most sessions connecting or ready at once. */
export const MAX_LIVE_SESSIONS = 32;

export interface RetentionOptions {
  /** Keep at most this many recordings (oldest deleted first). */
  keepSessions?: number;
  /** Delete recordings older than this many days. */
  keepDays?: number;
}

/** All sessions of this proxy process, newest last. */
export class SessionManager {
  private readonly sessions = new Map<string, AnySession>();
  private readonly createdListeners = new Set<(session: AnySession) => void>();
  private readonly removedListeners = new Set<(id: string) => void>();
  /** What the remote sessions' OAuth shares: waiting authorizations, credentials, mcpscope's origin. */
  readonly oauth: OAuthEnvironment;
  private readonly options: SessionOptions;

  constructor(
    options: SessionOptions = {},
    private readonly retention: RetentionOptions = {},
  ) {
    this.oauth = options.oauth ?? { pending: new PendingAuthorizations(), store: new CredentialStore(), origin: () => undefined };
    this.options = { ...options, oauth: this.oauth };
  }

  /**
   * Lists the recordings of earlier runs in `options.recordingsDir` as read-only sessions,
   * after applying the retention settings. Files that are not recordings are skipped.
   * @returns warnings about skipped files.
   */
  loadRecordings(): string[] {
    const dir = this.options.recordingsDir;
    if (!dir) return [];
    const warnings: string[] = [];
    const files = readdirSync(dir).filter((name) => name.endsWith(".jsonl")).sort();
    for (const name of files) {
      try {
        const session = RecordedSession.open(join(dir, name));
        if (!this.sessions.has(session.id)) this.sessions.set(session.id, session);
      } catch (err) {
        warnings.push(`skipped ${name}: ${(err as Error).message}`);
      }
    }
    this.applyRetention();
    return warnings;
  }

  /**
   * Opens a recording file as a read-only session (import, `mcpscope view`), validating
   * every line first. When the session is already listed, returns that one. Nothing is
   * started from the recording's target.
   * @throws InvalidRecordingError naming the first bad line; Error when it cannot be read.
   */
  openRecording(path: string): AnySession {
    const session = RecordedSession.open(path, { checkAll: true });
    const existing = this.sessions.get(session.id);
    if (existing) return existing;
    this.sessions.set(session.id, session);
    for (const listener of this.createdListeners) listener(session);
    return session;
  }

  /** The recording file of a session, if it has one (flushed first). */
  recordingPath(id: string): string | undefined {
    const session = this.get(id);
    session.log.flush();
    return session instanceof RecordedSession ? session.file.path : session.recordingPath;
  }

  /**
   * Lists a session made elsewhere (a tapped session, fed by the tap) and tells the
   * listeners, like a session `open` made.
   */
  register(session: TappedSession): void {
    this.sessions.set(session.id, session);
    this.applyRetention();
    for (const listener of this.createdListeners) listener(session);
  }

  /** Where new recordings go, if anywhere. */
  get recordingsDir(): string | undefined {
    return this.options.recordingsDir;
  }

  /**
   * Deletes a session's recording and forgets the session (closing it first if live).
   * @throws ApiFailure SESSION_NOT_FOUND
   */
  async delete(id: string): Promise<void> {
    const session = this.get(id);
    await session.close();
    const path = session instanceof RecordedSession ? session.file.path : session.recordingPath;
    if (path) rmSync(path, { force: true });
    this.sessions.delete(id);
    for (const listener of this.removedListeners) listener(id);
  }

  private applyRetention(): void {
    const { keepSessions, keepDays } = this.retention;
    const finished = [...this.sessions.values()].filter((s) => s instanceof RecordedSession).sort((a, b) => a.info().createdAt - b.info().createdAt);
    const cutoff = keepDays === undefined ? -Infinity : Date.now() - keepDays * 86_400_000;
    const excess = keepSessions === undefined ? 0 : Math.max(0, this.sessions.size - keepSessions);
    finished.forEach((session, i) => {
      if (i < excess || session.info().createdAt < cutoff) {
        rmSync(session.file.path, { force: true });
        this.sessions.delete(session.id);
      }
    });
  }

  /**
   * Opens a session and waits for the initialize handshake (or `server/discover`), or, for
   * an OAuth server in interactive mode, until a person must sign in (then the session is
   * `connecting` with `auth.status` `required`). A session that fails to connect stays listed
   * (status `failed`) so its frames can be read.
   * @throws ApiFailure from `Session.connect`.
   */
  async open(target: SessionTarget, previousId?: string): Promise<Session> {
    // The live session's code (the MCP SDK client, OAuth) is loaded when the first one opens,
    // not at every start of mcpscope (see bench/README.md, cold start).
    const { Session } = await import("./session.js");
    const live = [...this.sessions.values()].filter((s) => ["connecting", "ready"].includes(s.info().status)).length;
    if (live >= MAX_LIVE_SESSIONS) throw new ApiFailure("TOO_MANY_SESSIONS", `${live} sessions are live; mcpscope allows ${MAX_LIVE_SESSIONS} at once.`);
    const session = new Session(target, this.options, previousId);
    this.sessions.set(session.id, session);
    this.applyRetention();
    for (const listener of this.createdListeners) listener(session);
    await session.connect();
    return session;
  }

  /**
   * Reconnects a session of this run: closes it (for stdio, ends its process) and opens a
   * new one with the same settings, which a person gave this run (its secrets included).
   * The old session stays listed, closed, with its frames. `target` replaces the settings
   * (the Auth tab's re-run with edited OAuth settings). A recording (of an earlier run,
   * imported, or opened by `mcpscope view`) is refused: a recording is data, never a
   * command, and its target is whatever the file says.
   * @throws ApiFailure SESSION_NOT_FOUND, RECORDING_NOT_STARTABLE, or the new session's connect failure.
   */
  async reconnect(id: string, target?: SessionTarget): Promise<Session> {
    const old = this.get(id);
    if (old instanceof RecordedSession) throw new ApiFailure("RECORDING_NOT_STARTABLE");
    if (old instanceof ReadOnlySession) throw new ApiFailure("TAP_READ_ONLY");
    await old.close();
    return this.open(target ?? old.target, old.id);
  }

  /** True when a session (live or recorded) with this id is open. */
  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** @throws ApiFailure SESSION_NOT_FOUND */
  get(id: string): AnySession {
    const session = this.sessions.get(id);
    if (!session) throw new ApiFailure("SESSION_NOT_FOUND", `No session with id ${id}.`);
    return session;
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info());
  }

  /** Registers a listener told of each new session before it connects. */
  onCreated(listener: (session: AnySession) => void): () => void {
    this.createdListeners.add(listener);
    return () => this.createdListeners.delete(listener);
  }

  /** Registers a listener told of each deleted session; returns its remover. */
  onRemoved(listener: (id: string) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
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
