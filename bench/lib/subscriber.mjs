// A browser-less WebSocket subscriber: receives `frames` batches of one session and checks
// that their `seq` numbers are contiguous (missing and duplicate counts). With
// `encoding: "jsonl"` (what the web app subscribes with) it receives binary JSON Lines
// batches instead: a header line `{type: "frame-lines", from, count}`, then one frame per
// line, checked by the header and the number of lines, without parsing the frames.
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
    ws.on("message", (data, binary) => sub.#onMessage(data, binary));
    return sub;
  }

  subscribe(sessionId, since, encoding = "json") {
    this.#sessionId = sessionId;
    this.#expected = since + 1;
    this.lastSeq = since;
    this.ws.send(JSON.stringify({ type: "subscribe", sessionId, since, encoding }));
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

  #onMessage(data, binary) {
    if (binary) {
      this.#onLines(data);
      return;
    }
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
    this.#arrived();
  }

  /** A `jsonl` batch: the header's range, checked against the lines it carries. */
  #onLines(data) {
    const t0 = performance.now();
    const nl = data.indexOf(10);
    const header = JSON.parse(data.toString("utf8", 0, nl));
    let lines = 0;
    let notifications = 0;
    for (let at = data.indexOf(10, nl + 1); at !== -1; at = data.indexOf(10, at + 1)) lines++;
    for (let at = data.indexOf('"notifications/message"', nl); at !== -1; at = data.indexOf('"notifications/message"', at + 1)) notifications++;
    this.parseMs += performance.now() - t0;
    if (header.type !== "frame-lines" || header.sessionId !== this.#sessionId) return;
    this.messages++;
    if (lines !== header.count) this.errors.push({ type: "error", code: "BENCH_LINES", message: `batch from ${header.from} says ${header.count} frames, carries ${lines} lines` });
    const last = header.from + lines - 1;
    if (header.from > this.#expected) this.missing += header.from - this.#expected;
    const fresh = last - Math.max(header.from, this.#expected) + 1;
    this.duplicates += lines - Math.max(0, fresh);
    if (fresh > 0) {
      this.received += fresh;
      // A notification's method appears once with plain quotes in its line (in msg; raw's are escaped).
      this.notifications += Math.round((notifications * fresh) / Math.max(1, lines));
      this.#expected = last + 1;
    }
    this.#arrived();
  }

  #arrived() {
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
