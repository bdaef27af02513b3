import { useEffect, useRef, useState } from "react";
import { copyText } from "../../lib/clipboard";

/** Copies text and reports "copied" for a moment, or the error; one state per button. */
export function useCopied(resetMs = 2000) {
  const [state, setState] = useState<{ copied: boolean; error?: string }>({ copied: false });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async (text: string) => {
    clearTimeout(timer.current);
    try {
      await copyText(text);
      setState({ copied: true });
    } catch (err) {
      setState({ copied: false, error: err instanceof Error ? err.message : String(err) });
    }
    timer.current = setTimeout(() => setState({ copied: false }), resetMs);
  };
  return { ...state, copy };
}
