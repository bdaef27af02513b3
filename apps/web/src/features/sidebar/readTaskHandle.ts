import type { Frame } from "@mcpscope/protocol";
import type { TimelineIndex } from "@mcpscope/timeline";

/** A tool call answered with a task handle: the task's id and the tool's name. */
export type TaskHandleAnswer = { type: "taskCreated"; taskId: string; toolName: string };

/**
 * Reads a response that is a task handle (`resultType: "task"`, the Tasks extension of MCP
 * 2026-07-28, SEP-2663), with the name of the tool whose call it answers. Only a response
 * whose text mentions both `"task"` and `"taskId"` is parsed, so the scan stays cheap.
 */
export function readTaskHandle(index: TimelineIndex, frame: Frame): TaskHandleAnswer | undefined {
  if (frame.dir !== "in" || frame.kind !== "response" || !frame.raw.includes('"taskId"') || !frame.raw.includes('"task"')) return undefined;
  const result = frame.msg?.result as { resultType?: unknown; taskId?: unknown } | undefined;
  if (result?.resultType !== "task" || typeof result.taskId !== "string") return undefined;
  const requestSeq = index.requestSeqOf(frame);
  const name = (index.get(requestSeq ?? 0)?.msg?.params as { name?: unknown } | undefined)?.name;
  return { type: "taskCreated", taskId: result.taskId, toolName: typeof name === "string" ? name : "a request" };
}
