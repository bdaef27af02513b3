import type { Frame } from "@mcpscope/protocol";
import { restClient } from "./restClient";

/** Frames per `GET /api/sessions/:id/frames` page. */
const PAGE = 10_000;

/**
 * Every frame of a session, in seq order, read page by page from
 * `GET /api/sessions/:id/frames` until the page's `lastSeq` (the newest seq recorded when
 * that page was read). Throws ApiRequestError as restClient does.
 */
export async function fetchAllFrames(sessionId: string): Promise<Frame[]> {
  const frames: Frame[] = [];
  let since = 0;
  for (;;) {
    const page = await restClient.getFrames(sessionId, since, PAGE);
    for (const f of page.frames) frames.push(f);
    const last = page.frames[page.frames.length - 1]?.seq;
    if (last === undefined || last >= page.lastSeq) return frames;
    since = last;
  }
}
