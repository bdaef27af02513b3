import { useState } from "react";
import { useIsViewer } from "../sharing/useMe";
import { SaveDialog } from "./SaveDialog";
import type { SaveSource } from "./saveSource";

/**
 * Button "Save to collection…": opens the Save dialog for a request and what it got (a tool
 * call's result, a resource read, a prompt get, a request frame). Not shown to viewers.
 */
export function SaveToCollection({ source }: { source: SaveSource }) {
  const viewer = useIsViewer();
  const [open, setOpen] = useState(false);
  if (viewer) return null;
  return (
    <>
      <button type="button" className="small ghost" onClick={() => setOpen(true)}>
        Save to collection…
      </button>
      {open && <SaveDialog source={source} onClose={() => setOpen(false)} />}
    </>
  );
}
