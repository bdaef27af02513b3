import { chunksToJson, encodeChunks, type ShimChunk, TAP_CHUNKS_MEDIA_TYPE } from "../chunkCodec.js";
import type { ChunkQueue } from "./chunkQueue.js";
import type { LocalRecording } from "./localRecording.js";
import type { ScopeAnswer, ScopeClient } from "./scopeClient.js";

/** Bytes of chunk data per upload, about (a single larger chunk goes alone). */
export const UPLOAD_BATCH_BYTES = 4 * 1024 * 1024;
/**
 * Milliseconds chunks gather before an upload starts: one request to mcpscope per burst of
 * traffic, not one per message, so that recording costs mcpscope (and the cores it shares
 * with the client and the server) little per message; the page shows them that much later.
 */
export const UPLOAD_DELAY_MS = 20;
/** Longest one upload may take before mcpscope is given up on. */
const UPLOAD_TIMEOUT_MS = 15_000;
/** Pauses before retrying an upload that failed on the way (not refused). */
const RETRY_DELAYS_MS = [0, 200, 1000];

/** A session mcpscope opened for this tap. */
export interface ScopeSession {
  client: ScopeClient;
  sessionId: string;
  /** The URL of the mcpscope that records it. */
  url: string;
}

export interface UploaderSetup {
  queue: ChunkQueue;
  /** Finds (or starts) mcpscope and opens the session there; throws with why there is none. */
  open(): Promise<ScopeSession>;
  /** Creates the local recording; `previousId` when mcpscope holds the session's beginning. */
  createLocal(previousId?: string): LocalRecording;
  /** Says something on the shim's stderr (one line, rarely). */
  note(message: string): void;
}

type Mode = "connecting" | "live" | "local" | "off";

class UploadRefused extends Error {}

/** `Omit` for each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Takes the shim's chunks and gets them to mcpscope, asynchronously and never in the relay's
 * way: `push` queues (memory, then disk past a bound) and returns; one upload at a time runs
 * behind it, batching whatever queued meanwhile. When mcpscope cannot be reached, refuses, or
 * dies, everything not yet delivered, and every later chunk, goes to a local recording
 * instead. Chunks are numbered here, in the order they were relayed.
 */
export class ChunkUploader {
  private mode: Mode = "connecting";
  private n = 0;
  private lastTs = 0;
  private session?: ScopeSession;
  private local?: LocalRecording;
  private pumping?: Promise<void>;
  private ending = false;
  private ended = false;
  private scheduled = false;
  /** Uploads in binary (`TAP_CHUNKS_MEDIA_TYPE`) until an older mcpscope refuses them. */
  private binary = true;
  private readonly opened: Promise<void>;

  constructor(private readonly setup: UploaderSetup) {
    this.opened = setup.open().then(
      (session) => {
        if (this.mode !== "connecting") return;
        this.session = session;
        this.mode = "live";
        this.schedule();
      },
      (err: Error) => this.goLocal(err.message, this.setup.queue.drain()),
    );
  }

  /** Where the chunks go now: mcpscope's URL, the local recording's path, or undefined while connecting. */
  get destination(): { mcpscope: string; sessionId: string } | { file: string } | undefined {
    if (this.mode === "local") return { file: this.local!.path };
    if (this.mode === "off") return undefined;
    if (this.session) return { mcpscope: this.session.url, sessionId: this.session.sessionId };
    return undefined;
  }

  /** Queues a chunk (numbered now). Never throws, never waits. */
  push(chunk: DistributiveOmit<ShimChunk, "n">): void {
    if (this.mode === "off") return;
    const numbered: ShimChunk = { n: ++this.n, ...chunk };
    this.lastTs = chunk.ts;
    if (this.mode === "local") {
      this.local!.append(numbered);
      return;
    }
    this.setup.queue.push(numbered);
    this.schedule();
  }

