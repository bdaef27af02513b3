import type { FastifyPluginAsync } from "fastify";
import type { WebSocket } from "ws";
import { ClientMessageSchema, type FrameLinesHeader, type ServerMessage } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import type { AnySession } from "../sessions/sessionManager.js";
import type { SessionManager } from "../sessions/sessionManager.js";
import type { PresenceHub } from "./share.js";

/** Most frames in one `frames` message. */
export const MAX_FRAMES_PER_BATCH = 2000;
/** Most frames, and bytes past the first frame, in one binary message of a `jsonl` subscription. */
export const MAX_LINES_PER_BATCH = 20_000;
export const MAX_LINES_BYTES = 2 * 1024 * 1024;
/** Milliseconds frames wait to be batched. */
const BATCH_TICK_MS = 8;
/** Above this many unsent bytes on a socket, stop pulling from the log until it drains. */
const HIGH_WATER_BYTES = 4 * 1024 * 1024;
/**
 * Milliseconds one flush may run before yielding: a client catching up on a long backlog
 * (read back from disk) must not stall recording and the REST API.
 */
const FLUSH_BUDGET_MS = 10;

interface Subscriber {
  socket: WebSocket;
  /** sessionId → the last seq sent. */
  cursors: Map<string, number>;
  /** Sessions subscribed with `encoding: "jsonl"`. */
  lines: Set<string>;
  /** Pulling stopped on a full socket: the next send's completion resumes it. */
  blocked: boolean;
}

/**
 * `GET /api/ws`: the live stream (docs/ARCHITECTURE.md "Streams"). Subscribers pull from each
 * session's frame log by cursor, so a slow client costs a cursor, not a queue: memory stays
 * bounded, and a reconnecting client resubscribes with its last seq and misses nothing.
 */
