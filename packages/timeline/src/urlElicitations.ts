import type { Frame } from "@mcpscope/protocol";
import type { TimelineIndex } from "./timelineIndex.js";
import { messageMethod } from "./storedFrame.js";

/** MCP error code of `UrlElicitationRequiredError` (MCP 2025-11-25 "Client Features → Elicitation → URL mode"). */
export const URL_ELICITATION_REQUIRED = -32042;

/**
 * One URL-mode elicitation of a session, as the wire shows it: asked by an
 * `elicitation/create` request with `mode: "url"` or named in a -32042 error's
 * `data.elicitations`; answered by the client (`action`); finished out of band when the
 * server sends `notifications/elicitation/complete` with its `elicitationId`.
 */
export interface UrlElicitation {
  elicitationId: string;
  url: string;
  message?: string;
  /** How the server asked: a request the client answers, or an error that names the URL. */
  via: "request" | "error";
  /** seq of the asking frame. */
  seq: number;
  /** The client's answer to a `request` elicitation. */
  action?: "accept" | "decline" | "cancel";
  /** seq of `notifications/elicitation/complete`, once the server sent it. */
  completedSeq?: number;
}

function asUrlParams(value: unknown): { elicitationId: string; url: string; message?: string } | undefined {
  const p = value as { mode?: unknown; elicitationId?: unknown; url?: unknown; message?: unknown } | null;
  if (typeof p !== "object" || p === null || typeof p.elicitationId !== "string" || typeof p.url !== "string") return undefined;
  return { elicitationId: p.elicitationId, url: p.url, ...(typeof p.message === "string" ? { message: p.message } : {}) };
}

/**
 * Folds frames into a session's URL elicitations, one frame at a time (feed it only new
 * frames: O(1) per frame). Entries keep the order in which the server asked.
 */
export class UrlElicitations {
  private readonly byId = new Map<string, UrlElicitation>();
  /** Bumped on every change, for cheap change detection. */
  version = 0;

  /** Every URL elicitation seen so far, oldest first. */
  list(): UrlElicitation[] {
    return [...this.byId.values()];
  }

  /** Takes one frame into account; `index` pairs the client's answers with their requests. */
  add(frame: Frame, index: TimelineIndex): void {
    // Decide from the kind, direction and method first: `msg` is parsed only for the few
    // frames that matter (a `StoredFrame` parses it on every read past its cache).
    const method = messageMethod(frame);
    if (frame.dir === "in" && frame.kind === "request" && method === "elicitation/create") {
      const msg = frame.msg;
      if ((msg?.params as { mode?: unknown } | undefined)?.mode !== "url") return;
      const params = asUrlParams(msg?.params);
      if (params) this.put({ ...params, via: "request", seq: frame.seq });
    } else if (frame.dir === "out" && frame.kind === "response") {
      const request = index.get(index.requestSeqOf(frame) ?? 0);
      if (!request || messageMethod(request) !== "elicitation/create") return;
      const params = asUrlParams(request.msg?.params);
      const action = (frame.msg?.result as { action?: unknown } | undefined)?.action;
      const known = params && this.byId.get(params.elicitationId);
      if (known && (action === "accept" || action === "decline" || action === "cancel")) this.put({ ...known, action });
    } else if (frame.dir === "in" && frame.kind === "error" && frame.raw.includes(String(URL_ELICITATION_REQUIRED))) {
      const error = frame.msg?.error as { code?: unknown; data?: unknown } | undefined;
      if (error?.code !== URL_ELICITATION_REQUIRED) return;
      const listed = (error.data as { elicitations?: unknown } | undefined)?.elicitations;
      if (Array.isArray(listed)) {
        for (const item of listed) {
          const params = asUrlParams(item);
          if (params && !this.byId.has(params.elicitationId)) this.put({ ...params, via: "error", seq: frame.seq });
        }
      }
    } else if (frame.dir === "in" && frame.kind === "notification" && method === "notifications/elicitation/complete") {
      const id = (frame.msg?.params as { elicitationId?: unknown } | undefined)?.elicitationId;
      const known = typeof id === "string" ? this.byId.get(id) : undefined;
      if (known && known.completedSeq === undefined) this.put({ ...known, completedSeq: frame.seq });
    }
  }

  private put(entry: UrlElicitation): void {
    this.byId.set(entry.elicitationId, entry);
    this.version++;
  }
}
