import type { AppFrameInput, AppOrigin } from "@mcpscope/protocol/types";
import { describeError } from "../../api/apiRequestError";
import { appsApi } from "./appsApi";

interface Queued {
  frame: AppFrameInput;
  done: () => void;
}

/**
 * Records one MCP App's messages with mcpscope in the session's timeline
 * (`POST /api/sessions/:id/app-frames`), in the order they crossed. `record` resolves once
 * the frame is in the log, so a message is delivered only after it is recorded: an app's
 * `tools/call` appears before the request mcpscope sends the server for it. Frames that
 * arrive while a post is on its way go together in the next one. A failed post (the session
 * closed) does not hold the app up: `record` still resolves, and `failure` says why.
 */
export class AppFrameRecorder {
  private queue: Queued[] = [];
  private posting = false;
  /** Why frames could not be recorded, once a post failed. */
  failure?: string;
  /** Called when `failure` is first set. */
  onFailure?: (message: string) => void;

  constructor(
    private readonly sessionId: string,
    private readonly app: AppOrigin,
  ) {}

  /** Records a message (`dir` `app`: app→host; `host`: host→app); `reason` marks one the bridge refused. */
  record(dir: AppFrameInput["dir"], message: unknown, reason?: string): Promise<void> {
    let raw: string;
    try {
      raw = JSON.stringify(message) ?? String(message);
    } catch {
      raw = String(message);
    }
    return new Promise((done) => {
      this.queue.push({ frame: { dir, raw, ...(reason === undefined ? {} : { reason }) }, done });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.posting || this.queue.length === 0) return;
    this.posting = true;
    const batch = this.queue.splice(0, 1000);
    try {
      if (this.failure === undefined) await appsApi.recordFrames(this.sessionId, this.app, batch.map((q) => q.frame));
    } catch (err) {
      this.failure = `The app's messages are no longer recorded: ${describeError(err).message}`;
      this.onFailure?.(this.failure);
    } finally {
      this.posting = false;
      for (const q of batch) q.done();
      void this.flush();
    }
  }
}
