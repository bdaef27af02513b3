import { describeRounds, inputKind, type TimelineIndex } from "@mcpscope/timeline";
import { useSessionTimeline } from "../../stores/useSessionTimeline";
import { useTimelineStore } from "../../stores/timelineStore";
import { spanLayoutOf } from "../timeline/derived";
import { findRunRequest } from "./findRunRequest";

interface Props {
  sessionId: string;
  toolName: string;
  /** The newest seq held when Run was clicked. */
  sinceSeq: number;
}

/** What mcpscope answered an input request with, as the retry carried it (`params.inputResponses[key]`). */
function answerOf(index: TimelineIndex, retrySeq: number | undefined, key: string): string {
  const answer = (index.get(retrySeq ?? 0)?.msg?.params as { inputResponses?: Record<string, unknown> } | undefined)?.inputResponses?.[key];
  if (answer === undefined) return "not answered";
  const a = answer as { action?: unknown; content?: unknown; model?: unknown; roots?: unknown };
  if (typeof a.action === "string") return a.content === undefined ? a.action : `${a.action} ${JSON.stringify(a.content)}`;
  if (typeof a.model === "string") return `a message from model ${a.model}`;
  if (Array.isArray(a.roots)) return `${a.roots.length} root${a.roots.length === 1 ? "" : "s"}`;
  return JSON.stringify(answer);
}

/**
 * The rounds of a multi round-trip tool call (MCP 2026-07-28 "Multi Round-Trip Requests"), as
 * one expandable line of its result: "2 rounds: elicitation → sampling", then per round what
 * the server asked (`input_required`), what mcpscope answered, and the request that retried
 * the call, each a link to its frame. Nothing for a call answered in one round.
 */
export function RunRounds({ sessionId, toolName, sinceSeq }: Props) {
  const { index } = useSessionTimeline(sessionId);
  const select = useTimelineStore((s) => s.select);
  const first = findRunRequest(index, sinceSeq, toolName);
  const layout = spanLayoutOf(index);
  layout.update();
  const span = first ? layout.spanOfRequest(first.seq) : undefined;
  const summary = describeRounds(span?.rounds);
  if (!span?.rounds || !summary) return null;
  const legs = span.legs ?? [span.requestSeq];
  const go = (seq: number) => select(sessionId, seq, true);
  const frameLink = (seq: number) => (
    <button type="button" className="link" aria-label={`frame ${seq}`} onClick={() => go(seq)}>
      #{seq}
    </button>
  );
  return (
    <details className="run-rounds">
      <summary>
        {summary} <span className="muted small">({legs.length} requests, one call)</span>
      </summary>
      <ol aria-label="Rounds">
        {span.rounds.map((round, i) => (
          <li key={round.responseSeq}>
            The server answered the request in frame {frameLink(legs[i] ?? span.requestSeq)} with <code>input_required</code> (frame{" "}
            {frameLink(round.responseSeq)}), asking for:
            <ul>
              {round.inputs.map((input) => (
                <li key={input.key}>
                  <code>{input.key}</code>: {inputKind(input.method)} (<code>{input.method}</code>) — answered {answerOf(index, legs[i + 1], input.key)}
                </li>
              ))}
            </ul>
            {legs[i + 1] !== undefined ? (
              <>mcpscope retried the call with the answers: frame {frameLink(legs[i + 1]!)}.</>
            ) : (
              <span className="muted">Waiting for the answers…</span>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
