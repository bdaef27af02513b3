import { describe, expect, it } from "vitest";
import { formatShortcut, isMac, shortcutFor, SHORTCUTS } from "./shortcuts";

const key = (code: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "shiftKey" | "altKey", boolean>> = {}) => ({
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("shortcuts", () => {
  it("uses Ctrl on Linux and Windows, ⌘ on macOS", () => {
    expect(shortcutFor(key("KeyK", { ctrlKey: true }), false)).toBe("palette");
    expect(shortcutFor(key("KeyK", { metaKey: true }), false)).toBeUndefined();
    expect(shortcutFor(key("KeyK", { metaKey: true }), true)).toBe("palette");
    expect(shortcutFor(key("KeyK", { ctrlKey: true }), true)).toBeUndefined();
  });

  it("needs the exact modifiers, and a layout-independent key code", () => {
    expect(shortcutFor(key("KeyK"), false)).toBeUndefined();
    expect(shortcutFor(key("KeyK", { ctrlKey: true, shiftKey: true }), false)).toBeUndefined();
    expect(shortcutFor(key("KeyK", { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(shortcutFor(key("Backslash", { ctrlKey: true }), false)).toBe("maximizeTimeline");
    expect(shortcutFor(key("KeyB", { ctrlKey: true }), false)).toBe("toggleSessions");
  });

  it("formats shortcuts as each platform writes them", () => {
    expect(formatShortcut(SHORTCUTS.palette, false)).toBe("Ctrl+K");
    expect(formatShortcut(SHORTCUTS.palette, true)).toBe("⌘K");
    expect(formatShortcut(SHORTCUTS.maximizeTimeline, false)).toBe("Ctrl+\\");
    expect(formatShortcut({ mod: true, shift: true, code: "Enter" }, true)).toBe("⇧⌘Enter");
  });

  it("recognises macOS platforms", () => {
    expect(isMac("MacIntel")).toBe(true);
    expect(isMac("Linux x86_64")).toBe(false);
    expect(isMac("Win32")).toBe(false);
  });
});
