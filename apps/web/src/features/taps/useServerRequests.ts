import type { TimelineIndex } from "@mcpscope/timeline";
import { useSessionTimeline } from "../../stores/useSessionTimeline";

/** A server→client request of a session, and whether the client answered it. */
export interface ServerRequestItem {
  seq: number;
  method: string;
  /** The seq of the client's answer (a response or an error), once sent. */
  answerSeq?: number;
  /** The answer's kind: `response`, or `error` when the client refused. */
  answerKind?: "response" | "error";
}

/** Per index: how far it was scanned, and the seqs of the server's requests found. */
const scans = new WeakMap<TimelineIndex, { scanned: number; seqs: number[] }>();

/**
 * The requests the server sent to the client in a session (sampling, elicitation, roots …),
 * from the frames the page holds, each with the client's answer once it came. Only frames not
 * seen before are scanned; re-renders follow the session's timeline (see `useSessionTimeline`).
 */
export function serverRequests(index: TimelineIndex): ServerRequestItem[] {
  let state = scans.get(index);
  if (!state) scans.set(index, (state = { scanned: 0, seqs: [] }));
  for (let seq = state.scanned + 1; seq <= index.lastSeq; seq++) {
    const frame = index.get(seq)!;
    if (frame.dir === "in" && frame.kind === "request") state.seqs.push(seq);
  }
  state.scanned = index.lastSeq;
  return state.seqs.map((seq) => {
    const frame = index.get(seq)!;
    const answerSeq = index.responseSeqOf(seq);
    const answer = answerSeq === undefined ? undefined : index.get(answerSeq);
    return { seq, method: index.methodOf(frame) ?? "?", ...(answer ? { answerSeq, answerKind: answer.kind === "error" ? ("error" as const) : ("response" as const) } : {}) };
  });
}

/** `serverRequests` of a session, kept current as frames arrive. */
export function useServerRequests(sessionId: string): ServerRequestItem[] {
  return serverRequests(useSessionTimeline(sessionId).index);
}
