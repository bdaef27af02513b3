import { describe, expect, it } from "vitest";
import { activeTab, availableTabs } from "./availableTabs";

describe("availableTabs", () => {
  it("shows a tab per declared capability, in a fixed order", () => {
    expect(availableTabs({ tasks: {}, prompts: {}, tools: { listChanged: true }, logging: {} })).toEqual(["tools", "prompts", "tasks"]);
    expect(availableTabs({ resources: { subscribe: true } })).toEqual(["resources"]);
  });

  it("shows Tasks for a 2026-07-28 server declaring the Tasks extension", () => {
    expect(availableTabs({ tools: {}, extensions: { "io.modelcontextprotocol/tasks": {} } })).toEqual(["tools", "tasks"]);
    expect(availableTabs({ tools: {}, extensions: { "com.example/other": {} } })).toEqual(["tools"]);
  });

  it("falls back to Tools when nothing is known or declared", () => {
    expect(availableTabs(undefined)).toEqual(["tools"]);
    expect(availableTabs({ logging: {} })).toEqual(["tools"]);
  });
});

describe("activeTab", () => {
  it("keeps the chosen tab while offered, else takes the first", () => {
    expect(activeTab("prompts", ["tools", "prompts"])).toBe("prompts");
    expect(activeTab("tasks", ["tools", "prompts"])).toBe("tools");
    expect(activeTab(undefined, ["resources"])).toBe("resources");
  });
});
