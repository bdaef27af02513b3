import type { ClientMessage, InboxItem, Presence, ServerMessage, SessionInfo } from "@mcpscope/protocol";
import type { FrameStream } from "./frameSync";

/** Connection state of the live stream. */
export type LiveStatus = "connecting" | "open" | "reconnecting";

export interface LiveHandlers {
  onSessions(sessions: SessionInfo[]): void;
  onSession(session: SessionInfo): void;
  /** A binary message of a `jsonl` subscription: frames as JSON Lines (see `FrameLinesHeader`). */
  onFrameLines(data: ArrayBuffer): void;
  onServerError?(code: string, message: string, sessionId?: string): void;
  /** A session's pending server requests, whenever they change (and on subscribe). */
  onInbox?(sessionId: string, items: InboxItem[]): void;
  /** What the presenter looks at (team demos). */
  onPresence?(presence: Presence): void;
  /** A session deleted with its recording. */
  onSessionRemoved?(sessionId: string): void;
  onStatus?(status: LiveStatus): void;
  /** Called when the socket closed; lets the app probe whether the token is the reason. */
  onClosed?(): void;
  /** The newest seq held for a session, used as `since` when resubscribing after a reconnect. */
  lastSeq(sessionId: string): number;
}

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 8000;

/**
 * The live WebSocket client of `/api/ws`. Keeps a set of subscribed sessions and, after a
 * reconnect (exponential backoff), resubscribes each with the newest seq held, so nothing
 * is lost and nothing is sent twice. Frames come as binary JSON Lines (`encoding: "jsonl"`),
 * handed on unread (to the frames worker, see frameSync.ts).
 */
export class LiveClient implements FrameStream {
  private socket?: WebSocket;
  private readonly subscriptions = new Set<string>();
  private backoff = MIN_BACKOFF_MS;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  constructor(
    private readonly handlers: LiveHandlers,
    private readonly url = LiveClient.defaultUrl(),
  ) {}

  /** `ws:` or `wss:` URL of `/api/ws` on this page's origin. */
  static defaultUrl(): string {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${location.host}/api/ws`;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000);
    this.socket = undefined;
  }

  /** Streams a session's frames after `since` (again from there when already subscribed). */
  subscribe(sessionId: string, since: number): void {
    this.subscriptions.add(sessionId);
    this.send({ type: "subscribe", sessionId, since, encoding: "jsonl" });
  }

  unsubscribe(sessionId: string): void {
    if (!this.subscriptions.delete(sessionId)) return;
    this.send({ type: "unsubscribe", sessionId });
  }

  private open(): void {
    this.handlers.onStatus?.(this.socket ? "reconnecting" : "connecting");
    const socket = new WebSocket(this.url);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    socket.onopen = () => {
      this.backoff = MIN_BACKOFF_MS;
      this.handlers.onStatus?.("open");
      for (const sessionId of this.subscriptions) {
        this.send({ type: "subscribe", sessionId, since: this.handlers.lastSeq(sessionId), encoding: "jsonl" });
      }
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket !== socket || this.stopped) return;
      this.handlers.onStatus?.("reconnecting");
      this.handlers.onClosed?.();
      this.retryTimer = setTimeout(() => this.open(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    };
  }

  private receive(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      this.handlers.onFrameLines(data);
      return;
    }
    if (typeof data !== "string") return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case "session":
        this.handlers.onSession(message.session);
        break;
      case "sessions":
        this.handlers.onSessions(message.sessions);
        break;
      case "error":
        this.handlers.onServerError?.(message.code, message.message, message.sessionId);
        break;
      case "inbox":
        this.handlers.onInbox?.(message.sessionId, message.items);
        break;
      case "presence":
        this.handlers.onPresence?.(message.presence);
        break;
      case "session-removed":
        this.handlers.onSessionRemoved?.(message.sessionId);
        break;
    }
  }

  private send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
