/** A keyboard shortcut: `Mod` is ⌘ on macOS and Ctrl elsewhere; the key is a `KeyboardEvent.code`. */
export interface Shortcut {
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** `KeyboardEvent.code` (layout-independent): "KeyK", "Backslash"… */
  code: string;
}

/** The workbench's shortcuts, by action. */
export const SHORTCUTS = {
  palette: { mod: true, code: "KeyK" },
  maximizeTimeline: { mod: true, code: "Backslash" },
  toggleSessions: { mod: true, code: "KeyB" },
} as const satisfies Record<string, Shortcut>;

export type ShortcutAction = keyof typeof SHORTCUTS;

/** True on macOS (⌘ is the modifier there). */
export function isMac(platform: string = typeof navigator === "undefined" ? "" : navigator.platform): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** Whether a key event is a shortcut (exact modifiers: Ctrl+Shift+K is not Ctrl+K). */
export function matches(event: Pick<KeyboardEvent, "code" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">, shortcut: Shortcut, mac = isMac()): boolean {
  const mod = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  return event.code === shortcut.code && mod === Boolean(shortcut.mod) && !other && event.shiftKey === Boolean(shortcut.shift) && event.altKey === Boolean(shortcut.alt);
}

const KEY_NAMES: Record<string, string> = { Backslash: "\\", Slash: "/", Period: ".", Comma: ",", Enter: "Enter", Escape: "Esc" };

/** A shortcut as people write it: "Ctrl+K" (or "⌘K" on macOS). */
export function formatShortcut(shortcut: Shortcut, mac = isMac()): string {
  const key = KEY_NAMES[shortcut.code] ?? shortcut.code.replace(/^Key|^Digit/, "");
  if (mac) return `${shortcut.alt ? "⌥" : ""}${shortcut.shift ? "⇧" : ""}${shortcut.mod ? "⌘" : ""}${key}`;
  return [shortcut.mod && "Ctrl", shortcut.alt && "Alt", shortcut.shift && "Shift", key].filter(Boolean).join("+");
}

/** The action a key event triggers, if any. */
export function shortcutFor(event: Pick<KeyboardEvent, "code" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">, mac = isMac()): ShortcutAction | undefined {
  return (Object.keys(SHORTCUTS) as ShortcutAction[]).find((action) => matches(event, SHORTCUTS[action], mac));
}
