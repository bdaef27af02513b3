import { describe, expect, it } from "vitest";
import { isTerminal, taskCapabilities, taskSupport } from "./taskTypes";

describe("isTerminal", () => {
  it("is true only for completed, failed and cancelled", () => {
    expect(["completed", "failed", "cancelled"].map(isTerminal)).toEqual([true, true, true]);
    expect(["working", "input_required", undefined].map(isTerminal)).toEqual([false, false, false]);
  });
});

describe("taskSupport", () => {
  it("reads execution.taskSupport, forbidden when absent or unknown", () => {
    expect(taskSupport({ execution: { taskSupport: "required" } })).toBe("required");
    expect(taskSupport({ execution: { taskSupport: "optional" } })).toBe("optional");
    expect(taskSupport({ execution: { taskSupport: "sometimes" } })).toBe("forbidden");
    expect(taskSupport({})).toBe("forbidden");
  });
});

describe("taskCapabilities", () => {
  it("reads tasks.list and tasks.cancel", () => {
    expect(taskCapabilities({ tasks: { list: {}, cancel: {}, requests: {} } })).toEqual({ list: true, cancel: true });
    expect(taskCapabilities({ tasks: { requests: { tools: { call: {} } } } })).toEqual({ list: false, cancel: false });
    expect(taskCapabilities(undefined)).toEqual({ list: false, cancel: false });
  });
});
