import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { restClient } from "../../api/restClient";

/** What `completion/complete` completes (MCP 2025-11-25 "Utilities → Completion"). */
export type CompletionRef = { type: "ref/prompt"; name: string } | { type: "ref/resource"; uri: string };

/** The server's suggestions for one argument's current value. */
export interface Completions {
  /** Suggested values, at most 100 (the spec's limit), in the server's order. */
  values: string[];
  /** Whether the server has more than it sent. */
  hasMore: boolean;
  /** The server's total count, when it gave one. */
  total?: number;
  /** True while a request for the current value is waiting (after the debounce). */
  loading: boolean;
  /** Why there are no suggestions: the JSON-RPC error, or the proxy's, as a sentence. */
  error?: string;
}

/** Milliseconds the value must stay unchanged before `completion/complete` is sent. */
export const COMPLETION_DEBOUNCE_MS = 250;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Sends `completion/complete` for one argument of a prompt (`ref/prompt`) or one variable of
 * a resource template (`ref/resource`, its `uriTemplate` as `uri`) through the proxy, as the
 * user types: the first value is asked at once, later ones once the user pauses for
 * `COMPLETION_DEBOUNCE_MS`; answers are cached per
 * value (react-query key `['completions', sessionId, ref, argumentName, value, context]`).
 * `contextArguments` are the other arguments already filled in (`context.arguments`).
 * Nothing is sent without a session or a ref. A server without the `completions`
 * capability answers an error, reported in `error`.
 */
export function useCompletions(
  sessionId: string | undefined,
  ref: CompletionRef | undefined,
  argumentName: string,
  value: string,
  contextArguments?: Record<string, string>,
): Completions {
  const settled = useDebounced(value, COMPLETION_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: ["completions", sessionId, ref, argumentName, settled, contextArguments],
    enabled: sessionId !== undefined && ref !== undefined,
    staleTime: 30_000,
    retry: false,
    queryFn: async () => {
      const params: Record<string, unknown> = { ref, argument: { name: argumentName, value: settled } };
      if (contextArguments && Object.keys(contextArguments).length > 0) params.context = { arguments: contextArguments };
      const answer = await restClient.sendRequest(sessionId!, { method: "completion/complete", params });
      if ("error" in answer) throw new Error(`completion/complete failed: JSON-RPC error ${answer.error.code}: ${answer.error.message}`);
      const completion = (answer.result as { completion?: { values?: unknown[]; hasMore?: boolean; total?: number } }).completion ?? {};
      return {
        values: (completion.values ?? []).filter((v): v is string => typeof v === "string").slice(0, 100),
        hasMore: completion.hasMore === true,
        total: typeof completion.total === "number" ? completion.total : undefined,
      };
    },
  });
  return {
    values: query.data?.values ?? [],
    hasMore: query.data?.hasMore ?? false,
    total: query.data?.total,
    loading: query.isFetching || settled !== value,
    error: query.isError ? query.error.message : undefined,
  };
}
