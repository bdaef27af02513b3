// A browser-less WebSocket subscriber: receives `frames` batches of one session and checks
// that their `seq` numbers are contiguous (missing and duplicate counts).
import { performance } from "node:perf_hooks";
import { WebSocket } from "./env.mjs";
import { onCleanup } from "./cleanup.mjs";

export class Subscriber {
  received = 0;
  missing = 0;
  duplicates = 0;
  notifications = 0;
  messages = 0;
  parseMs = 0;
  lastSeq = 0;
  lastAt = 0;
  errors = [];
  #expected = 1;
  #sessionId;
  #waiters = [];

  static async open(base, token) {
    const sub = new Subscriber();
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/ws`, { headers: { authorization: `Bearer ${token}` } });
    sub.ws = ws;
    sub.unregister = onCleanup(() => sub.close());
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => reject(new Error(`WebSocket upgrade refused: HTTP ${res.statusCode}`)));
    });
    ws.on("message", (data) => sub.#onMessage(data));
    return sub;
  }

  subscribe(sessionId, since) {
    this.#sessionId = sessionId;
    this.#expected = since + 1;
    this.lastSeq = since;
    this.ws.send(JSON.stringify({ type: "subscribe", sessionId, since }));
  }

  /** Resets the counters (the seq check continues). */
  resetCounts() {
    this.received = this.missing = this.duplicates = this.notifications = this.messages = this.parseMs = 0;
  }

  /** Resolves with the receive time once a frame with `seq >= seq` arrived. */
  waitForSeq(seq, timeoutMs) {
    if (this.lastSeq >= seq) return Promise.resolve(this.lastAt);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`subscriber: seq ${seq} not received in ${timeoutMs} ms (last ${this.lastSeq})`)), timeoutMs);
      this.#waiters.push({ seq, resolve: (at) => (clearTimeout(timer), resolve(at)) });
    });
  }

  #onMessage(data) {
    const t0 = performance.now();
    const message = JSON.parse(data);
    this.parseMs += performance.now() - t0;
    if (message.type === "error") this.errors.push(message);
    if (message.type !== "frames" || message.sessionId !== this.#sessionId) return;
    this.messages++;
    for (const frame of message.frames) {
      if (frame.seq > this.#expected) this.missing += frame.seq - this.#expected;
      else if (frame.seq < this.#expected) {
        this.duplicates++;
        continue;
      }
      this.#expected = frame.seq + 1;
      this.received++;
      if (frame.msg?.method === "notifications/message") this.notifications++;
    }
    this.lastSeq = this.#expected - 1;
    this.lastAt = performance.now();
    if (this.#waiters.length) {
      this.#waiters = this.#waiters.filter((w) => (this.lastSeq >= w.seq ? (w.resolve(this.lastAt), false) : true));
    }
  }

  async close() {
    this.unregister?.();
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((r) => this.ws.once("close", r));
    this.ws.close();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2000).unref())]);
    this.ws.terminate();
  }
}
