import type { InputRound } from "./spans.js";

const KIND: Record<string, string> = {
  "elicitation/create": "elicitation",
  "sampling/createMessage": "sampling",
  "roots/list": "roots",
};

/** What an input request asks for, in one word: `elicitation`, `sampling`, `roots` (else its method). */
export function inputKind(method: string): string {
  return KIND[method] ?? method;
}

/**
 * The rounds of a multi round-trip request in a few words (MCP 2026-07-28 "Multi Round-Trip
 * Requests"): "2 rounds: elicitation → sampling"; a round asking several things joins them
 * with "+" ("1 round: elicitation + roots"). `undefined` without rounds.
 */
export function describeRounds(rounds: readonly InputRound[] | undefined): string | undefined {
  if (!rounds?.length) return undefined;
  const steps = rounds.map((r) => [...new Set(r.inputs.map((i) => inputKind(i.method)))].join(" + ") || "nothing");
  return `${rounds.length} round${rounds.length === 1 ? "" : "s"}: ${steps.join(" → ")}`;
}