  /**
   * Delivers what is queued, marks the session ended, and waits, at most `deadlineMs`;
   * what is still undelivered then is recorded locally.
   */
  async finish(deadlineMs: number): Promise<void> {
    this.ending = true;
    const done = (async () => {
      await this.opened;
      this.schedule();
      while (this.mode === "live" && !this.ended) await this.kick();
    })();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
    await Promise.race([done, late]);
    clearTimeout(timer);
    if (this.mode !== "local" && !this.ended) this.goLocal(`mcpscope did not take the last chunks within ${deadlineMs} ms`, this.setup.queue.drain());
    this.local?.close(this.lastTs);
    this.session?.client.close();
    this.setup.queue.dispose();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.setup.queue.writeSpool();
      void this.kick();
    };
    // Ending, or a batch's worth waiting: at once; otherwise after a short gathering delay.
    if (this.ending || this.setup.queue.size > 10_000) setImmediate(run);
    else setTimeout(run, UPLOAD_DELAY_MS);
  }

  /** The running upload loop, or a new one: one at a time, so chunks arrive in order. */
  private kick(): Promise<void> {
    if (this.mode !== "live") return Promise.resolve();
    this.pumping ??= this.pump().finally(() => (this.pumping = undefined));
    return this.pumping;
  }

  private async pump(): Promise<void> {
    const queue = this.setup.queue;
    while (this.mode === "live" && (queue.size > 0 || (this.ending && !this.ended))) {
      const chunks = queue.take(UPLOAD_BATCH_BYTES);
      const end = this.ending && queue.size === 0;
      try {
        await this.upload(chunks, end);
        if (end) this.ended = true;
      } catch (err) {
        this.goLocal((err as Error).message, [...chunks, ...queue.drain()]);
        return;
      }
    }
  }

  private async upload(chunks: ShimChunk[], end: boolean): Promise<void> {
    let lastError: Error | undefined;
    for (const delay of RETRY_DELAYS_MS) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        let answer = await this.send(chunks, end);
        if (answer.status === 415 && this.binary) {
          // An mcpscope from before binary uploads: JSON from now on.
          this.binary = false;
          answer = await this.send(chunks, end);
        }
        if (answer.status === 200) return;
        const detail = describeRefusal(answer.text);
        if (answer.status < 500) throw new UploadRefused(`mcpscope refused the upload (HTTP ${answer.status}${detail})`);
        lastError = new Error(`mcpscope failed to take the upload (HTTP ${answer.status}${detail})`);
      } catch (err) {
        if (err instanceof UploadRefused) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ECONNREFUSED") throw new Error(`mcpscope at ${this.session!.url.split("?")[0]} is gone (connection refused)`);
        lastError = err as Error;
      }
    }
    throw new Error(`could not upload to mcpscope: ${lastError?.message ?? "unknown error"}`);
  }

  /** One upload request: the chunks in binary, or as JSON (`TapUploadBody`) for an older mcpscope. */
  private send(chunks: ShimChunk[], end: boolean): Promise<ScopeAnswer> {
    const { client, sessionId } = this.session!;
    const path = `/api/taps/sessions/${sessionId}/chunks`;
    if (this.binary) return client.send("POST", end ? `${path}?end=1` : path, encodeChunks(chunks), UPLOAD_TIMEOUT_MS, TAP_CHUNKS_MEDIA_TYPE);
    const json = chunksToJson(chunks);
    return client.send("POST", path, JSON.stringify(end ? { chunks: json, end } : { chunks: json }), UPLOAD_TIMEOUT_MS);
  }

  private goLocal(reason: string, unsent: ShimChunk[]): void {
    if (this.mode === "local" || this.mode === "off") return;
    const previousId = this.session?.sessionId;
    this.mode = "local";
    let local: LocalRecording;
    try {
      local = this.local = this.setup.createLocal(previousId);
    } catch (err) {
      this.mode = "off";
      this.setup.note(`${reason}; cannot record locally either (${(err as Error).message}): the rest of this session is not recorded`);
      return;
    }
    local.append({ n: 0, ts: unsent[0]?.ts ?? Date.now(), event: { event: "recorded-locally", reason, ...(previousId ? { previousId } : {}) } });
    for (const chunk of unsent) local.append(chunk);
    this.setup.note(`${reason}; recording ${previousId ? "the rest of " : ""}this session to ${local.path}`);
  }
}

function describeRefusal(text: string): string {
  try {
    const body = JSON.parse(text) as { code?: string; message?: string };
    return body.message ? `: ${body.code ? `${body.code} ` : ""}${body.message}` : "";
  } catch {
    return "";
  }
}
