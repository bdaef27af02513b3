import { useMemo, useState } from "react";
import { Command } from "cmdk";
import { useQueryClient } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { useMe } from "../sharing/useMe";
import { filterByMethod, goToFrame, paletteCommands, type PaletteCommand } from "./paletteCommands";
import { formatShortcut, isMac, type Shortcut } from "./shortcuts";
import "./commandPalette.css";

const GROUPS: PaletteCommand["group"][] = ["Actions", "Timeline", "Tools", "Sessions", "Filter by method"];

/** `aria-keyshortcuts` syntax (WAI-ARIA): "Control+K", "Meta+Backslash". */
function ariaShortcut(shortcut: Shortcut, mac: boolean): string {
  const key = shortcut.code.replace(/^Key|^Digit/, "");
  return [shortcut.mod && (mac ? "Meta" : "Control"), shortcut.alt && "Alt", shortcut.shift && "Shift", key].filter(Boolean).join("+");
}

interface Props {
  session?: SessionInfo;
  sessionsCollapsed: boolean;
  onClose: () => void;
}

/**
 * Dialog "Command palette" (Ctrl+K / ⌘K): a combobox (also "Command palette") filtering the
 * listbox "Commands" of actions, each an option named for what it does, with its shortcut shown beside it.
 * Typing a number offers "Go to frame #N"; typing text offers "Filter by method “…”".
 */
export function CommandPalette({ session, sessionsCollapsed, onClose }: Props) {
  const queryClient = useQueryClient();
  const me = useMe();
  const [query, setQuery] = useState("");
  const mac = isMac();
  const commands = useMemo(
    () => paletteCommands({ session, viewer: me?.role === "viewer", presenter: me?.role === "presenter", sessionsCollapsed, queryClient }),
    [session, me?.role, sessionsCollapsed, queryClient],
  );
  const seq = /^#?\d+$/.test(query.trim()) ? Number(query.trim().replace("#", "")) : undefined;
  const typedMethod = query.trim() && seq === undefined && session ? query.trim() : undefined;

  const run = (action: () => void) => {
    onClose();
    // After the dialog has given the focus back, so an action can move it.
    requestAnimationFrame(action);
  };

  return (
    <Command.Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      label="Command palette"
      className="command-palette"
      overlayClassName="command-overlay"
      contentClassName="command-dialog"
      loop
      // Ctrl+K closes the palette again (cmdk's vim bindings would take it for "up").
      vimBindings={false}
    >
      <Command.Input value={query} onValueChange={setQuery} placeholder="Type a command, a frame number, or a method…" />
      <Command.List label="Commands" className="command-list">
        <Command.Empty className="command-empty">No command matches “{query}”.</Command.Empty>
        {session && seq !== undefined && seq > 0 && (
          <Command.Group heading="Go to" forceMount>
            <Command.Item value={`go to frame ${seq}`} forceMount onSelect={() => run(() => goToFrame(session.id, seq))}>
              Go to frame #{seq}
            </Command.Item>
          </Command.Group>
        )}
        {GROUPS.map((group) => {
          const items = commands.filter((c) => c.group === group);
          if (items.length === 0 && !(group === "Filter by method" && typedMethod)) return null;
          return (
            <Command.Group key={group} heading={group} forceMount={group === "Filter by method" && typedMethod !== undefined}>
              {items.map((c) => (
                <Command.Item
                  key={c.id}
                  value={c.name}
                  keywords={c.keywords}
                  aria-keyshortcuts={c.shortcut ? ariaShortcut(c.shortcut, mac) : undefined}
                  onSelect={() => run(c.run)}
                >
                  <span className="command-name">{c.name}</span>
                  {c.shortcut && (
                    <kbd className="command-shortcut" aria-hidden="true">
                      {formatShortcut(c.shortcut, mac)}
                    </kbd>
                  )}
                </Command.Item>
              ))}
              {group === "Filter by method" && typedMethod && (
                <Command.Item value={`filter by method ${typedMethod} (typed)`} forceMount onSelect={() => run(() => filterByMethod(typedMethod))}>
                  Filter by method containing “{typedMethod}”
                </Command.Item>
              )}
            </Command.Group>
          );
        })}
      </Command.List>
      <p className="command-hint small muted" aria-hidden="true">
        ↑↓ to move · Enter to run · Esc to close · {formatShortcut({ mod: true, code: "KeyK" }, mac)} opens this anywhere
      </p>
    </Command.Dialog>
  );
}