export const wsRoutes: FastifyPluginAsync<{ sessions: SessionManager; presence: PresenceHub }> = async (app, { sessions, presence }) => {
  const subscribers = new Set<Subscriber>();
  let timer: NodeJS.Timeout | undefined;

  const send = (socket: WebSocket, message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  /** Sends a `jsonl` batch: its header line, then the frames' lines as recorded. */
  const sendLines = (sub: Subscriber, sessionId: string, from: number, batch: { bytes: Buffer; count: number }) => {
    const header: FrameLinesHeader = { type: "frame-lines", sessionId, from, count: batch.count };
    sub.socket.send(Buffer.concat([Buffer.from(JSON.stringify(header) + "\n"), batch.bytes]), { binary: true }, () => resume(sub));
  };

  /** A send reached the socket: if pulling stopped on a full buffer, pull again. */
  const resume = (sub: Subscriber) => {
    if (!sub.blocked || sub.socket.bufferedAmount >= HIGH_WATER_BYTES) return;
    sub.blocked = false;
    schedule(0);
  };

  const flush = () => {
    timer = undefined;
    due = Infinity;
    let behind = false;
    let blocked = false;
    const deadline = performance.now() + FLUSH_BUDGET_MS;
    for (const sub of subscribers) {
      for (const [sessionId, cursor] of sub.cursors) {
        let session: AnySession;
        try {
          session = sessions.get(sessionId);
        } catch {
          continue;
        }
        let sent = cursor;
        const lines = sub.lines.has(sessionId);
        try {
          while (sent < session.log.lastSeq && sub.socket.bufferedAmount < HIGH_WATER_BYTES && performance.now() < deadline) {
            if (sub.socket.readyState !== sub.socket.OPEN) break;
            if (lines) {
              const batch = session.log.sinceLines(sent, MAX_LINES_PER_BATCH, MAX_LINES_BYTES);
              if (batch.count === 0) break;
              sendLines(sub, sessionId, sent + 1, batch);
              sent += batch.count;
            } else {
              const frames = session.log.since(sent, MAX_FRAMES_PER_BATCH);
              send(sub.socket, { type: "frames", sessionId, frames });
              sent += frames.length;
            }
          }
          if (sent < session.log.lastSeq && sub.socket.bufferedAmount >= HIGH_WATER_BYTES) {
            sub.blocked = blocked = true;
          }
        } catch (err) {
          // A recording whose file turns out bad past this point (MCPSCOPE_INVALID_RECORDING):
          // the client keeps what it has and is told why the rest cannot come.
          const failure = err instanceof ApiFailure ? err : new ApiFailure("INTERNAL", `Internal error in mcpscope: ${(err as Error).message}`);
          const { code, message } = failure.toBody();
          send(sub.socket, { type: "error", code, message, sessionId });
          sub.cursors.delete(sessionId);
          continue;
        }
        sub.cursors.set(sessionId, sent);
        if (sent < session.log.lastSeq) behind = true;
      }
    }
    // Behind because of the time budget: continue at once (after pending I/O); because of a
    // full socket: when a send completes (`resume`), or after a while.
    if (behind) schedule(performance.now() >= deadline ? 0 : blocked ? BATCH_TICK_MS * 8 : BATCH_TICK_MS * 4);
  };

  /** When the scheduled flush runs (performance.now()). */
  let due = Infinity;
  const schedule = (delay = BATCH_TICK_MS) => {
    if (timer && delay >= BATCH_TICK_MS) return; // the common case: frames appended, a flush is coming
    const at = performance.now() + delay;
    if (timer && at >= due) return;
    if (timer) clearTimeout(timer);
    due = at;
    timer = setTimeout(flush, delay);
  };

  const watch = (session: AnySession) => {
    // With no one following, appends cost nothing here (no timer per burst).
    session.log.onAppend(() => {
      if (subscribers.size > 0) schedule();
    });
    session.onChange((info) => {
      for (const sub of subscribers) send(sub.socket, { type: "session", session: info });
    });
    session.inbox.onChange((items) => {
      for (const sub of subscribers) if (sub.cursors.has(session.id)) send(sub.socket, { type: "inbox", sessionId: session.id, items });
    });
  };
  for (const info of sessions.list()) watch(sessions.get(info.id));
  sessions.onRemoved((sessionId) => {
    for (const sub of subscribers) {
      sub.cursors.delete(sessionId);
      send(sub.socket, { type: "session-removed", sessionId });
    }
  });
  presence.onChange((p) => {
    for (const sub of subscribers) send(sub.socket, { type: "presence", presence: p });
  });
  sessions.onCreated((session) => {
    watch(session);
    for (const sub of subscribers) send(sub.socket, { type: "session", session: session.info() });
  });

  app.get("/api/ws", { websocket: true }, (socket) => {
    const sub: Subscriber = { socket, cursors: new Map(), lines: new Set(), blocked: false };
    subscribers.add(sub);
    send(socket, { type: "sessions", sessions: sessions.list() });
    send(socket, { type: "presence", presence: presence.current() });
    socket.on("message", (data) => {
      let parsed;
      try {
        parsed = ClientMessageSchema.safeParse(JSON.parse((data as Buffer).toString()));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) {
        send(socket, { type: "error", code: "MCPSCOPE_BAD_MESSAGE", message: "Unrecognized WebSocket message: expected {type:'subscribe', sessionId, since} or {type:'unsubscribe', sessionId}." });
        return;
      }
      const message = parsed.data;
      if (message.type === "unsubscribe") {
        sub.cursors.delete(message.sessionId);
        sub.lines.delete(message.sessionId);
        return;
      }
      try {
        sessions.get(message.sessionId);
      } catch {
        send(socket, { type: "error", code: "MCPSCOPE_SESSION_NOT_FOUND", message: `No session with id ${message.sessionId}.` });
        return;
      }
      sub.cursors.set(message.sessionId, message.since);
      if (message.encoding === "jsonl") sub.lines.add(message.sessionId);
      else sub.lines.delete(message.sessionId);
      send(socket, { type: "inbox", sessionId: message.sessionId, items: sessions.get(message.sessionId).pending() });
      schedule(0);
    });
    socket.on("close", () => subscribers.delete(sub));
  });

  app.addHook("onClose", async () => {
    if (timer) clearTimeout(timer);
    for (const sub of subscribers) sub.socket.close(1001, "mcpscope is shutting down");
  });
};
