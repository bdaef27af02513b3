import type { Collection, CollectionRun, ItemRun, SendRequestResult } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { checkAssertions } from "./checkAssertions.js";

/** Sends one request on a session (`Session.request`). */
export type SendRequest = (method: string, params: Record<string, unknown>, timeoutMs?: number) => Promise<SendRequestResult>;

export interface RunOptions {
  /** Run only the items of these names, in the collection's order. */
  only?: readonly string[];
  /** The session's id, for the report. */
  sessionId?: string;
  /** Told of each item's outcome as it finishes (the CLI prints progress). */
  onItem?: (run: ItemRun) => void;
}

/**
 * Runs a collection's items one after another on one session and checks each answer
 * against the item's assertions (`checkAssertions`). An item that gets no answer at all
 * (the session is not connected, mcpscope failed to send) fails with `failure` saying why;
 * the next items still run.
 * @throws ApiFailure COLLECTION_ITEM_NOT_FOUND when `only` names an item the collection lacks.
 */
export async function runCollection(send: SendRequest, collection: Collection, options: RunOptions = {}): Promise<CollectionRun> {
  const only = options.only;
  const missing = only?.filter((name) => !collection.items.some((i) => i.name === name)) ?? [];
  if (missing.length) throw new ApiFailure("COLLECTION_ITEM_NOT_FOUND", `No item named ${missing.map((m) => JSON.stringify(m)).join(", ")} in collection ${JSON.stringify(collection.name)}.`);
  const startedAt = Date.now();
  const started = performance.now();
  const items: ItemRun[] = [];
  for (const item of collection.items) {
    if (only && !only.includes(item.name)) continue;
    const base = { name: item.name, method: item.method };
    let run: ItemRun;
    const sentAt = performance.now();
    try {
      const answer = await send(item.method, item.params, item.timeoutMs);
      const durationMs = answer.durationMs ?? performance.now() - sentAt;
      const verdicts = checkAssertions(item.assertions, "error" in answer ? { error: answer.error, durationMs } : { result: answer.result, durationMs });
      run = { ...base, status: verdicts.every((v) => v.pass) ? "pass" : "fail", durationMs, verdicts, ...("error" in answer ? { error: answer.error } : { result: answer.result }) };
    } catch (err) {
      const hint = err instanceof ApiFailure ? ` ${err.hint}` : "";
      run = { ...base, status: "fail", durationMs: performance.now() - sentAt, verdicts: [], failure: `${(err as Error).message}${hint}` };
    }
    items.push(run);
    options.onItem?.(run);
  }
  const passed = items.filter((i) => i.status === "pass").length;
  return {
    collection: collection.name,
    ...(options.sessionId ? { sessionId: options.sessionId } : {}),
    startedAt,
    durationMs: performance.now() - started,
    passed,
    failed: items.length - passed,
    items,
  };
}
