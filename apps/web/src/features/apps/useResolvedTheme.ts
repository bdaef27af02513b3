import { useSyncExternalStore } from "react";
import { useThemeStore } from "../theme/themeStore";
import type { AppTheme } from "./appHostContext";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** mcpscope's theme as light or dark: the choice in the theme switch, "System" resolved by the OS preference (and following it). */
export function useResolvedTheme(): AppTheme {
  const choice = useThemeStore((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribe, () => window.matchMedia(DARK_QUERY).matches);
  return choice === "system" ? (systemDark ? "dark" : "light") : choice;
}
