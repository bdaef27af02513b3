import type { Assertion } from "@mcpscope/protocol/types";
import type { SaveSource } from "./saveSource";

/** The assertion fields of the Save dialog: each check on or off, with its value as typed. */
export interface AssertionDraft {
  noError: boolean;
  expectError: boolean;
  equals: boolean;
  contains: boolean;
  containsText: string;
  schema: boolean;
  schemaText: string;
  schemaPath: string;
  latency: boolean;
  latencyMs: string;
}

function firstText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = firstText(v);
      if (found !== undefined) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      const found = key === "text" && typeof v === "string" ? v : firstText(v);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The dialog's first values from what the request got: "no error" on for a result that is
 * not an error, "expect a JSON-RPC error" on for an error; the first text (up to 80
 * characters), a tool's outputSchema at `/structuredContent` and a latency limit of five
 * times the round trip (at least 100 ms, rounded up to 100) offered, off.
 */
export function draftFor(source: SaveSource): AssertionDraft {
  const answer = source.answer;
  const isError = answer !== undefined && "error" in answer;
  const toolError = answer !== undefined && "result" in answer && answer.result.isError === true;
  const text = answer && "result" in answer ? (firstText(answer.result) ?? "") : "";
  const limit = Math.ceil(Math.max(100, (source.durationMs ?? 200) * 5) / 100) * 100;
  return {
    noError: !isError && !toolError,
    expectError: isError,
    equals: false,
    contains: false,
    containsText: text.slice(0, 80),
    schema: false,
    schemaText: JSON.stringify(source.outputSchema ?? { type: "object" }, null, 2),
    schemaPath: source.outputSchema ? "/structuredContent" : "",
    latency: false,
    latencyMs: String(limit),
  };
}

/**
 * The assertions a draft stands for, or why it cannot be saved (a schema that is not a JSON
 * object, a latency that is not a positive number, an empty text, a pointer without `/`).
 */
export function assertionsOf(draft: AssertionDraft, source: SaveSource): { assertions: Assertion[] } | { problem: string } {
  const out: Assertion[] = [];
  if (draft.noError) out.push({ type: "noError" });
  if (draft.expectError) out.push({ type: "error", ...(source.answer && "error" in source.answer ? { code: source.answer.error.code } : {}) });
  if (draft.equals) {
    if (!source.answer || !("result" in source.answer)) return { problem: "There is no result to compare with." };
    out.push({ type: "equals", value: source.answer.result });
  }
  if (draft.contains) {
    if (draft.containsText === "") return { problem: "Enter the text the result must contain." };
    out.push({ type: "contains", text: draft.containsText });
  }
  if (draft.schema) {
    let schema: unknown;
    try {
      schema = JSON.parse(draft.schemaText);
    } catch (err) {
      return { problem: `The JSON Schema is not JSON: ${(err as Error).message}` };
    }
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return { problem: "The JSON Schema must be a JSON object." };
    if (draft.schemaPath !== "" && !draft.schemaPath.startsWith("/")) return { problem: "The schema's place in the result is a JSON Pointer: empty (the whole result) or starting with /." };
    out.push({ type: "schema", schema: schema as Record<string, unknown>, ...(draft.schemaPath ? { path: draft.schemaPath } : {}) });
  }
  if (draft.latency) {
    const ms = Number(draft.latencyMs);
    if (!(ms > 0)) return { problem: "The latency limit must be a positive number of milliseconds." };
    out.push({ type: "latency", maxMs: ms });
  }
  return { assertions: out };
}
