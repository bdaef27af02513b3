import type { Frame } from "@mcpscope/protocol";
import { messageMethod } from "@mcpscope/timeline";
import type { ChangeableList } from "../../stores/sidebarStore";

/** A server notification the sidebar reacts to, read from one frame. */
export type ServerNotification =
  | { type: "listChanged"; list: ChangeableList }
  | { type: "resourceUpdated"; uri: string }
  | { type: "taskStatus"; taskId: string; status?: string };

const LIST_CHANGED: Record<string, ChangeableList> = {
  "notifications/tools/list_changed": "tools",
  "notifications/prompts/list_changed": "prompts",
  "notifications/resources/list_changed": "resources",
};

/**
 * Reads a server→client notification frame as a list change (MCP 2025-11-25 "Server
 * Features": `notifications/{tools,prompts,resources}/list_changed`), a resource update
 * (`notifications/resources/updated`, "Resources → Subscriptions") or a task status change
 * (`notifications/tasks/status`, "Utilities → Tasks"). Anything else, and malformed params,
 * answer `undefined`.
 */
export function readServerNotification(frame: Frame): ServerNotification | undefined {
  if (frame.dir !== "in" || frame.kind !== "notification") return undefined;
  const method = messageMethod(frame);
  if (method === undefined) return undefined;
  const list = LIST_CHANGED[method];
  if (list) return { type: "listChanged", list };
  if (method !== "notifications/resources/updated" && method !== "notifications/tasks/status") return undefined;
  const params = frame.msg?.params as Record<string, unknown> | undefined;
  if (method === "notifications/resources/updated") {
    return typeof params?.uri === "string" ? { type: "resourceUpdated", uri: params.uri } : undefined;
  }
  if (method === "notifications/tasks/status") {
    if (typeof params?.taskId !== "string") return undefined;
    return { type: "taskStatus", taskId: params.taskId, ...(typeof params.status === "string" ? { status: params.status } : {}) };
  }
  return undefined;
}

/**
 * The react-query keys that hold a list, to refresh when the server announces it changed.
 * A resources change covers both `resources/list` and `resources/templates/list`.
 */
export function listQueryKeys(list: ChangeableList, sessionId: string): string[][] {
  if (list === "resources") return [["resources", sessionId], ["resourceTemplates", sessionId]];
  return [[list, sessionId]];
}
