import type { SaveSource } from "../collections/saveSource";
import type { ToolRun } from "./toolTypes";

/** A tool run as "Save to collection…" saves it: `tools/call` with its arguments, and what it got. */
export function toolRunSource(run: ToolRun, outputSchema?: Record<string, unknown>): SaveSource {
  return {
    method: "tools/call",
    params: { name: run.toolName, arguments: run.args ?? {} },
    answer: "error" in run.outcome ? { error: run.outcome.error } : { result: run.outcome.result },
    durationMs: run.elapsedMs,
    suggestedName: run.toolName,
    ...(outputSchema ? { outputSchema } : {}),
  };
}
