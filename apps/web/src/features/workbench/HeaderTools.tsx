import { useWorkbenchStore } from "../../stores/workbenchStore";
import { formatShortcut, SHORTCUTS } from "../commands/shortcuts";
import { ThemeSwitch } from "../theme/ThemeSwitch";

/** The header's workbench controls: "Command palette" (with its shortcut) and the theme switch. */
export function HeaderTools() {
  const setPaletteOpen = useWorkbenchStore((s) => s.setPaletteOpen);
  const shortcut = formatShortcut(SHORTCUTS.palette);
  return (
    <div className="header-tools">
      <button type="button" className="small palette-button" aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K" onClick={() => setPaletteOpen(true)}>
        <span className="sr-only">Command palette</span>
        <span aria-hidden="true">
          Commands <kbd>{shortcut}</kbd>
        </span>
      </button>
      <ThemeSwitch />
    </div>
  );
}
