import { describe, expect, it } from "vitest";
import type { JSONRPCMessage } from "@modelcontextprotocol/client";
import { ClientTasks, RELATED_TASK_META_KEY } from "./clientTasks.js";

type Reply = { id: unknown; result?: Record<string, unknown>; error?: { code: number; message: string } };

/** ClientTasks with a hand-driven answer for the task's request; replies collected in order. */
function rig() {
  const replies: Reply[] = [];
  const answers: Array<{ resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void; signal: AbortSignal }> = [];
  const tasks = new ClientTasks(
    async (message: JSONRPCMessage) => void replies.push(message as unknown as Reply),
    (_method, _id, _params, signal) => new Promise((resolve, reject) => answers.push({ resolve, reject, signal })),
  );
  const reply = (id: unknown) => replies.find((r) => r.id === id);
  return { tasks, replies, answers, reply };
}

const sample = (id: number) => ({ id, method: "sampling/createMessage", params: { messages: [], maxTokens: 5, task: { ttl: 60_000 } } });

describe("ClientTasks (MCP 2025-11-25 tasks, client side)", () => {
  it("leaves plain requests and unknown methods to the SDK", () => {
    const { tasks } = rig();
    expect(tasks.handle({ id: 1, method: "sampling/createMessage", params: { messages: [] } })).toBe(false);
    expect(tasks.handle({ id: 2, method: "roots/list" })).toBe(false);
  });

  it("answers a task-augmented request with the created task, serves tasks/get and tasks/list, and tasks/result once it ends", async () => {
    const { tasks, answers, reply } = rig();
    expect(tasks.handle(sample(1))).toBe(true);
    const task = reply(1)!.result!.task as { taskId: string; status: string; ttl: number };
    expect(task).toMatchObject({ status: "working", ttl: 60_000 });
    tasks.handle({ id: 2, method: "tasks/get", params: { taskId: task.taskId } });
    expect(reply(2)!.result).toMatchObject({ taskId: task.taskId, status: "working" });
    tasks.handle({ id: 3, method: "tasks/list", params: {} });
    expect(reply(3)!.result!.tasks).toEqual([expect.objectContaining({ taskId: task.taskId })]);

    tasks.handle({ id: 4, method: "tasks/result", params: { taskId: task.taskId } });
    await Promise.resolve();
    expect(reply(4), "tasks/result blocks until the task ends").toBeUndefined();
    answers[0]!.resolve({ role: "assistant", content: { type: "text", text: "ok" }, model: "m" });
    await expect.poll(() => reply(4)).toBeDefined();
    expect(reply(4)!.result).toMatchObject({ model: "m", _meta: { [RELATED_TASK_META_KEY]: { taskId: task.taskId } } });
    tasks.handle({ id: 5, method: "tasks/get", params: { taskId: task.taskId } });
    expect(reply(5)!.result).toMatchObject({ status: "completed" });
  });

  it("returns the request's JSON-RPC error from tasks/result when the answer was an error", async () => {
    const { tasks, answers, reply } = rig();
    tasks.handle(sample(1));
    const { taskId } = reply(1)!.result!.task as { taskId: string };
    answers[0]!.reject(Object.assign(new Error("User rejected sampling request"), { code: -1 }));
    tasks.handle({ id: 2, method: "tasks/result", params: { taskId } });
    await expect.poll(() => reply(2)).toBeDefined();
    expect(reply(2)!.error).toEqual({ code: -1, message: "User rejected sampling request" });
  });

  it("cancels a working task (the inbox item's signal aborts) and refuses to cancel it twice", () => {
    const { tasks, answers, reply } = rig();
    tasks.handle(sample(1));
    const { taskId } = reply(1)!.result!.task as { taskId: string };
    tasks.handle({ id: 2, method: "tasks/cancel", params: { taskId } });
    expect(reply(2)!.result).toMatchObject({ taskId, status: "cancelled" });
    expect(answers[0]!.signal.aborted).toBe(true);
    tasks.handle({ id: 3, method: "tasks/cancel", params: { taskId } });
    expect(reply(3)!.error).toMatchObject({ code: -32602 });
  });

  it("answers -32602 for a task it does not know", () => {
    const { tasks, reply } = rig();
    tasks.handle({ id: 9, method: "tasks/get", params: { taskId: "nope" } });
    expect(reply(9)!.error).toMatchObject({ code: -32602, message: expect.stringContaining("Task not found") });
  });
});
